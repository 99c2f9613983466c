"""Benchmark measurements (odoo-bin shell): our run and OCA's run on the same data.

Each measurement runs in its own transaction, rolled back afterwards, so both start from the
same state; each runs twice and the best wall time is kept. E-mails are queued in both cases
(``mail_notify_force_send=False``), so neither pays for SMTP.
"""
# ruff: noqa: F821  (``env`` is provided by odoo-bin shell)

import json
import time
from datetime import date
from pathlib import Path

company = env.ref("base.main_company")
env = env(context=dict(env.context, allowed_company_ids=[company.id], mail_notify_force_send=False))
today = date.fromisoformat(
    env["ir.config_parameter"].sudo().get_param("recouvrement_amiable.bench_today")
)
invoices = env["account.move"].search_count(
    [
        ("move_type", "=", "out_invoice"),
        ("state", "=", "posted"),
        ("payment_state", "=", "not_paid"),
    ]
)


def measure(run):
    best = None
    for _attempt in range(2):
        env.invalidate_all()
        queries = env.cr.sql_log_count
        started = time.perf_counter()
        created = run()
        env.flush_all()
        result = (time.perf_counter() - started, env.cr.sql_log_count - queries, created)
        env.cr.rollback()
        if best is None or result[0] < best[0]:
            best = result
    return best


def ours():
    return len(env["dunning.action"]._run_dunning(today=today))


def oca():
    receivable = env["account.account"].search(
        [("account_type", "=", "asset_receivable"), ("company_ids", "in", company.ids)]
    )
    template = env.ref("account_credit_control.email_template_credit_control_base")
    # like ours, e-mails without a PDF attached (OCA's template attaches a report rendered
    # one communication at a time; letters are measured separately)
    template.report_template_ids = False
    policy = env["credit.control.policy"].create(
        {
            "name": "Bench",
            "account_ids": [(6, 0, receivable.ids)],
            "level_ids": [
                (
                    0,
                    0,
                    {
                        "name": f"Level {level}",
                        "level": level,
                        "computation_mode": "net_days",
                        "delay_days": delay,
                        "email_template_id": template.id,
                        "channel": "email",
                        "custom_text": "Please pay.",
                        "custom_mail_text": "<p>Please pay.</p>",
                        "mail_show_invoice_detail": True,
                    },
                )
                for level, delay in ((1, 5), (2, 15), (3, 35))
            ],
        }
    )
    company.credit_policy_id = policy
    run = env["credit.control.run"].create({"date": today, "policy_ids": [(6, 0, policy.ids)]})
    run.generate_credit_lines()
    run.set_to_ready_lines()
    lines = run.line_ids.filtered(lambda line: line.channel == "email")
    communications = env["credit.control.communication"]._generate_comm_from_credit_lines(lines)
    communications._generate_emails()
    return len(communications)


def letters():
    """Print 200 reminder letters in one batch (one wkhtmltopdf call)."""
    actions = env["dunning.action"]._run_dunning(today=today)
    batch = actions[:LETTER_BATCH]
    report = env.ref("recouvrement_amiable.action_report_dunning_letter")
    env.flush_all()
    started = time.perf_counter()
    batch._render_letters(report)
    env.flush_all()
    elapsed = time.perf_counter() - started
    rendered = len(batch.filtered("letter_attachment_id"))
    env.cr.rollback()
    return elapsed, rendered


LETTER_BATCH = 200
letters_time, letters_count = letters()
our_time, our_queries, our_count = measure(ours)
oca_time, oca_queries, oca_count = measure(oca)
results = {
    "invoices": invoices,
    "debtors": env["res.partner"].search_count([("name", "=like", "Client %")]),
    "date": today.isoformat(),
    "recouvrement_amiable": {
        "seconds": round(our_time, 2),
        "queries": our_queries,
        "communications": our_count,
    },
    "account_credit_control": {
        "seconds": round(oca_time, 2),
        "queries": oca_queries,
        "communications": oca_count,
    },
    "time_ratio_oca_over_ours": round(oca_time / our_time, 2),
    "letters": {"count": letters_count, "seconds": round(letters_time, 2)},
}
print(json.dumps(results, indent=2))
out = Path(env["ir.config_parameter"].sudo().get_param("recouvrement_amiable.bench_out", ".state"))
out.mkdir(exist_ok=True)
(out / "bench-results.json").write_text(json.dumps(results, indent=2))
