"""Benchmark data (odoo-bin shell): 2,000 customers, 10,000 posted overdue invoices.

Deterministic (seeded): 70 % companies, 30 % consumers, 1 to 25 invoices each, due 1 to 400
days before BENCH_TODAY (default: today). Invoices are created and posted by batches.
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
started = time.perf_counter()

partners = env["res.partner"].create(
    [
        {
            "name": f"Client {i:04d}",
            "is_company": rng.random() < 0.7,
            "email": f"client{i:04d}@example.com",
        }
        for i in range(CUSTOMERS)
    ]
)
# uneven spread: a few customers have many invoices
weights = [rng.choice((1, 1, 1, 2, 3, 5, 8, 25)) for _ in partners]
owners = rng.choices(partners, weights=weights, k=INVOICES)
product = env["product.product"].create({"name": "Prestation", "type": "service"})
env.cr.commit()

for start in range(0, INVOICES, BATCH):
    vals_list = []
    for owner in owners[start : start + BATCH]:
        due = today - timedelta(days=rng.randint(1, 400))
        vals_list.append(
            {
                "move_type": "out_invoice",
                "partner_id": owner.id,
                "invoice_date": due - timedelta(days=30),
                "invoice_date_due": due,
                "invoice_payment_term_id": False,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "price_unit": round(rng.uniform(50, 5000), 2),
                            "tax_ids": [],
                        }
                    )
                ],
            }
        )
    env["account.move"].create(vals_list).action_post()
    env.cr.commit()
    print(f"{start + len(vals_list)} invoices ({time.perf_counter() - started:.0f} s)")

env["ir.config_parameter"].sudo().set_param("recouvrement_amiable.bench_loaded", "1")
env["ir.config_parameter"].sudo().set_param("recouvrement_amiable.bench_today", today.isoformat())
env.cr.commit()
print(f"data generated in {time.perf_counter() - started:.0f} s")
