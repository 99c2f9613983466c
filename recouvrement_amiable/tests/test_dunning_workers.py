# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import threading
from datetime import timedelta

from odoo import SUPERUSER_ID, api, fields
from odoo.fields import Command
from odoo.orm.environments import Transaction
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL

DEBTORS = 12


@tagged("post_install", "-at_install")
class TestDunningWorkers(TransactionCase):
    """Two workers share one day's run: each claims work units the other does not hold.

    Two real connections, as two Odoo cron workers have: the data is committed (the other
    connection cannot see a test's transaction), and removed afterwards.
    """

    def setUp(self):
        super().setUp()
        self.today = fields.Date.context_today(self.env["dunning.run"])
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            company = env.ref("base.main_company")
            env = env(context=dict(env.context, allowed_company_ids=company.ids))
            self.assertFalse(
                env["dunning.run.unit"].search_count([]), "work units left by another run"
            )
            partners = env["res.partner"].create(
                [
                    {
                        "name": f"Débiteur parallèle {i:02d}",
                        "is_company": True,
                        "email": f"parallele{i:02d}@example.com",
                    }
                    for i in range(DEBTORS)
                ]
            )
            due = self.today - timedelta(days=10)
            moves = env["account.move"].create(
                [
                    {
                        "move_type": "out_invoice",
                        "partner_id": partner.id,
                        "invoice_date": due - timedelta(days=30),
                        "invoice_date_due": due,
                        "invoice_payment_term_id": False,
                        "invoice_line_ids": [
                            Command.create(
                                {"name": "Prestation", "price_unit": 100.0 + n, "tax_ids": []}
                            )
                            for n in range(2)
                        ],
                    }
                    for partner in partners
                ]
            )
            moves.action_post()
            self.partner_ids, self.move_ids = partners.ids, moves.ids
        self.addCleanup(self._remove_committed_data)

    def _remove_committed_data(self):
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT id FROM dunning_action WHERE partner_id = ANY(%s)", [self.partner_ids]
            )
            action_ids = [row[0] for row in cr.fetchall()]
            records = [
                ("dunning.action", action_ids),
                ("account.move", self.move_ids),
                ("res.partner", self.partner_ids),
            ]
            cr.execute("DELETE FROM dunning_run_unit")
            cr.execute("DELETE FROM dunning_action_line WHERE action_id = ANY(%s)", [action_ids])
            cr.execute("DELETE FROM dunning_action WHERE id = ANY(%s)", [action_ids])
            for model, ids in records:
                for table, column in (
                    ("mail_message", "model"),
                    ("mail_activity", "res_model"),
                    ("mail_followers", "res_model"),
                ):
                    cr.execute(
                        SQL(
                            "DELETE FROM %s WHERE %s = %s AND res_id = ANY(%s)",
                            SQL.identifier(table),
                            SQL.identifier(column),
                            model,
                            ids,
                        )
                    )
            cr.execute("DELETE FROM account_move WHERE id = ANY(%s)", [self.move_ids])
            cr.execute("DELETE FROM res_partner WHERE id = ANY(%s)", [self.partner_ids])

    def _worker(self, barrier, results, name):
        threading.current_thread().name = name
        with self.registry.cursor() as cr:
            # the test runner holds the registries' lock: the registry is given, not looked up
            cr.transaction = Transaction(self.registry)
            env = api.Environment(
                cr, SUPERUSER_ID, {"dunning_batch_size": 1, "mail_notify_force_send": False}
            )
            run = env["dunning.run"]
            barrier.wait(timeout=60)
            run._plan_units(self.today, commit=True)
            results[name] = run._work_units(self.today, commit=True).ids

    def test_two_workers_share_the_units_and_contact_each_debtor_once(self):
        barrier = threading.Barrier(2)
        results = {}
        threads = [
            threading.Thread(target=self._worker, args=(barrier, results, f"worker-{n}"))
            for n in (1, 2)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        self.assertEqual(set(results), {"worker-1", "worker-2"}, "a worker failed")
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            units = env["dunning.run.unit"].search([("date", "=", self.today)])
            self.assertEqual(len(units), DEBTORS, "one unit per debtor (batches of 1)")
            self.assertEqual(set(units.mapped("state")), {"done"})
            self.assertEqual(set(units.partner_ids.ids), set(self.partner_ids))
            by_worker = units.grouped(lambda unit: unit.worker.rpartition("/")[2])
            self.assertEqual(set(by_worker), {"worker-1", "worker-2"}, "both workers did units")
            actions = env["dunning.action"].search([("partner_id", "in", self.partner_ids)])
            self.assertEqual(sorted(actions.partner_id.ids), sorted(self.partner_ids))
            self.assertEqual(len(actions), DEBTORS, "each debtor contacted exactly once")
            self.assertEqual(sorted(results["worker-1"] + results["worker-2"]), sorted(actions.ids))
            self.assertEqual(len(actions.line_ids), DEBTORS, "one line per invoice")
            self.assertEqual(len(actions.message_id), DEBTORS, "one e-mail each")
            for worker, worker_units in by_worker.items():
                self.assertEqual(
                    sum(worker_units.mapped("action_count")), len(results[worker]), worker
                )
            # a third call finds the day planned and nothing left to claim
            run = env["dunning.run"]
            self.assertFalse(run._plan_units(self.today, commit=False))
            self.assertFalse(run._work_units(self.today, commit=False))
            cr.rollback()
