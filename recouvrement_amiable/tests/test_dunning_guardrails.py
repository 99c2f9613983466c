# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date
from unittest.mock import patch

from freezegun import freeze_time

import odoo
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from ..models import dunning_run
from ..models.dunning_run import DEBTOR_LOCK_KEY
from .common import DunningCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-06-10")
class TestDunningGuardrails(DunningCommon):
    def test_consumer_never_gets_late_fees(self):
        consumer_action = self._run(self._invoice(self.consumer, "2026-05-25"))
        professional_action = self._run(self._invoice(self.professional, "2026-05-25"))
        self.assertEqual(consumer_action.level_id, self.levels["firm"])
        self.assertFalse(consumer_action.late_fees_allowed)
        self.assertTrue(professional_action.late_fees_allowed)

    def test_prescribed_invoice_never_dunned(self):
        prescribed = self._invoice(self.consumer, "2024-03-15")  # prescribed since 2026-03-16
        recent = self._invoice(self.consumer, "2026-06-04")
        action = self._run(prescribed | recent)
        self.assertEqual(action.line_ids.move_id, recent)
        self.assertFalse(prescribed.dunning_level_id)

    def test_all_prescribed_stops_the_sequence(self):
        prescribed = self._invoice(self.consumer, "2024-03-15")
        self.assertFalse(self._run(prescribed))

    def test_disputed_and_frozen_debts_never_dunned(self):
        disputed = self._invoice(self.professional, "2026-04-25")
        disputed.write({"is_disputed": True, "dispute_date": "2026-06-01", "dispute_reason": "X"})
        self.association.write(
            {"collection_freeze": "insolvency", "insolvency_publication_date": "2026-06-01"}
        )
        frozen = self._invoice(self.association, "2026-04-25")
        self.assertFalse(self._run(disputed | frozen))

    def test_excluded_debtor_and_invoice(self):
        self.professional.dunning_excluded = True
        self.assertFalse(self._run(self._invoice(self.professional, "2026-05-25")))
        invoice = self._invoice(self.consumer, "2026-05-25")
        invoice.no_followup = True
        self.assertFalse(self._run(invoice))

    def test_approval_refused_once_the_debt_is_disputed(self):
        self.policy.progressive_escalation = False  # straight to the formal notice
        invoice = self._invoice(self.professional, "2026-04-25")
        notice = self._run(invoice)
        self.assertEqual(notice.state, "to_approve")
        invoice.write({"is_disputed": True, "dispute_date": "2026-06-10", "dispute_reason": "X"})
        with self.assertRefused(UserError, invoice.name):
            notice.action_approve()
        self.assertEqual(notice.state, "to_approve")
        notice.action_cancel()
        self.assertEqual(notice.state, "cancelled")

    def test_minimum_gap_between_contacts(self):
        invoice = self._invoice(self.professional, "2026-06-04")
        self.assertTrue(self._run(invoice))
        later = self._invoice(self.professional, "2026-05-25")  # due for the firm level
        with freeze_time("2026-06-14"):
            self.assertFalse(self._run(later, today=date(2026, 6, 14)), "4 days after a contact")
        with freeze_time("2026-06-15"):
            self.assertTrue(self._run(later, today=date(2026, 6, 15)), "5 days after")

    def test_at_most_four_contacts_in_thirty_days(self):
        self.env.company.dunning_min_contact_gap = 2
        invoices = self.env["account.move"]
        for due in ("2026-06-04", "2026-05-25", "2026-05-15", "2026-05-05", "2026-04-25"):
            invoices |= self._invoice(self.professional, due)
        sent = []
        for day in (10, 12, 14, 16, 18):
            today = date(2026, 6, day)
            with freeze_time(today):
                sent.append(bool(self._run(invoices[len(sent)], today=today)))
        self.assertEqual(sent, [True, True, True, True, False])

    def test_guardrails_cannot_be_loosened(self):
        with self.assertRaises(ValidationError):
            self.env.company.dunning_max_contacts = 10
        with self.assertRaises(ValidationError):
            self.env.company.dunning_min_contact_gap = 0

    def test_promise_to_pay_holds_escalation(self):
        invoice = self._invoice(self.professional, "2026-05-15")
        call = self._run(invoice)
        self.assertEqual(call.level_id, self.levels["phone"])
        wizard = self.env["dunning.call.result"].create(
            {
                "partner_id": self.professional.id,
                "action_id": call.id,
                "outcome": "promise",
                "promise_date": "2026-06-20",
                "promise_amount": 1000.0,
            }
        )
        wizard.action_confirm()
        call_type = self.env.ref("mail.mail_activity_data_call")
        open_calls = self.professional.activity_ids.filtered(
            lambda a: a.activity_type_id == call_type
        )
        self.assertFalse(open_calls, "call activity marked done")
        with freeze_time("2026-06-23"):  # promise + 3 grace days: still on hold
            self.assertFalse(self._run(invoice, today=date(2026, 6, 23)))
        with freeze_time("2026-06-24"):  # unpaid after the grace period: escalation resumes
            action = self._run(invoice, today=date(2026, 6, 24))
        self.assertEqual(action.level_id, self.levels["final"])

    def test_call_outcomes(self):
        invoice = self._invoice(self.professional, "2026-05-15")
        call = self._run(invoice)
        results = self.env["dunning.call.result"]
        base = {"partner_id": self.professional.id, "action_id": call.id}
        results.create({**base, "outcome": "not_reached"}).action_confirm()
        results.create({**base, "outcome": "plan_requested"}).action_confirm()
        results.create({**base, "outcome": "already_paid"}).action_confirm()
        summaries = self.professional.activity_ids.mapped("summary")
        self.assertIn("Prepare a payment plan", summaries)
        self.assertIn("Check the bank: debtor says it paid", summaries)
        results.create(
            {
                **base,
                "outcome": "dispute",
                "disputed_move_ids": [(6, 0, invoice.ids)],
                "dispute_reason": "Travaux non conformes",
            }
        ).action_confirm()
        self.assertTrue(invoice.is_disputed)
        self.assertTrue(invoice.is_collection_blocked)
        with self.assertRaises(UserError):
            results.create({**base, "outcome": "dispute"}).action_confirm()

    def test_manager_may_force_a_contact_with_a_reason(self):
        first = self._invoice(self.professional, "2026-06-02")
        self._run(first, today=date(2026, 6, 8))
        second = self._invoice(self.professional, "2026-05-25")
        self.assertFalse(self._run(second), "contacted two days ago: the gap is 5 days")
        manager = self._user("credit_manager", "account.group_account_manager")
        wizard = (
            self.env["dunning.force.contact"]
            .with_user(manager)
            .create(
                {"partner_id": self.professional.id, "reason": "Client injoignable, dossier urgent"}
            )
        )
        wizard.action_confirm()
        forced = self.Action.search(
            [("partner_id", "=", self.professional.id), ("forced", "=", True)]
        )
        self.assertEqual(len(forced), 1)
        self.assertEqual(forced.force_reason, "Client injoignable, dossier urgent")
        billing = self._user("billing_clerk", "account.group_account_invoice")
        with self.assertRaises(AccessError):
            self.env["dunning.force.contact"].with_user(billing).create(
                {"partner_id": self.professional.id, "reason": "x"}
            )

    def _user(self, login, group):
        return new_test_user(
            self.env,
            login,
            groups=group,
            company_id=self.env.company.id,
            company_ids=[(6, 0, self.env.company.ids)],
        )

    def test_failed_email_is_shown_and_retried(self):
        action = self._run(self._invoice(self.professional, "2026-06-04"))
        mail = self._mails(action)
        mail._postprocess_sent_message(
            success_pids=[],
            success_emails=[],
            failure_reason="SMTP refused",
            failure_type="mail_smtp",
        )
        self.assertEqual(action.state, "failed")
        self.assertEqual(action.failure_reason, "SMTP refused")
        # sent again as a new communication: the failed attempt is kept as it was (evidence)
        retry = action.action_retry()
        self.assertEqual(action.state, "failed")
        self.assertEqual(retry.state, "sent")
        self.assertEqual(retry.retry_of_id, action)
        self.assertNotEqual(retry.message_id, action.message_id)
        self.assertEqual(len(self._mails(retry)), 1)

    def test_run_killed_half_way_resumes_without_sending_twice(self):
        debtors = [
            self.env["res.partner"].create(
                {"name": f"Client {i}", "is_company": True, "email": f"c{i}@example.com"}
            )
            for i in range(3)
        ]
        invoices = self.env["account.move"].union(
            *(self._invoice(debtor, "2026-06-04") for debtor in debtors)
        )
        action_model = type(self.Action)
        original = action_model._send_email
        calls = []

        def crash_on_second_batch(actions):
            calls.append(actions)
            if len(calls) == 2:
                raise RuntimeError("server killed")
            return original(actions)

        runner = self.env["dunning.run"].with_context(dunning_batch_size=1)
        # not assertRaises: it would roll the committed first batch back with the crash
        crashed = False
        with patch.object(action_model, "_send_email", crash_on_second_batch):
            try:
                runner._run(moves=invoices)
            except RuntimeError:
                crashed = True
        self.assertTrue(crashed)
        self.assertEqual(
            self.Action.search_count([("partner_id", "in", [d.id for d in debtors])]), 1
        )
        runner._run(moves=invoices)
        actions = self.Action.search([("partner_id", "in", [d.id for d in debtors])])
        self.assertEqual(len(actions), 3, "one communication per debtor, none twice")
        self.assertEqual(len(self._mails(actions)), 3)

    def test_two_runs_at_the_same_time_never_contact_the_same_debtor(self):
        locked = self._invoice(self.professional, "2026-06-04")
        free = self._invoice(self.consumer, "2026-06-04")
        other_run = odoo.sql_db.db_connect(self.env.cr.dbname).cursor()
        try:
            other_run.execute(
                "SELECT pg_advisory_xact_lock(%s, %s)", (DEBTOR_LOCK_KEY, self.professional.id)
            )
            actions = self._run(locked | free)
            self.assertEqual(actions.partner_id, self.consumer, "locked debtor skipped")
        finally:
            other_run.rollback()
            other_run.close()
        later = self._run(locked | free)
        self.assertEqual(later.partner_id, self.professional)

    def test_a_long_run_in_one_transaction_takes_a_bounded_number_of_locks(self):
        """PostgreSQL's lock table is shared and small: a run of 20,000 debtors in one
        transaction ("Relancer" on every customer) once failed with "out of shared memory".
        Past its budget the run takes no more locks and still skips a debtor another run
        holds; the others are contacted, each once."""
        debtors = self.professional | self.consumer | self.association
        invoices = self.env["account.move"].union(
            *(self._invoice(debtor, "2026-06-04") for debtor in debtors)
        )
        other_run = odoo.sql_db.db_connect(self.env.cr.dbname).cursor()
        try:
            other_run.execute(
                "SELECT pg_advisory_xact_lock(%s, %s)", (DEBTOR_LOCK_KEY, self.association.id)
            )
            with patch.object(dunning_run, "DEBTOR_LOCKS_PER_TRANSACTION", 1):
                actions = (
                    self.env["dunning.run"].with_context(dunning_batch_size=1)._run(moves=invoices)
                )
            self.env.cr.execute(
                """SELECT count(*) FROM pg_locks
                    WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND classid = %s""",
                (DEBTOR_LOCK_KEY,),
            )
            self.assertEqual(self.env.cr.fetchone()[0], 1, "no lock past the budget")
            self.assertEqual(actions.partner_id, self.professional | self.consumer)
        finally:
            other_run.rollback()
            other_run.close()
        self.assertEqual(self._run(invoices).partner_id, self.association)
        self.assertEqual(
            self.Action.search_count([("partner_id", "in", debtors.ids)]), 3, "each once"
        )
