"""Benchmark data (odoo-bin shell): 2,000 customers, 10,000 posted overdue invoices.

Deterministic (``random.Random(42)``): 70 % companies, 30 % individuals; every customer has at
least one invoice, the rest are spread unevenly (469 customers with 1, 92 with 20 to 30, 5 on
average); each invoice has one line, without tax or at 20 %, and is due 1 to 400
days before BENCH_TODAY (environment variable, ISO date; default: today), which is stored for
``measure.py``. Invoices are created and posted by batches of 500, one commit per batch.
"""
# ruff: noqa: F821  (``env`` is provided by odoo-bin shell)

import os
import random
import time
from datetime import date, timedelta

from odoo import Command

CUSTOMERS = 2000
INVOICES = 10000
BATCH = 500

rng = random.Random(42)
today = date.fromisoformat(os.environ.get("BENCH_TODAY") or date.today().isoformat())
company = env.ref("base.main_company")
env = env(context=dict(env.context, allowed_company_ids=[company.id], tracking_disable=True))
tax = company.account_sale_tax_id
assert tax.amount == 20 and not tax.price_include, f"expected the French 20 % sale tax: {tax}"
started = time.perf_counter()

partners = env["res.partner"].create(
    [
        {
            "name": f"Client {i:04d}",
            "is_company": rng.random() < 0.7,
            "email": f"client{i:04d}@example.com",
            "lang": "fr_FR",
            "country_id": env.ref("base.fr").id,
        }
        for i in range(CUSTOMERS)
    ]
)
# one invoice each, the rest spread by weight: a few customers get many invoices
weights = [rng.choice((1, 1, 1, 2, 3, 5, 8, 25)) for _ in partners]
owners = list(partners) + rng.choices(partners, weights=weights, k=INVOICES - CUSTOMERS)
rng.shuffle(owners)
product = env["product.product"].create({"name": "Prestation", "type": "service"})
env.cr.commit()
print(f"{CUSTOMERS} customers in {time.perf_counter() - started:.1f} s")

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
    env["account.move"].create(vals_list).action_post()
    env.cr.commit()
    print(f"{start + len(vals_list)} invoices posted ({time.perf_counter() - started:.1f} s)")

params = env["ir.config_parameter"].sudo()
params.set_param("recouvrement_amiable.bench_today", today.isoformat())
params.set_param("recouvrement_amiable.bench_loaded", "1")
env.cr.commit()
print(f"data generated in {time.perf_counter() - started:.1f} s (reference date {today})")
