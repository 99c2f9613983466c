"""What Odoo's own mass mailing costs, beside our run (odoo-bin shell, ``make bench-mail-floor``).

The run's target (issue 16) is a time per debtor, e-mail rendered and queued. This measures,
on the bench database and in the same process, alternately:

- **Odoo alone**: Odoo's mass-mail composer queuing one e-mail to each debtor of the run (the
  customers with an open invoice), from a template of one line (``Bonjour {{ name }}``), kept
  (no auto-delete) as the run keeps its e-mails: what any e-mail queued by Odoo costs, before
  anything of ours;
- **the run**: ``dunning.run._run`` at the bench date (communications, invoice lines, amounts,
  guardrails, its e-mails rendered and queued, calls, chatter).

Each in a transaction rolled back; ``ROUNDS`` rounds (default 3); the median of each. Prints the
CPU and wall time per e-mail and what they give for 20,000 debtors on 2 cores.
"""
# ruff: noqa: F821  (``env`` is provided by odoo-bin shell)

import json
import os
import statistics
import time
from datetime import date
from pathlib import Path

ROUNDS = int(os.environ.get("ROUNDS", "3"))

company = env.ref("base.main_company")
env = env(context=dict(env.context, allowed_company_ids=[company.id], mail_notify_force_send=False))
today = date.fromisoformat(
    env["ir.config_parameter"].sudo().get_param("recouvrement_amiable.bench_today")
)
debtors = (
    env["account.move"]
    .search([("move_type", "=", "out_invoice"), ("payment_state", "in", ("not_paid", "partial"))])
    .commercial_partner_id
)


def timed(work):
    """(CPU s, wall s, queries, what work returned), in a transaction rolled back."""
    env.invalidate_all()
    env.registry.clear_cache()
    savepoint = env.cr.savepoint(flush=False)
    queries, cpu, wall = env.cr.sql_log_count, time.process_time(), time.time()
    count = work()
    env.flush_all()
    result = (
        time.process_time() - cpu,
        time.time() - wall,
        env.cr.sql_log_count - queries,
        count,
    )
    savepoint.rollback()
    savepoint.close()
    env.invalidate_all()
    return result


def odoo_alone():
    template = env["mail.template"].create(
        {
            "name": "bench: one line",
            "model_id": env["ir.model"]._get_id("res.partner"),
            "subject": "Relance",
            "email_from": "{{ user.email_formatted }}",
            "partner_to": "{{ object.id }}",
            "body_html": '<p>Bonjour <t t-out="object.name"/>,</p>',
        }
    )
    composer = env["mail.compose.message"].create(
        {
            "composition_mode": "mass_mail",
            "model": "res.partner",
            "res_ids": repr(debtors.ids),
            "template_id": template.id,
            "force_send": False,
            "auto_delete": False,
            "auto_delete_keep_log": True,
        }
    )
    mails, _messages = composer._action_send_mail()
    return len(mails)


def the_run():
    actions = env["dunning.run"]._run(today=today)
    return len(actions.filtered("channel_email"))


samples = {"odoo": [], "run": []}
for attempt in range(ROUNDS):
    for name, work in (("odoo", odoo_alone), ("run", the_run)):
        cpu, wall, queries, mails = timed(work)
        samples[name].append((cpu, wall, queries, mails))
        print(
            f"round {attempt + 1} {name:4}: {mails} e-mails, CPU {cpu:.2f} s, wall {wall:.2f} s, "
            f"{queries} queries",
            flush=True,
        )

results = {"debtors": len(debtors), "date": today.isoformat()}
print()
for name, label in (("odoo", "Odoo's mass mailing alone"), ("run", "our run")):
    cpu = statistics.median(s[0] for s in samples[name])
    wall = statistics.median(s[1] for s in samples[name])
    mails = samples[name][0][3]
    per_mail = 1000 * cpu / mails
    results[name] = {"cpu_s": cpu, "wall_s": wall, "emails": mails, "cpu_ms_per_email": per_mail}
    print(
        f"{label}: {mails} e-mails, median CPU {cpu:.2f} s, wall {wall:.2f} s; "
        f"{per_mail:.2f} ms of CPU an e-mail, so {20000 * per_mail / 1000 / 2:.0f} s for 20,000 "
        "on 2 cores (PostgreSQL's share not counted)"
    )
print(
    f"Odoo's share of the run's CPU: {results['odoo']['cpu_s'] / results['run']['cpu_s']:.0%} "
    "(the same e-mails, one line each)"
)
out = os.environ.get("BENCH_RESULTS")
if out:
    Path(out).write_text(json.dumps(results, indent=2))
env.cr.rollback()
