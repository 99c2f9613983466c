"""Benchmark data (odoo-bin shell): customers and their posted overdue invoices.

BENCH_INVOICES and BENCH_CUSTOMERS (environment) set the size: 1,000 of 200, 10,000 of 2,000,
100,000 of 20,000 (``bench/run.sh`` sets them from BENCH_SIZE), always the same distributions.
Deterministic (``random.Random(42)``): 70 % companies, 30 % individuals; every customer has at
least one invoice, the rest are spread unevenly (at 10k: 469 customers with 1, 92 with 20 to 30, 5
on average); each invoice has one line, without tax or at 20 %, and is due 1 to 400 days before
BENCH_TODAY (environment variable, ISO date; default: today), which is stored for
``measure.py``. Invoices are created and posted by batches, one commit per batch, with their
journal items, as the invoice form would (mail tracking off, as Odoo's own data import does).

Resumable: a build that stopped goes on from what exists. The customers are committed first;
the invoices already committed (whole batches) are skipped, the random draws replayed so that
the data is the same as an uninterrupted build.
"""
# ruff: noqa: F821  (``env`` is provided by odoo-bin shell)

import os
import random
import time
from datetime import date, timedelta

from odoo import Command

CUSTOMERS = int(os.environ.get("BENCH_CUSTOMERS") or 2000)
INVOICES = int(os.environ.get("BENCH_INVOICES") or 10000)
BATCH = int(os.environ.get("BENCH_BATCH") or 500)

rng = random.Random(42)
company = env.ref("base.main_company")
env = env(context=dict(env.context, allowed_company_ids=[company.id], tracking_disable=True))
params = env["ir.config_parameter"].sudo()
# a build that goes on keeps the reference date it started with
stored_today = params.get_param("recouvrement_amiable.bench_today")
today = date.fromisoformat(
    stored_today or os.environ.get("BENCH_TODAY") or date.today().isoformat()
)
params.set_param("recouvrement_amiable.bench_today", today.isoformat())
tax = company.account_sale_tax_id
assert tax.amount == 20 and not tax.price_include, f"expected the French 20 % sale tax: {tax}"
started = time.perf_counter()

width = max(4, len(str(CUSTOMERS - 1)))
is_company = [rng.random() < 0.7 for _ in range(CUSTOMERS)]
partners = env["res.partner"].search(
    [("name", "=like", "Client %"), ("email", "=like", "client%@example.com")], order="id"
)
if len(partners) != CUSTOMERS:
    assert not partners, f"{len(partners)} customers found, {CUSTOMERS} expected: BENCH_RESET=1"
    partners = env["res.partner"].create(
        [
            {
                "name": f"Client {i:0{width}d}",
                "is_company": is_company[i],
                "email": f"client{i:0{width}d}@example.com",
                "lang": "fr_FR",
                "country_id": env.ref("base.fr").id,
            }
            for i in range(CUSTOMERS)
        ]
    )
    env["product.product"].create({"name": "Prestation", "type": "service"})
    env.cr.commit()
    print(f"{CUSTOMERS} customers in {time.perf_counter() - started:.1f} s", flush=True)
product = env["product.product"].search([("name", "=", "Prestation")], limit=1)
# one invoice each, the rest spread by weight: a few customers get many invoices
weights = [rng.choice((1, 1, 1, 2, 3, 5, 8, 25)) for _ in partners]
owners = list(partners) + rng.choices(partners, weights=weights, k=INVOICES - CUSTOMERS)
rng.shuffle(owners)
done = env["account.move"].search_count([("move_type", "=", "out_invoice")])
assert done % BATCH == 0 or done == INVOICES, f"{done} invoices: not whole batches"
if done:
    print(f"{done} invoices already posted: going on from there", flush=True)
resumed_at = time.perf_counter()

for start in range(0, INVOICES, BATCH):
    vals_list = []
    for owner in owners[start : start + BATCH]:
        due = today - timedelta(days=rng.randint(1, 400))
        line = {
            "product_id": product.id,
            "price_unit": round(rng.uniform(50, 5000), 2),
            "tax_ids": [Command.set(tax.ids if rng.random() < 0.5 else [])],
        }
        vals_list.append(
            {
                "move_type": "out_invoice",
                "partner_id": owner.id,
                "invoice_date": due - timedelta(days=30),
                "invoice_date_due": due,
                "invoice_payment_term_id": False,
                "invoice_line_ids": [Command.create(line)],
            }
        )
    if start < done:
        continue  # committed by an earlier build: the random draws above replayed
    env["account.move"].create(vals_list).action_post()
    env.cr.commit()
    posted = start + len(vals_list)
    rate = (posted - done) / (time.perf_counter() - resumed_at)
    print(
        f"{posted} / {INVOICES} invoices posted ({time.perf_counter() - started:.1f} s, "
        f"{rate:.0f} per second, {(INVOICES - posted) / rate / 60:.1f} min left)",
        flush=True,
    )

params.set_param("recouvrement_amiable.bench_loaded", "1")
env.cr.commit()
print(f"data generated in {time.perf_counter() - started:.1f} s (reference date {today})")
