# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from datetime import date
from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from ..rules import dates, prescription
from .common import DunningCommon
from .test_reports import pdf_text

SCAN = base64.b64encode(b"%PDF-1.4 signed plan").decode()


class PaymentPlanCommon(DunningCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Plan = cls.env["dunning.payment.plan"]
        cls.Wizard = cls.env["dunning.payment.plan.wizard"]

    def _wizard(self, moves, **values):
        action = moves.action_create_payment_plan()
        wizard = self.Wizard.browse(action["res_id"])
        wizard.write(values)
        return wizard

    def _plan(self, moves, **values):
        return self._wizard(moves, **values)._create_plan()

    def _signed_plan(self, moves, **values):
        plan = self._plan(moves, **values)
        plan.action_propose()
        plan._sign("Camille Martin", plan.amount_total_words, scan=SCAN)
        return plan

    def _pay(self, invoice, amount, day="2026-03-02"):
        return self._register_payment(invoice, amount=amount, payment_date=day)

    def _reverse(self, invoice, amount):
        credit_note = self._create_invoice(
            move_type="out_refund",
            partner_id=invoice.partner_id,
            invoice_date="2026-03-02",
            invoice_line_ids=[
                self._prepare_invoice_line(product_id=self.product_a, price_unit=amount, tax_ids=[])
            ],
        )
        credit_note.action_post()
        return credit_note

    def _plan_mails(self, plan, template_xmlid):
        template = self.env.ref(template_xmlid)
        subject = template._render_field("subject", plan.ids)[plan.id]
        return self.env["mail.mail"].search(
            [("model", "=", plan._name), ("res_id", "=", plan.id), ("subject", "=", subject)]
        )


@tagged("post_install", "-at_install")
@freeze_time("2026-03-02")
class TestPaymentPlanWizard(PaymentPlanCommon):
    def test_monthly_plan_last_instalment_absorbs_rounding(self):
        invoice = self._invoice(self.consumer, "2026-01-10", amount=1000.0)
        wizard = self._wizard(invoice, instalment_count=3, first_due_date="2026-03-31")
        self.assertEqual(
            [(line.due_date, line.amount) for line in wizard.line_ids],
            [
                (date(2026, 3, 31), 333.33),
                (date(2026, 4, 30), 333.33),
                (date(2026, 5, 31), 333.34),
            ],
        )
        plan = wizard._create_plan()
        self.assertEqual(plan.state, "draft")
        self.assertTrue(plan.name.startswith("ECH/2026/"))
        self.assertEqual(plan.amount_total, 1000.0)
        self.assertEqual(sum(plan.line_ids.mapped("amount")), 1000.0)
        self.assertEqual(invoice.payment_plan_id, plan)
        self.assertEqual(plan.partner_id, self.consumer)

    def test_instalment_amount_down_payment_and_weekly(self):
        invoice = self._invoice(self.consumer, "2026-01-10", amount=1000.0)
        wizard = self._wizard(
            invoice,
            split_mode="amount",
            instalment_amount=300.0,
            down_payment=100.0,
            frequency="weekly",
            first_due_date="2026-03-09",
        )
        self.assertEqual(wizard.line_ids.mapped("amount"), [100.0, 300.0, 300.0, 300.0])
        self.assertEqual(
            wizard.line_ids.mapped("due_date"),
            [date(2026, 3, 9), date(2026, 3, 16), date(2026, 3, 23), date(2026, 3, 30)],
        )

    def test_custom_dates(self):
        invoice = self._invoice(self.consumer, "2026-01-10", amount=500.0)
        wizard = self._wizard(invoice, frequency="custom")
        wizard.line_ids = [
            Command.clear(),
            Command.create({"due_date": "2026-03-20", "amount": 200.0}),
            Command.create({"due_date": "2026-05-05", "amount": 300.0}),
        ]
        plan = wizard._create_plan()
        self.assertEqual(plan.line_ids.mapped("amount"), [200.0, 300.0])
        self.assertEqual(plan.frequency, "custom")

    def test_professional_late_costs_included_on_request(self):
        invoice = self._invoice(self.professional, "2026-01-10", amount=1000.0)
        wizard = self._wizard(invoice, include_late_costs=True, instalment_count=2)
        # 51 days at 12.15 % (ECB 2.15 % + 10 points, 2026 S1) and the €40 indemnity
        self.assertEqual(wizard.amount_late_costs, 56.98)
        self.assertEqual(wizard.amount_total, 1056.98)
        plan = wizard._create_plan()
        self.assertEqual(sum(plan.line_ids.mapped("amount")), 1056.98)

    def test_consumer_never_charged_late_costs(self):
        invoice = self._invoice(self.consumer, "2026-01-10", amount=1000.0)
        wizard = self._wizard(invoice, include_late_costs=True)
        self.assertEqual(wizard.amount_total, 1000.0)
        with self.assertRefused(UserError, "never owe collection costs"):
            wizard._create_plan()

    def test_grace_cap_warning_beyond_24_months(self):
        invoice = self._invoice(self.consumer, "2026-01-10", amount=3000.0)
        self.assertFalse(self._wizard(invoice, instalment_count=24).grace_warning)
        wizard = self._wizard(invoice, instalment_count=30)
        self.assertTrue(wizard.grace_warning)
        plan = wizard._create_plan()  # a warning, not a refusal
        self.assertTrue(plan.exceeds_grace_cap)


@tagged("post_install", "-at_install")
@freeze_time("2026-03-02")
class TestPaymentPlanRefusals(PaymentPlanCommon):
    def _assert_refused(self, moves, text, error=UserError, **values):
        plans_before = self.Plan.search_count([])
        with self.assertRefused(error, text):
            self._plan(moves, **values)
        self.assertEqual(self.Plan.search_count([]), plans_before)
        self.assertFalse(moves.payment_plan_id)

    def test_several_debtors(self):
        moves = self._invoice(self.consumer, "2026-01-10") | self._invoice(
            self.professional, "2026-01-10"
        )
        with self.assertRefused(UserError, "one debtor only"):
            moves.action_create_payment_plan()

    def test_paid_cancelled_disputed_prescribed_invoices(self):
        paid = self._invoice(self.consumer, "2026-01-10")
        self._pay(paid, 1000.0)
        cancelled = self._invoice(self.consumer, "2026-01-10")
        cancelled.button_draft()
        cancelled.button_cancel()
        disputed = self._invoice(self.consumer, "2026-01-10")
        disputed.write({"is_disputed": True, "dispute_date": "2026-02-01", "dispute_reason": "x"})
        prescribed = self._invoice(self.consumer, "2023-01-10")
        for move, text in (
            (paid, "already paid"),
            (cancelled, "cancelled"),
            (disputed, "disputed"),
            (prescribed, "prescribed"),
        ):
            with self.subTest(text=text), self.assertRefused(UserError, text):
                move.action_create_payment_plan()

    def test_invoice_already_in_active_plan(self):
        invoice = self._invoice(self.consumer, "2026-01-10")
        first = self._plan(invoice)
        with self.assertRefused(UserError, f"already in payment plan {first.name}"):
            invoice.action_create_payment_plan()
        first.action_cancel()
        self.assertFalse(invoice.payment_plan_id)
        self.assertTrue(self._plan(invoice))  # free again once the first is cancelled

    def test_dates_not_increasing(self):
        invoice = self._invoice(self.consumer, "2026-01-10", amount=500.0)
        wizard = self._wizard(invoice, frequency="custom")
        wizard.line_ids = [
            Command.clear(),
            Command.create({"due_date": "2026-05-05", "amount": 200.0}),
            Command.create({"due_date": "2026-03-20", "amount": 300.0}),
        ]
        with self.assertRefused(ValidationError, "due dates must strictly increase"):
            wizard._create_plan()
        self.assertFalse(invoice.payment_plan_id)

    def test_zero_or_negative_instalment(self):
        invoice = self._invoice(self.consumer, "2026-01-10", amount=500.0)
        wizard = self._wizard(invoice, frequency="custom")
        wizard.line_ids = [
            Command.clear(),
            Command.create({"due_date": "2026-03-20", "amount": 0.0}),
            Command.create({"due_date": "2026-05-05", "amount": 500.0}),
        ]
        with self.assertRefused(ValidationError, "Every instalment must be a positive amount"):
            wizard._create_plan()
        self._assert_refused(
            invoice,
            "Every instalment must be a positive amount",
            split_mode="amount",
            instalment_amount=-10.0,
        )
        self._assert_refused(invoice, "at least one instalment", instalment_count=0)

    def test_sum_differs_from_amount(self):
        invoice = self._invoice(self.consumer, "2026-01-10", amount=500.0)
        wizard = self._wizard(invoice, frequency="custom")
        wizard.line_ids = [
            Command.clear(),
            Command.create({"due_date": "2026-03-20", "amount": 200.0}),
            Command.create({"due_date": "2026-05-05", "amount": 299.99}),
        ]
        with self.assertRefused(ValidationError, "do not add up to the amount"):
            wizard._create_plan()
        self.assertFalse(invoice.payment_plan_id)


@tagged("post_install", "-at_install")
@freeze_time("2026-03-02")
class TestPaymentPlanLifeCycle(PaymentPlanCommon):
    def test_proposal_sends_the_pdf(self):
        invoice = self._invoice(self.consumer, "2026-01-10")
        plan = self._plan(invoice)
        with self.allow_pdf_render():
            plan.action_propose()
        self.assertEqual(plan.state, "proposed")
        self.assertEqual(plan.proposal_deadline, date(2026, 3, 17))
        mail = self._plan_mails(plan, "recouvrement_amiable.mail_template_payment_plan_proposal")
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, self.consumer)
        self.assertEqual(len(mail.attachment_ids), 1)

    def test_expired_proposal_is_cancelled(self):
        invoice = self._invoice(self.consumer, "2026-01-10")
        plan = self._plan(invoice)
        plan.action_propose()
        self.Plan._process_payment_plans(today=date(2026, 3, 17))
        self.assertEqual(plan.state, "proposed")
        self.Plan._process_payment_plans(today=date(2026, 3, 18))
        self.assertEqual(plan.state, "cancelled")
        self.assertFalse(invoice.payment_plan_id)

    def test_words_mismatch_refused(self):
        """Law file §7 vector: €1,250.50 with "mille deux cent cinquante euros" typed."""
        invoice = self._invoice(self.consumer, "2026-01-10", amount=1250.50)
        plan = self._plan(invoice)
        plan.action_propose()
        with self.assertRefused(UserError, "art. 1376"):
            plan._sign("Camille Martin", "mille deux cent cinquante euros", scan=SCAN)
        self.assertEqual(plan.state, "proposed")
        self.assertFalse(invoice.prescription_event_ids)
        plan._sign(
            "Camille Martin", "Mille-deux-cent-cinquante euros et cinquante centimes", scan=SCAN
        )
        self.assertEqual(plan.state, "signed")

    def test_signature_interrupts_prescription_of_every_invoice(self):
        first = self._invoice(self.consumer, "2024-06-10", amount=400.0)
        second = self._invoice(self.consumer, "2025-01-10", amount=600.0)
        moves = first | second
        self.assertEqual(first.prescription_date, date(2026, 6, 10))  # 2 years (consumer)
        wizard_action = self.env["dunning.payment.plan.sign"].create(
            {
                "plan_id": self._plan(moves).id,
                "signed_by": "Camille Martin",
                "signed_on": "2026-03-02",
                "signed_words": "mille euros",
                "scan": SCAN,
                "scan_name": "plan-signe.pdf",
            }
        )
        plan = wizard_action.plan_id
        wizard_action.action_sign()
        self.assertEqual(plan.state, "signed")
        self.assertEqual(plan.signed_scan_id.name, "plan-signe.pdf")
        for move in moves:
            event = move.prescription_event_ids
            self.assertEqual(event.event_type, prescription.PAYMENT_PLAN)
            self.assertEqual(event.date, date(2026, 3, 2))
            self.assertEqual(event.attachment_id, plan.signed_scan_id)
            self.assertEqual(move.prescription_date, dates.add_years(date(2026, 3, 2), 2))

    def test_signature_not_before_the_proposal(self):
        # noticed in issue 14: a plan drawn up on 1 February, proposed on 2 March, cannot carry
        # a signature of 15 February
        plan = self._plan(self._invoice(self.consumer, "2026-01-10", amount=1000.0))
        plan._internal().date = "2026-02-01"
        plan.action_propose()
        self.assertEqual(plan.proposal_date, date(2026, 3, 2))
        with self.assertRefused(UserError, "the plan's proposal"):
            plan._sign("Camille Martin", "mille euros", signed_on=date(2026, 2, 15), scan=SCAN)
        self.assertEqual(plan.state, "proposed")
        plan._sign("Camille Martin", "mille euros", signed_on=date(2026, 3, 2), scan=SCAN)
        self.assertEqual(plan.state, "signed")

    def test_signing_twice_refused(self):
        plan = self._signed_plan(self._invoice(self.consumer, "2026-01-10"))
        with self.assertRefused(UserError, "cannot be signed any more"):
            plan._sign("Camille Martin", "mille euros", scan=SCAN)

    def test_late_costs_invoice_created_on_signature(self):
        invoice = self._invoice(self.professional, "2026-01-10", amount=1000.0)
        plan = self._plan(invoice, include_late_costs=True, instalment_count=2)
        self.assertFalse(plan.penalty_move_id)
        plan._sign("Jean Durand", plan.amount_total_words, scan=SCAN)
        penalty = plan.penalty_move_id
        self.assertEqual(penalty.state, "posted")
        self.assertEqual(penalty.amount_total, 56.98)
        self.assertFalse(penalty.invoice_line_ids.tax_ids)
        self.assertEqual(penalty.payment_plan_id, plan)
        self.assertEqual(plan.amount_paid, 0.0)

    def test_partial_and_over_payments_are_allocated_in_due_order(self):
        invoice = self._invoice(self.consumer, "2026-01-10", amount=1000.0)
        plan = self._signed_plan(invoice, instalment_count=3, first_due_date="2026-03-31")
        first, second, _third = plan.line_ids
        self._pay(invoice, 200.0)
        self.assertEqual((first.amount_paid, first.payment_state), (200.0, "partial"))
        self.assertEqual(second.payment_state, "to_pay")
        self.assertFalse(first.event_ids)
        self._pay(invoice, 300.0)  # over the first instalment: flows into the second
        self.assertEqual(first.payment_state, "paid")
        self.assertEqual((second.amount_paid, second.payment_state), (166.67, "partial"))
        self.assertEqual(plan.state, "in_progress")
        # the paid instalment interrupts prescription again (payment events aside)
        self.assertEqual(first.event_ids.move_id, invoice)
        self.assertEqual(first.paid_date, date(2026, 3, 2))
        self._pay(invoice, 500.0)
        self.assertEqual(plan.line_ids.mapped("payment_state"), ["paid", "paid", "paid"])
        self.assertEqual(plan.state, "completed")
        self.assertEqual(plan.amount_remaining, 0.0)
        self.assertFalse(invoice.payment_plan_id)

    def test_unreconciled_payment_reopens_the_instalment(self):
        invoice = self._invoice(self.consumer, "2026-01-10", amount=900.0)
        plan = self._signed_plan(invoice, instalment_count=3, first_due_date="2026-03-31")
        payment = self._pay(invoice, 300.0)
        self.assertEqual(plan.line_ids[0].payment_state, "paid")
        payment.move_id.line_ids.remove_move_reconcile()
        self.assertEqual(plan.line_ids[0].payment_state, "to_pay")
        self.assertFalse(plan.line_ids[0].event_ids)
        self.assertFalse(plan.line_ids[0].paid_date)

    def test_lapsed_proposal_cannot_be_signed(self):
        plan = self._plan(self._invoice(self.consumer, "2026-01-10"))
        plan.action_propose()
        with freeze_time("2026-03-18"), self.assertRefused(UserError, "This proposal lapsed"):
            plan._sign("Camille Martin", "mille euros", scan=SCAN)
        self.assertEqual(plan.state, "proposed")

    def test_credit_note_is_not_a_payment(self):
        invoice = self._invoice(self.consumer, "2026-01-10", amount=900.0)
        plan = self._signed_plan(invoice, instalment_count=3, first_due_date="2026-03-31")
        credit_note = self._reverse(invoice, 300.0)
        (credit_note | invoice).line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        ).reconcile()
        self.assertEqual(invoice.amount_residual, 600.0)
        self.assertEqual(plan.amount_paid, 0.0)
        self.assertEqual(plan.line_ids[0].payment_state, "to_pay")
        self.assertFalse(plan.line_ids.event_ids)
        self.assertTrue(plan.needs_amendment)
        self.Plan._process_payment_plans(today=date(2026, 4, 20))
        self.assertFalse(plan.line_ids.filtered("missed_date"))  # no notice, no breach
        self.assertEqual(plan.state, "signed")

    def test_unreconciled_payment_reopens_a_completed_plan(self):
        invoice = self._invoice(self.consumer, "2026-01-10", amount=600.0)
        plan = self._signed_plan(invoice, instalment_count=2, first_due_date="2026-03-31")
        payment = self._pay(invoice, 600.0)
        self.assertEqual(plan.state, "completed")
        self.assertFalse(invoice.payment_plan_id)
        payment.move_id.line_ids.remove_move_reconcile()  # the cheque bounced
        self.assertEqual(plan.state, "in_progress")
        self.assertEqual(invoice.payment_plan_id, plan)
        self.assertFalse(plan.line_ids.event_ids)

    def test_dunning_leaves_plan_invoices_alone(self):
        invoice = self._invoice(self.consumer, "2026-01-10")
        plan = self._plan(invoice)
        self.assertIn(invoice, self.env["dunning.run"]._candidates(invoice, date(2026, 3, 2)))
        plan.action_propose()
        self.assertFalse(self._run(invoice))
        plan._sign("Camille Martin", "mille euros", scan=SCAN)
        self.assertFalse(self._run(invoice))
        self.assertEqual(invoice.collection_status, f"Payment plan {plan.name}")


@tagged("post_install", "-at_install")
@freeze_time("2026-03-02")
class TestPaymentPlanFollowUp(PaymentPlanCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.consumer.lang = "en_US"
        # the follow-up timeline below is the general one (15 days before the breach); the
        # longer consumer notice has its own tests
        cls.env.company.payment_plan_consumer_breach_days = 15

    def setUp(self):
        super().setUp()
        self.invoice = self._invoice(self.consumer, "2026-01-10", amount=900.0)
        self.plan = self._signed_plan(self.invoice, instalment_count=3, first_due_date="2026-03-31")
        self.first = self.plan.line_ids[0]

    def _process(self, day):
        with freeze_time(day):
            self.Plan._process_payment_plans(today=date.fromisoformat(day))

    def test_reminder_before_due_date_once(self):
        template = "recouvrement_amiable.mail_template_payment_plan_reminder"
        self._process("2026-03-25")  # 6 days before: too early
        self.assertFalse(self.first.reminder_date)
        self._process("2026-03-26")  # 5 days before
        self.assertEqual(self.first.reminder_date, date(2026, 3, 26))
        self.assertEqual(len(self._plan_mails(self.plan, template)), 1)
        self._process("2026-03-27")
        self._process("2026-03-26")  # replayed: nothing sent twice
        self.assertEqual(len(self._plan_mails(self.plan, template)), 1)
        self.assertEqual(self.plan.state, "signed")
        self._process("2026-03-31")  # first due date: the plan is running
        self.assertEqual(self.plan.state, "in_progress")

    def test_payment_computed_on_part_of_a_plans_instalments(self):
        """The ORM recomputes at most 1,000 records at once: a batch of plans with many
        instalments has plans whose instalments are computed in two parts. Computing one
        part never writes the other (the schedule of a signed plan is read-only)."""
        self._pay(self.invoice, 400.0)
        lines = self.plan.line_ids
        self.env.flush_all()
        self.env.add_to_compute(lines._fields["amount_paid"], lines)
        with patch("odoo.orm.fields.PREFETCH_MAX", 1):  # one instalment at a time
            self.assertEqual(self.first.amount_paid, 300.0)
        self.assertEqual(self.first.payment_state, "paid")
        self.assertEqual(lines.mapped("amount_paid"), [300.0, 100.0, 0.0])
        self.assertEqual(lines.mapped("payment_state"), ["paid", "partial", "to_pay"])

    def test_paid_instalment_gets_no_reminder(self):
        self._pay(self.invoice, 300.0)
        self._process("2026-03-26")
        self.assertFalse(self.first.reminder_date)
        self.assertEqual(self.plan.line_ids[1].reminder_date, False)

    def test_missed_instalment_then_breach_resumes_dunning_at_formal_notice(self):
        missed = "recouvrement_amiable.mail_template_payment_plan_missed"
        self._process("2026-04-08")  # 8 days late: still in the grace period
        self.assertFalse(self.first.missed_date)
        self._process("2026-04-09")
        self.assertEqual(self.first.missed_date, date(2026, 4, 9))
        self.assertEqual(len(self._plan_mails(self.plan, missed)), 1)
        self._process("2026-04-23")  # 14 days after the reminder
        self.assertEqual(self.plan.state, "in_progress")
        self._process("2026-04-24")
        self.assertEqual(self.plan.state, "broken")
        self.assertEqual(self.plan.broken_date, date(2026, 4, 24))
        self.assertEqual(len(self._plan_mails(self.plan, missed)), 1)
        broken = "recouvrement_amiable.mail_template_payment_plan_broken"
        self.assertEqual(len(self._plan_mails(self.plan, broken)), 1)
        self.assertFalse(self.invoice.payment_plan_id)
        formal_notice = self.levels["formal_notice"]
        self.assertEqual(self.invoice.dunning_resume_level_id, formal_notice)
        action = self.Action.search([("partner_id", "=", self.consumer.id)])
        self.assertEqual(action.level_id, formal_notice)
        self.assertEqual(action.line_ids.move_id, self.invoice)

    def test_broken_plan_next_notice_without_double_costs(self):
        invoice = self._invoice(self.professional, "2026-01-10", amount=10000.0)
        plan = self._signed_plan(
            invoice, include_late_costs=True, instalment_count=3, first_due_date="2026-03-31"
        )
        self.assertTrue(plan.penalty_move_id)
        acknowledged = plan.amount_late_costs
        self.assertGreater(acknowledged, 40.0)
        for day in ("2026-04-09", "2026-04-24"):
            self._process(day)
        self.assertEqual(plan.state, "broken")
        notice = self.Action.search([("partner_id", "=", self.professional.id)])
        self.assertEqual(notice.level_id, self.levels["formal_notice"])
        self.assertTrue(notice.has_prior_reminder, "the missed-instalment notice reminded")
        self.assertEqual(notice.line_ids.move_id, invoice | plan.penalty_move_id)
        costs_line = notice.line_ids.filtered(lambda line: line.move_id == plan.penalty_move_id)
        self.assertEqual(costs_line.penalty_amount + costs_line.indemnity_amount, 0.0)
        self.assertEqual(costs_line.amount_residual, acknowledged, "claimed as acknowledged")
        self.assertEqual(notice.indemnity_total, 0.0, "no second €40")
        self.assertEqual(notice.penalty_total, 0.0, "from the breach, not from 2026-01-10")
        self.assertEqual(notice.amount_claimed, notice.amount_due)
        # later, penalties run from the breach on the unpaid principal only
        rates = self.env["dunning.interest.rate"]._rates_by_half()
        costs = self.env["dunning.run"]._late_costs(
            self.professional, invoice, date(2026, 5, 24), rates
        )
        self.assertEqual(costs[invoice]["indemnity_amount"], 0.0)
        # 30 days at 12.15 % on 10,000 (nothing paid)
        self.assertAlmostEqual(costs[invoice]["penalty_amount"], 99.86)

    def test_without_email_the_formal_notice_goes_by_letter(self):
        self.consumer.email = False
        self._process("2026-04-09")
        self.assertFalse(self.first.missed_date)
        self.assertEqual(self.first.paper_notice_requested, date(2026, 4, 9))
        todo = self.plan.activity_ids
        self.assertEqual(todo.summary, "Instalment missed: send the formal notice by letter")
        self._process("2026-04-28")  # never broken before the notice
        self.assertEqual(self.plan.state, "in_progress")
        self.assertEqual(self.plan.activity_ids, todo)  # asked once
        with freeze_time(
            "2026-04-28"
        ):  # the accountant records the letter's date, not a future one
            self.first.missed_date = "2026-04-20"  # the registered letter, recorded
        self._process("2026-05-05")
        self.assertEqual(self.plan.state, "broken")

    def test_one_plan_in_error_does_not_hold_up_the_others(self):
        other = self._signed_plan(
            self._invoice(self.association, "2026-01-10", amount=900.0),
            instalment_count=3,
            first_due_date="2026-03-31",
        )
        original = type(self.Plan)._due_notifications

        def failing(plans, today):
            if self.plan in plans:
                raise ValueError("template no longer renders")
            return original(plans, today)

        # the plan in error is logged (an expected ERROR: captured, so that it is not counted
        # as an unexpected one by the test run)
        with (
            patch.object(type(self.Plan), "_due_notifications", failing),
            self.assertLogs("odoo.addons.recouvrement_amiable", "ERROR") as logs,
        ):
            self._process("2026-03-26")
        self.assertIn(f"{self.plan.name} could not be processed", logs.output[0])
        self.assertFalse(self.first.reminder_date)
        self.assertEqual(other.line_ids[0].reminder_date, date(2026, 3, 26))

    def test_consumer_plan_lapses_after_the_longer_notice(self):
        # issue 11: a 15-day notice before acceleration was held abusive for a consumer
        # (Cass. 1re civ. 29 May 2024); the company's consumer delay (30 days by default) applies
        self.env.company.payment_plan_consumer_breach_days = 30
        pro_plan = self._signed_plan(
            self._invoice(self.professional, "2026-01-10", amount=900.0),
            instalment_count=3,
            first_due_date="2026-03-31",
        )
        self.assertEqual(self.plan._breach_days(), 30)
        self.assertEqual(pro_plan._breach_days(), 15)
        self._process("2026-04-09")  # both instalments missed: the formal notice
        self.assertEqual(self.first.missed_date, date(2026, 4, 9))
        self._process("2026-04-24")  # 15 days later: only the professional's plan lapses
        self.assertEqual(pro_plan.state, "broken")
        self.assertEqual(self.plan.state, "in_progress")
        self._process("2026-05-08")  # 29 days
        self.assertEqual(self.plan.state, "in_progress")
        self._process("2026-05-09")  # 30 days
        self.assertEqual(self.plan.state, "broken")
        # the notice e-mail announced the consumer's delay
        missed = self._plan_mails(
            self.plan, "recouvrement_amiable.mail_template_payment_plan_missed"
        )
        self.assertIn("within 30 days", missed.body_html)

    def test_consumer_notice_default_and_never_negative(self):
        company = self.env["res.company"].create({"name": "Autre société"})
        self.assertEqual(company.payment_plan_consumer_breach_days, 30)
        with self.assertRaises(ValidationError):
            company.payment_plan_consumer_breach_days = -1

    def test_partial_payment_does_not_prevent_breach(self):
        self._pay(self.invoice, 100.0)
        self._process("2026-04-09")
        self.assertEqual(self.first.missed_date, date(2026, 4, 9))
        self._process("2026-04-24")
        self.assertEqual(self.plan.state, "broken")


@tagged("post_install", "-at_install")
@freeze_time("2026-03-02")
class TestPaymentPlanReport(PaymentPlanCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._use_french()
        cls.env.company.write({"company_registry": "55208131700018", "city": "Paris"})
        cls.consumer.lang = "fr_FR"

    def test_pdf_states_amount_in_words_and_handwritten_line(self):
        invoice = self._invoice(self.consumer, "2026-01-10", amount=1250.50)
        plan = self._plan(invoice, instalment_count=2, first_due_date="2026-03-31")
        with self.allow_pdf_render():
            pdf, _type = (
                self.env["ir.actions.report"]
                .with_context(force_report_rendering=True)
                ._render_qweb_pdf("recouvrement_amiable.action_report_payment_plan", plan.ids)
            )
        text = pdf_text(pdf)
        self.assertIn("mille deux cent cinquante euros et cinquante centimes", text)
        self.assertIn(invoice.name, text)
        self.assertIn("Bon pour reconnaissance de la somme de", text)
        self.assertIn("Échéancier et reconnaissance de dette", text)
        self.assertIn("2240", text)
        self.assertIn("625,25", text)
        self.assertIn("Clause de déchéance du terme", text)
        self.assertIn("Fait à Paris, le ....................", text)  # dated by the debtor
        # the consumer's acceleration clause states the longer notice (issue 11)
        self.assertIn("Si une échéance reste impayée 30 jours après une mise en demeure", text)

    def _pdf_text(self, plan):
        with self.allow_pdf_render():
            pdf, _type = (
                self.env["ir.actions.report"]
                .with_context(force_report_rendering=True)
                ._render_qweb_pdf("recouvrement_amiable.action_report_payment_plan", plan.ids)
            )
        return " ".join(pdf_text(pdf).split())

    def test_pdf_shows_amounts_acknowledged_not_todays_residual(self):
        # issue 11: the plan as signed shows what was acknowledged (1,200), not what is left
        # (900) after the first payment
        invoice = self._invoice(self.consumer, "2026-01-10", amount=1200.0)
        plan = self._signed_plan(invoice, instalment_count=4, first_due_date="2026-03-31")
        self._pay(invoice, 300.0)
        self.assertEqual(invoice.amount_residual, 900.0)
        text = self._pdf_text(plan)
        self.assertEqual(text.count("1 200,00"), 2, text)  # the invoice row and the total
        self.assertNotIn("900,00", text)
        self.assertEqual(plan.acknowledged_amounts, {str(invoice.id): 1200.0})

    def test_acknowledged_amounts_cannot_be_written(self):
        invoice = self._invoice(self.consumer, "2026-01-10", amount=1200.0)
        plan = self._plan(invoice, instalment_count=2, first_due_date="2026-03-31")
        with self.assertRaises(UserError):
            plan.write({"acknowledged_amounts": {str(invoice.id): 1.0}})
        self.assertEqual(plan.acknowledged_amounts, {str(invoice.id): 1200.0})

    def test_pdf_quotes_the_signed_words_and_penalties_only_when_listed(self):
        invoice = self._invoice(self.consumer, "2026-01-10", amount=1200.0)
        plan = self._signed_plan(invoice, instalment_count=2, first_due_date="2026-03-31")
        text = self._pdf_text(plan)
        # the handwritten line and the signed one open with « and close with »
        self.assertIn("« Bon pour reconnaissance de la somme de mille deux cents euros »", text)
        self.assertNotIn("”", text)
        self.assertNotIn("pénalités indiquées ci-dessus", text)
        # a professional's plan without penalties does not speak of penalties "above"
        self.professional.lang = "fr_FR"
        invoice = self._invoice(self.professional, "2026-01-10", amount=500.0)
        plan = self._plan(invoice, instalment_count=2, first_due_date="2026-03-31")
        text = self._pdf_text(plan)
        self.assertFalse(plan.amount_late_costs)
        self.assertNotIn("pénalités indiquées ci-dessus", text)
        self.assertIn("Aucune pénalité n'est facturée tant que l'échéancier est respecté", text)
        # with the penalties listed, the sentence says they are included
        invoice = self._invoice(self.professional, "2026-01-10", amount=700.0)
        plan = self._plan(
            invoice, instalment_count=2, first_due_date="2026-03-31", include_late_costs=True
        )
        self.assertTrue(plan.amount_late_costs)
        self.assertIn("Les pénalités indiquées ci-dessus sont incluses", self._pdf_text(plan))


@tagged("post_install", "-at_install")
@freeze_time("2026-03-02")
class TestPaymentPlanPerformance(PaymentPlanCommon):
    """The daily job costs the same number of queries for 2 plans or for 6."""

    def _plans_due_for_reminder(self, count):
        debtors = self.env["res.partner"].create(
            [{"name": f"Débiteur {i}", "email": f"d{i}@example.com"} for i in range(count)]
        )
        plans = self.Plan
        for debtor in debtors:
            invoice = self._invoice(debtor, "2026-01-10", amount=900.0)
            plans |= self._signed_plan(invoice, instalment_count=3, first_due_date="2026-03-31")
        return plans

    def _queries_of_daily_job(self, count):
        plans = self._plans_due_for_reminder(count)
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        with freeze_time("2026-03-26"):
            self.Plan._process_payment_plans(today=date(2026, 3, 26))
            self.env.flush_all()
        self.assertEqual(len(plans.line_ids.filtered("reminder_date")), count)
        return self.cr.sql_log_count - before

    def test_daily_job_queries_do_not_grow_with_plans(self):
        counts = []
        for count in (1, 2, 6):  # the first run warms the caches (templates, views)
            counts.append(self._queries_of_daily_job(count))
            self.Plan.search([])._internal().write({"state": "completed"})
        self.assertEqual(counts[1], counts[2])
        self.assertLessEqual(counts[2], 40)
