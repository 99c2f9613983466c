"""Cockpit speed on the benchmark database (odoo-bin shell, ``make bench-cockpit``).

Times, best of 3, what the web client asks when the accountant opens each screen: the
"Aujourd'hui" cards with every counter, the first page (80 rows) of the list each counter opens,
and the first page of each report (pivot grouped as the action opens it, then the list). The DSO
report is timed twice: its first opening of the day (the refresh) and a later one. Today's
dunning run is made first so that the counters have something to count; everything runs in a
transaction rolled back at the end. Prints a table and writes $BENCH_RESULTS.
"""
# ruff: noqa: F821  (``env`` is provided by odoo-bin shell)

import json
import os
import time
from datetime import date
from pathlib import Path

ATTEMPTS = 3
PAGE = 80

company = env.ref("base.main_company")
env = env(context=dict(env.context, allowed_company_ids=[company.id], lang="fr_FR"))
invoices = env["account.move"].search_count([("move_type", "=", "out_invoice")])
debtors = len(env["account.move"]._read_group([("move_type", "=", "out_invoice")], ["partner_id"]))


def best_of(run):
    """Best of ATTEMPTS, each rolled back to the state before it (the run's history stays)."""
    timings = []
    for _attempt in range(ATTEMPTS):
        env.flush_all()
        savepoint = env.cr.savepoint(flush=False)
        env.invalidate_all()
        started = time.perf_counter()
        run()
        env.flush_all()
        timings.append(time.perf_counter() - started)
        savepoint.close(rollback=True)
        env.invalidate_all()
    return round(min(timings), 3)


def numeric_fields(model):
    return [
        name
        for name, field in env[model]._fields.items()
        if field.type in ("integer", "float", "monetary") and field.store and field.aggregator
    ]


def first_page(model, domain, groupby):
    """The pivot/graph grouped as opened, then the list's first page."""
    Model = env[model]
    aggregates = [f"{name}:{Model._fields[name].aggregator}" for name in numeric_fields(model)]
    Model.formatted_read_group(domain, groupby=[groupby], aggregates=aggregates)
    Model.search_read(domain, list(Model._fields)[:25], limit=PAGE)


def cards():
    Cockpit = env["dunning.cockpit"]
    return Cockpit.search_read([], list(Cockpit._fields))


# a day of work to count: today's dunning run (rolled back at the end, like everything here)
today = date.fromisoformat(
    env["ir.config_parameter"].sudo().get_param("recouvrement_amiable.bench_today")
)
env = env(context=dict(env.context, mail_notify_force_send=False))
env["dunning.run"]._run(today=today)
# The run's communications exist in this transaction only: as autovacuum would have done after
# a real (committed) run, let the planner know they are there (ANALYZE sees them; its statistics
# are rolled back with the rest). Without it the reports are planned for empty tables.
env.flush_all()
env.cr.execute("ANALYZE dunning_action, dunning_action_line")
communications = env["dunning.action"].search_count([])
results = {"invoices": invoices, "debtors": debtors, "timings": {}}
timings = results["timings"]
timings["Aujourd'hui: every card and counter"] = best_of(cards)
card = env["dunning.cockpit"].search([], limit=1)
for method in sorted(name for name in dir(type(card)) if name.startswith("action_open_")):

    def open_counter(method=method):
        action = getattr(env["dunning.cockpit"].browse(card.id), method)()
        env[action["res_model"]].search_read(action["domain"], ["display_name"], limit=PAGE)

    timings[f"counter {method.removeprefix('action_open_')}: its list"] = best_of(open_counter)


def ageing_first_screen():
    """The report's first screen: its list grouped by debtor, 80 debtors a page with their
    aged balance, as the web client asks it (``web_read_group``)."""
    Ageing = env["dunning.ageing.report"]
    aggregates = [f"{name}:sum" for name in Ageing._fields if name.startswith("amount_")]
    Ageing.web_read_group([], ["partner_id"], aggregates, limit=PAGE)


timings["Balance âgée (today): by debtor, first page"] = best_of(ageing_first_screen)
timings["Balance âgée (today): pivot of every debtor + list"] = best_of(
    lambda: first_page("dunning.ageing.report", [], "partner_id")
)
timings["Ce qui marche: by level + list"] = best_of(
    lambda: first_page("dunning.effectiveness.report", [], "level_id")
)
timings["Probabilité de recouvrement: by company + list"] = best_of(
    lambda: first_page("dunning.recovery.report", [], "company_id")
)
# what its action opens: the list, not grouped (one reading of the report's view)
timings["Probabilité de recouvrement: its list (first screen)"] = best_of(
    lambda: env["dunning.recovery.report"].search_read(
        [], list(env["dunning.recovery.report"]._fields)[:25], limit=PAGE
    )
)


def dso_first_opening():
    env["dunning.dso"].search([]).unlink()
    env["dunning.dso"].action_open_report()
    first_page("dunning.dso", [], "company_id")


timings["DSO: first opening of the day (24 months recomputed)"] = best_of(dso_first_opening)
env["dunning.dso"].action_open_report()  # today's figures computed, kept for the later openings
later = []
for _attempt in range(ATTEMPTS):
    env.invalidate_all()
    started = time.perf_counter()
    env["dunning.dso"].action_open_report()
    first_page("dunning.dso", [], "company_id")
    later.append(time.perf_counter() - started)
timings["DSO: later opening"] = round(min(later), 3)
env.cr.rollback()

print(
    f"\n{invoices} invoices, {debtors} debtors, {communications} communications; "
    f"seconds, best of {ATTEMPTS}"
)
for name, seconds in timings.items():
    print(f"  {seconds:7.3f}  {name}")
print(f"  slowest: {max(timings.values()):.3f} s")
out = Path(os.environ.get("BENCH_RESULTS", ".state/bench-cockpit.json"))
out.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
