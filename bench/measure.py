"""Benchmark measurements (odoo-bin shell): our dunning run and OCA's, on the same data and date.

Each measurement runs in its own transaction, rolled back afterwards, so all start from the
same state; each runs $BENCH_ATTEMPTS times (default 3, the issue's "best of 3") and the best
wall time is kept. E-mails are queued on both sides (``mail_notify_force_send=False``): neither
pays for SMTP. Prints a table and writes the
results as JSON to $BENCH_RESULTS (default ``.state/bench-results.json``).
"""
# ruff: noqa: F821  (``env`` is provided by odoo-bin shell)

import json
import os
import time
from datetime import date
from pathlib import Path

from odoo import Command

ATTEMPTS = int(os.environ.get("BENCH_ATTEMPTS") or 3)
LETTERS = 200

company = env.ref("base.main_company")
env = env(context=dict(env.context, allowed_company_ids=[company.id], mail_notify_force_send=False))
today = date.fromisoformat(
    env["ir.config_parameter"].sudo().get_param("recouvrement_amiable.bench_today")
)
overdue = [
    ("move_type", "=", "out_invoice"),
    ("state", "=", "posted"),
    ("payment_state", "in", ("not_paid", "partial")),
    ("invoice_date_due", "<", today),
]
invoices = env["account.move"].search_count(overdue)
debtors = len(env["account.move"]._read_group(overdue, ["commercial_partner_id"]))


def measure(run):
    """Best of ATTEMPTS runs, each rolled back: seconds, SQL queries, records created."""
    best, attempts = None, []
    for _attempt in range(ATTEMPTS):
        env.cr.rollback()
        queries = env.cr.sql_log_count
        started = time.perf_counter()
        created = run()
        env.flush_all()
        result = {
            "seconds": round(time.perf_counter() - started, 2),
            "queries": env.cr.sql_log_count - queries,
            "communications": created,
        }
        env.cr.rollback()
        attempts.append(result["seconds"])
        if best is None or result["seconds"] < best["seconds"]:
            best = result
    return dict(best, attempts=attempts)


def ours_available():
    return "dunning.run" in env


def ours():
    assert company._dunning_policy().level_ids, "no default dunning policy"
    return len(env["dunning.run"]._run(today=today))


def oca():
    """What OCA's "Run" then "Send e-mails" buttons do, with a 3-level e-mail policy."""
    receivable = env["account.account"].search(
        [("account_type", "=", "asset_receivable"), ("company_ids", "in", company.ids)]
    )
    template = env.ref("account_credit_control.email_template_credit_control_base")
    # e-mails without a PDF, like ours: OCA's template attaches a report rendered with one
    # wkhtmltopdf call per communication (our letters are measured separately)
    template.report_template_ids = False
    levels = [
        Command.create(
            {
                "name": f"Level {level}",
                "level": level,
                "computation_mode": "net_days",
                "delay_days": delay,
                "email_template_id": template.id,
                "channel": "email",
                "custom_text": "Merci de régler les factures ci-dessous.",
                "custom_mail_text": "<p>Merci de régler les factures ci-dessous.</p>",
                "mail_show_invoice_detail": True,
            }
        )
        for level, delay in ((1, 5), (2, 15), (3, 35))
    ]
    policy = env["credit.control.policy"].create(
        {"name": "Bench", "account_ids": [Command.set(receivable.ids)], "level_ids": levels}
    )
    company.credit_policy_id = policy
    run = env["credit.control.run"].create({"date": today, "policy_ids": [Command.set(policy.ids)]})
    run.generate_credit_lines()
    run.set_to_ready_lines()
    run.run_channel_action()
    return len(run.line_ids.communication_id)


def letters():
    """LETTERS communications printed with the reminder letter report and stored, in one batch
    (after a run; rolled back)."""
    actions = env["dunning.run"]._run(today=today)[:LETTERS]
    report = env.ref("recouvrement_amiable.action_report_dunning_letter")
    if url := os.environ.get("BENCH_REPORT_URL"):  # styled: the stylesheets from that server
        env["ir.config_parameter"].sudo().set_param("report.url", url)
    env.flush_all()
    started = time.perf_counter()
    actions._internal()._render_letters(report)  # as the letters job does
    env.flush_all()
    result = {
        "count": len(actions.filtered("letter_attachment_id")),
        "seconds": round(time.perf_counter() - started, 2),
        "styled": bool(os.environ.get("BENCH_REPORT_URL")),
    }
    env.cr.rollback()
    return result


results = {"date": today.isoformat(), "invoices": invoices, "debtors": debtors}
if ours_available():
    results["recouvrement_amiable"] = measure(ours)
else:
    print("recouvrement_amiable run: not available yet")
if os.environ.get("BENCH_SKIP_OCA"):
    print("account_credit_control: not run at this size (it would take more than 10 minutes)")
else:
    results["account_credit_control"] = measure(oca)
mine, theirs = results.get("recouvrement_amiable"), results.get("account_credit_control")
if mine and theirs:
    results["ratio_oca_over_ours"] = {
        key: round(theirs[key] / mine[key], 1) for key in ("seconds", "queries")
    }
if mine:
    results["letters"] = letters()

print(f"\n{invoices} overdue invoices, {debtors} debtors, date {today}, best of {ATTEMPTS} runs")
print(f"{'':24}{'wall time (s)':>14}{'SQL queries':>13}{'communications':>16}")
for name in ("recouvrement_amiable", "account_credit_control"):
    if row := results.get(name):
        print(f"{name:24}{row['seconds']:>14.2f}{row['queries']:>13,}{row['communications']:>16,}")
if ratio := results.get("ratio_oca_over_ours"):
    print(f"{'ratio OCA / ours':24}{ratio['seconds']:>14.1f}{ratio['queries']:>13.1f}")
if mine:
    print(f"our queries per debtor: {mine['queries'] / debtors:.2f}")
    letters_done = results["letters"]
    print(
        f"{letters_done['count']} reminder letters printed and stored"
        f"{' (styled)' if letters_done['styled'] else ' (unstyled)'}: "
        f"{letters_done['seconds']:.1f} s, "
        f"{letters_done['count'] / letters_done['seconds']:.1f} letters/s"
    )
out = Path(os.environ.get("BENCH_RESULTS", ".state/bench-results.json"))
out.parent.mkdir(parents=True, exist_ok=True)
out.write_text(json.dumps(results, indent=2) + "\n")
print(f"results written to {out}")
