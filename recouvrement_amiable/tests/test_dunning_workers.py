# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import threading
from datetime import date, timedelta

from freezegun import freeze_time

from odoo import SUPERUSER_ID, api, fields
from odoo.fields import Command
from odoo.orm.environments import Transaction
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL

from .common import DunningCommon

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
            cr.execute("SELECT now() at time zone 'UTC'")
            self.started = cr.fetchone()[0]
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
            # the planner woke the run's scheduled actions up
            cr.execute("DELETE FROM ir_cron_trigger WHERE create_date >= %s", [self.started])
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


@tagged("post_install", "-at_install")
@freeze_time("2026-06-10")
class TestDunningRunUnits(DunningCommon):
    """The scheduled run by work units, in one transaction (as a test runs it)."""

    def _debtor_with_invoices(self, name, count):
        debtor = self.env["res.partner"].create(
            {"name": name, "is_company": True, "email": f"{name}@example.com"}
        )
        return self.env["account.move"].union(
            *(self._invoice(debtor, "2026-05-25", amount=100.0 + i) for i in range(count))
        )

    def test_cron_run_plans_the_day_once_and_contacts_each_debtor_once(self):
        moves = self.env["account.move"].union(
            *(self._debtor_with_invoices(f"unit{i}", 2) for i in range(3))
        )
        run = self.env["dunning.run"].with_context(dunning_batch_size=2)
        actions = run._cron_run()
        units = self.env["dunning.run.unit"].search([("date", "=", "2026-06-10")])
        self.assertEqual(len(units), 2, "3 debtors in units of 2")
        self.assertEqual(units.partner_ids, moves.commercial_partner_id)
        self.assertEqual(set(units.mapped("state")), {"done"})
        self.assertEqual(actions.partner_id, moves.commercial_partner_id)
        self.assertEqual(sum(units.mapped("action_count")), 3)
        self.assertEqual(len(actions.line_ids), 6)
        # the same day again: planned already, nothing left to claim, nobody contacted twice
        self.assertFalse(run._cron_run())
        self.assertEqual(self.env["dunning.run.unit"].search_count([]), 2)

    def test_units_of_earlier_days_are_removed_when_a_day_is_planned(self):
        self._debtor_with_invoices("yesterday", 1)
        run = self.env["dunning.run"]
        with freeze_time("2026-06-09"):
            run._cron_run()
        self.assertEqual(self.env["dunning.run.unit"].search([]).mapped("date"), [date(2026, 6, 9)])
        run._cron_run()
        self.assertEqual(
            self.env["dunning.run.unit"].search([]).mapped("date"), [date(2026, 6, 10)]
        )

    def test_a_unit_costs_the_same_queries_for_2_or_12_invoices_per_debtor(self):
        run = self.env["dunning.run"]
        done = self._debtor_with_invoices("warmup", 1)
        run._cron_run()  # warm-up: template compilation, registry caches
        counts = {}
        for count, day in ((2, "2026-06-11"), (12, "2026-06-12")):
            done.partner_id.dunning_excluded = True  # each day's run: one debtor
            moves = self._debtor_with_invoices(f"unit{count}", count)
            done |= moves
            with freeze_time(day):
                self.env.flush_all()
                self.env.invalidate_all()
                before = self.env.cr.sql_log_count
                actions = run._cron_run().filtered(
                    lambda a, moves=moves: a.partner_id == moves.partner_id
                )
                self.env.flush_all()
                counts[count] = self.env.cr.sql_log_count - before
            self.assertEqual(len(actions.line_ids), count)
        self.assertEqual(counts[2], counts[12], "one query per invoice crept into a unit")
