"""Payment plans follow-up on the benchmark database (odoo-bin shell, ``make bench-plans``).

Builds once (committed by batches, marked by ``recouvrement_amiable.bench_plans``): one signed
plan of 3 monthly instalments for each open invoice of the bench (10,000 at 10k), created
through the plans' internal path (the one the wizard and the signature use; the bench does not
sign 10,000 PDFs). Their first instalments are spread around the bench date so that the daily
follow-up has each kind of work:

- 45 %: due in 3 days, a reminder to send;
- 25 %: due in 20 days, nothing to do;
- 9 %: due 2 days ago, inside the grace period, nothing to do;
- 15 %: due 10 days ago, the missed-instalment reminder to send;
- 5 %: due 10 days ago and a third of the invoice paid yesterday, the instalment to mark paid;
- 1 %: due 40 days ago, missed-instalment reminder sent 20 days ago: the plan breaks, the
  dunning run resumes for its invoice (formal notice).

Then times ``_process_payment_plans`` (the daily scheduled action's work) at the bench date,
twice, each in a transaction rolled back, and prints the best with its queries. Writes
$BENCH_RESULTS.
"""
# ruff: noqa: F821  (``env`` is provided by odoo-bin shell)

import json
import os
import time
from datetime import date, timedelta
from pathlib import Path

from odoo import Command

ATTEMPTS = 2
BATCH = 500
PARAM = "recouvrement_amiable.bench_plans"

company = env.ref("base.main_company")
env = env(context=dict(env.context, allowed_company_ids=[company.id], mail_notify_force_send=False))
params = env["ir.config_parameter"].sudo()
today = date.fromisoformat(params.get_param("recouvrement_amiable.bench_today"))
Plan = env["dunning.payment.plan"]._internal()
SIGNED_ON = today - timedelta(days=45)


def shape(index):
    """(days from today to the first instalment, missed-reminder day or None, paid or not)."""
    share = index % 100
    if share < 45:
        return 3, None, False
    if share < 70:
        return 20, None, False
    if share < 79:
        return -2, None, False
    if share < 94:
        return -10, None, False
    if share < 99:
        return -10, None, True
    return -40, today - timedelta(days=20), False


def plan_vals(index, invoice):
    first, missed_on, _paid = shape(index)
    amount = invoice.amount_residual
    part = invoice.currency_id.round(amount / 3)
    dues = [today + timedelta(days=first + 30 * n) for n in range(3)]
    lines = [
        Command.create(
            {
                "sequence": n,
                "due_date": due,
                "amount": part if n < 2 else invoice.currency_id.round(amount - 2 * part),
                "missed_date": missed_on if n == 0 else False,
            }
        )
        for n, due in enumerate(dues)
    ]
    return {
        "company_id": company.id,
        "currency_id": invoice.currency_id.id,
        "partner_id": invoice.commercial_partner_id.id,
        "move_ids": [Command.set(invoice.ids)],
        "amount_invoices": amount,
        "amount_total": amount,
        "date": SIGNED_ON,
        "line_ids": lines,
    }


def sign(plans):
    """Proposed then signed (the signature's own fields, without its PDF), then running for
    those whose first instalment is past, as the follow-up had left them."""
    plans.write(
        {
            "state": "proposed",
            "proposal_date": SIGNED_ON,
            "proposal_deadline": SIGNED_ON + timedelta(days=15),
        }
    )
    for plan in plans:
        plan.write({"state": "signed", "signed_by": plan.partner_id.name, "signed_on": SIGNED_ON})
    plans.filtered(lambda plan: plan.line_ids[:1].due_date < today).write({"state": "in_progress"})


def build():
    invoices = env["account.move"].search(
        [
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("payment_state", "in", ("not_paid", "partial")),
            ("payment_plan_id", "=", False),
        ],
        order="id",
    )
    done = int(params.get_param(PARAM + "_progress", 0))
    started = time.perf_counter()
    for start in range(done, len(invoices), BATCH):
        batch = invoices[start : start + BATCH]
        sign(Plan.create([plan_vals(start + n, invoice) for n, invoice in enumerate(batch)]))
        for n, invoice in enumerate(batch):
            if shape(start + n)[2]:
                pay_a_third(invoice)
        params.set_param(PARAM + "_progress", start + len(batch))
        env.cr.commit()
        rate = (start + len(batch) - done) / (time.perf_counter() - started)
        print(f"   {start + len(batch):,} plans of {len(invoices):,} ({rate:.0f}/s)", flush=True)
    params.set_param(PARAM, len(invoices))
    env.cr.commit()


def pay_a_third(invoice):
    wizard = (
        env["account.payment.register"]
        .with_context(active_model="account.move", active_ids=invoice.ids)
        .create(
            {
                "payment_date": today - timedelta(days=1),
                "amount": invoice.currency_id.round(invoice.amount_residual / 3),
            }
        )
    )
    wizard._create_payments()


def follow_up():
    env.flush_all()
    env.invalidate_all()
    queries = env.cr.sql_log_count
    started = time.perf_counter()
    Plan._process_payment_plans(today=today)
    env.flush_all()
    seconds = time.perf_counter() - started
    lines = env["dunning.payment.plan.line"]
    result = {
        "seconds": round(seconds, 2),
        "queries": env.cr.sql_log_count - queries,
        "reminders": lines.search_count([("reminder_date", "=", today)]),
        "missed": lines.search_count([("missed_date", "=", today)]),
        "paid": lines.search_count([("paid_date", "!=", False), ("plan_id.state", "!=", "draft")]),
        "broken": Plan.search_count([("broken_date", "=", today)]),
        "completed": Plan.search_count([("completed_date", "=", today)]),
    }
    env.cr.rollback()
    return result


if params.get_param(PARAM):
    print(f">> reusing the {int(params.get_param(PARAM)):,} bench plans")
else:
    print(">> building one signed plan per open invoice (once, committed by batches)")
    build()

running = Plan.search_count([("state", "in", ("signed", "in_progress"))])
attempts = []
for _attempt in range(ATTEMPTS):
    attempts.append(follow_up())
best = min(attempts, key=lambda result: result["seconds"])
results = dict(
    best, plans=running, date=today.isoformat(), attempts=[a["seconds"] for a in attempts]
)
print(f"\n{running:,} running plans, date {today}, best of {ATTEMPTS}")
print(f"daily follow-up: {best['seconds']:.2f} s, {best['queries']:,} queries")
print(
    f"reminders {best['reminders']:,}, missed {best['missed']:,}, paid {best['paid']:,}, "
    f"broken {best['broken']:,}, completed {best['completed']:,}"
)
out = Path(os.environ.get("BENCH_RESULTS", ".state/bench-plans.json"))
out.parent.mkdir(parents=True, exist_ok=True)
out.write_text(json.dumps(results, indent=2) + "\n")
print(f"results written to {out}")
