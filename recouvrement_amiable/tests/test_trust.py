# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import json
from datetime import date
from unittest.mock import patch

from freezegun import freeze_time
from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from ..models.dunning_evidence import changed_keys
from .test_payment_plan import PaymentPlanCommon

ACTION_COLUMNS = ("state", "date", "is_formal_notice", "forced", "amount_due", "currency_id")


class TrustCommon(PaymentPlanCommon):
    """Every role of the add-on, and ways to read the database behind the ORM's back."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.company
        common = {"company_id": company.id, "company_ids": [Command.set(company.ids)]}
        cls.billing = new_test_user(
            cls.env, "trust_billing", groups="account.group_account_invoice", **common
        )
        cls.approver = new_test_user(
            cls.env,
            "trust_approver",
            groups="recouvrement_amiable.group_dunning_approver",
            **common,
        )
        cls.readonly = new_test_user(
            cls.env, "trust_readonly", groups="account.group_account_readonly", **common
        )
        cls.usd = cls.setup_other_currency("USD")
        cls.admin = cls.env.ref("base.user_admin")
        cls.admin.write({"company_ids": [Command.link(company.id)], "company_id": company.id})

    def _row(self, record, columns):
        """The record's columns as stored in the database (nothing from the ORM's cache)."""
        self.env.flush_all()
        self.env.cr.execute(
            f"SELECT {', '.join(columns)} FROM {record._table} WHERE id = %s",
            [record.id],
        )
        return self.env.cr.fetchone()

    def _lines(self, action):
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT id, move_id, amount_residual, penalty_amount FROM dunning_action_line "
            "WHERE action_id = %s ORDER BY id",
            [action.id],
        )
        return self.env.cr.fetchall()

    def _formal_notice(self, debtor, amount=1000.0):
        """A formal notice waiting for approval, reached after a written reminder."""
        invoice = self._invoice(debtor, "2026-04-20", amount=amount)
        self._run(invoice, today=date(2026, 4, 27))
        notice = self._run(invoice)
        self.assertEqual(notice.state, "to_approve")
        self.assertTrue(notice.is_formal_notice)
        return notice, invoice

    def _sent(self, debtor):
        """A reminder sent today, with its letter printed."""
        debtor.email = False  # no e-mail address: the reminder goes by letter
        action = self._run(self._invoice(debtor, "2026-05-20", amount=800.0))
        with self.allow_pdf_render():
            self.Action._cron_render_letters()
        self.assertEqual(action.state, "sent")
        self.assertTrue(action.letter_attachment_id)
        return action


@tagged("post_install", "-at_install")
@freeze_time("2026-06-10")
class TestApproval(TrustCommon):
    def test_billing_user_cannot_approve_through_rpc(self):
        notice, _invoice = self._formal_notice(self.professional)
        before = self._row(notice, ACTION_COLUMNS)
        for user in (self.billing, self.readonly):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                notice.with_user(user).action_approve()
        self.assertEqual(self._row(notice, ACTION_COLUMNS), before)
        self.assertFalse(notice.message_id)

    def test_approver_approves_and_billing_user_cancels(self):
        notice, _invoice = self._formal_notice(self.professional)
        notice.with_user(self.approver).action_approve()
        self.assertEqual(notice.state, "sent")
        self.assertTrue(notice.message_id)
        other, _invoice = self._formal_notice(self.association)
        other.with_user(self.billing).action_cancel()
        self.assertEqual(other.state, "cancelled")

    def test_administrator_sees_approve_in_community(self):
        self.assertFalse(self.admin.has_group("account.group_account_user"))
        self.assertTrue(self.admin.has_group("recouvrement_amiable.group_dunning_approver"))
        Action = self.env["dunning.action"]
        for user, visible in ((self.admin, True), (self.approver, True), (self.billing, False)):
            views = Action.with_user(user).get_views([(False, "list"), (False, "form")])["views"]
            for view_type in ("list", "form"):
                arch = etree.fromstring(views[view_type]["arch"])
                buttons = arch.xpath("//button[@name='action_approve']")
                with self.subTest(user=user.login, view=view_type):
                    self.assertEqual(bool(buttons), visible)


@tagged("post_install", "-at_install")
@freeze_time("2026-06-10")
class TestCommunicationStateMachine(TrustCommon):
    def test_state_and_forced_are_not_writable(self):
        notice, _invoice = self._formal_notice(self.professional)
        before = self._row(notice, ACTION_COLUMNS)
        for user in (self.billing, self.approver, self.admin):
            for vals in ({"state": "sent"}, {"forced": True}, {"force_reason": "x"}):
                with self.subTest(user=user.login, vals=vals), self.assertRaises(UserError):
                    notice.with_user(user).write(vals)
        with self.assertRaises(UserError):
            notice.sudo().write({"state": "sent"})
        self.assertEqual(self._row(notice, ACTION_COLUMNS), before)

    def test_communications_are_created_by_the_run_only(self):
        invoice = self._invoice(self.professional, "2026-05-20")
        vals = {
            "company_id": self.env.company.id,
            "currency_id": self.env.company.currency_id.id,
            "partner_id": self.professional.id,
            "level_id": self.levels["final"].id,
            "date": "2026-06-10",
            "state": "sent",
            "forced": True,
            "line_ids": [Command.create({"move_id": invoice.id, "currency_id": 1})],
        }
        for user in (self.billing, self.admin):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                self.env["dunning.action"].with_user(user).create(vals)
        self.assertFalse(self.Action.search([("partner_id", "=", self.professional.id)]))

    def test_sent_communication_never_changes(self):
        action = self._sent(self.professional)
        before = self._row(action, ACTION_COLUMNS)
        lines = self._lines(action)
        for user in (self.billing, self.admin):
            Action = action.with_user(user)
            for vals in (
                {"state": "cancelled"},
                {"date": "2026-01-01"},
                {"is_formal_notice": True},
                {"letter_attachment_id": False},
                {"letter_sha256": "0" * 64},
                {"line_ids": [Command.create({"move_id": action.line_ids.move_id.id})]},
            ):
                with self.subTest(user=user.login, vals=vals), self.assertRaises(UserError):
                    Action.write(vals)
            with self.subTest(user=user.login), self.assertRaises(UserError):
                Action.line_ids.write({"amount_residual": 1.0})
            with self.subTest(user=user.login), self.assertRaises(UserError):
                Action.line_ids.unlink()
            with self.subTest(user=user.login), self.assertRaises(UserError):
                Action.unlink()
        with self.assertRaises(UserError):
            action.action_cancel()
        self.assertEqual(self._row(action, ACTION_COLUMNS), before)
        self.assertEqual(self._lines(action), lines)

    def test_letter_pdf_cannot_be_detached_rewritten_or_deleted(self):
        action = self._sent(self.professional)
        attachment = action.letter_attachment_id
        columns = ("store_fname", "res_model", "res_id", "mimetype", "type", "url", "checksum")
        before = self._row(attachment, columns)
        for user in (self.billing, self.admin):
            pdf = attachment.with_user(user)
            for vals in (
                {"raw": b"forged"},
                {"datas": base64.b64encode(b"forged")},
                {"res_id": self.professional.id, "res_model": "res.partner"},
                {"type": "url", "url": "https://example.com/forged.pdf"},
                {"mimetype": "text/plain"},
            ):
                with self.subTest(user=user.login, vals=list(vals)), self.assertRaises(UserError):
                    pdf.write(vals)
            with self.subTest(user=user.login), self.assertRaises(UserError):
                pdf.unlink()
        self.assertEqual(self._row(attachment, columns), before)

    def test_registered_letter_recorded_once(self):
        action = self._sent(self.professional)
        receipt = self.env["ir.attachment"].create(
            {"name": "AR.pdf", "raw": b"%PDF-1.4 receipt", "res_model": action._name}
        )
        action.with_user(self.billing).write(
            {"lrar_number": "1A 234 567 8901 2", "lrar_receipt_id": receipt.id}
        )
        with self.assertRaises(UserError):
            action.with_user(self.billing).write({"lrar_number": "9Z 999"})
        with self.assertRaises(UserError):
            action.with_user(self.admin).write({"lrar_receipt_id": False})
        with self.assertRaises(UserError):
            receipt.with_user(self.admin).unlink()
        self.assertEqual(action.lrar_number, "1A 234 567 8901 2")
        self.env["dunning.evidence"]._seal_pending()
        with self.assertRaises(UserError):
            action.with_user(self.billing).write({"lrar_status": "signed"})

    def test_retry_is_a_new_communication_checked_like_the_first(self):
        invoice = self._invoice(self.professional, "2026-06-04")
        action = self._run(invoice)
        self._mails(action)._postprocess_sent_message(
            success_pids=[], success_emails=[], failure_reason="SMTP", failure_type="mail_smtp"
        )
        self.assertEqual(action.state, "failed")
        invoice.write({"is_disputed": True, "dispute_date": "2026-06-10", "dispute_reason": "x"})
        with self.assertRefused(UserError, invoice.name):
            action.action_retry()
        invoice.is_disputed = False
        retry = action.action_retry()
        self.assertEqual(retry.retry_of_id, action)
        self.assertEqual((action.state, retry.state), ("failed", "sent"))
        self.assertEqual(action.failure_reason, "SMTP", "the failed attempt stays as it was")
        self.assertNotEqual(retry.message_id, action.message_id)
        with self.assertRaises(UserError):
            action.action_retry()  # already sent again

    def test_retry_respects_the_contact_cap(self):
        first = self._invoice(self.professional, "2026-05-12")
        sent = self._run(first, today=date(2026, 6, 1))
        self._mails(sent)._postprocess_sent_message(
            success_pids=[], success_emails=[], failure_reason="SMTP", failure_type="mail_smtp"
        )
        other = self._invoice(self.professional, "2026-05-21", currency_id=self.usd.id)
        self.assertTrue(self._run(other), "another currency, sent today, 9 days after the attempt")
        with self.assertRefused(UserError, "contacted too recently"):
            sent.action_retry()

    def test_buttons_never_commit(self):
        invoices = self._invoice(self.professional, "2026-06-04") | self._invoice(
            self.consumer, "2026-06-04"
        )
        with patch.object(type(self.env["ir.cron"]), "_commit_progress") as commit:
            invoices.with_context(cron_id=1, ir_cron_progress_id=1)._action_dunning_run()
            self.professional.with_context(cron_id=1).action_dunning_run()
        commit.assert_not_called()


@tagged("post_install", "-at_install")
@freeze_time("2026-06-10")
class TestOneContactADay(TrustCommon):
    def test_a_stale_run_skips_the_debtor_another_run_contacted(self):
        late = self._invoice(self.professional, "2026-06-04")
        free = self._invoice(self.consumer, "2026-06-04")
        first = self._run(late)
        # a second run whose snapshot predates the first one's commit sees no history at all
        with patch.object(type(self.env["dunning.run"]), "_contact_history", return_value={}):
            second = self._run(late | free)
        self.assertEqual(second.partner_id, self.consumer, "the contacted debtor is skipped")
        self.assertEqual(self.Action.search([("partner_id", "=", self.professional.id)]), first)

    def test_forced_contact_never_twice_the_same_day(self):
        self._run(self._invoice(self.professional, "2026-06-04"))
        manager = new_test_user(
            self.env,
            "trust_manager",
            groups="account.group_account_manager",
            company_id=self.env.company.id,
            company_ids=[Command.set(self.env.company.ids)],
        )
        wizard = (
            self.env["dunning.force.contact"]
            .with_user(manager)
            .create({"partner_id": self.professional.id, "reason": "Dossier urgent"})
        )
        with self.assertRefused(UserError, "at most once a day"):
            wizard.action_confirm()


@tagged("post_install", "-at_install")
@freeze_time("2026-03-02")
class TestSignedPlanFrozen(TrustCommon):
    def test_signed_plan_fields_cannot_be_rewritten(self):
        invoice = self._invoice(self.consumer, "2026-01-10", amount=1200.0)
        plan = self._signed_plan(invoice, first_due_date="2026-03-31")
        columns = (
            "signed_by",
            "signed_words",
            "signed_on",
            "signature_ip",
            "amount_total",
            "state",
        )
        before = self._row(plan, columns)
        schedule = [(line.due_date, line.amount) for line in plan.line_ids]
        for user in (self.billing, self.admin):
            Plan = plan.with_user(user)
            for vals in (
                {"signed_by": "Quelqu'un d'autre"},
                {"signed_words": "un euro"},
                {"signed_on": "2026-03-01"},
                {"signature_ip": "10.0.0.1"},
                {"amount_total": 1.0},
                {"move_ids": [Command.clear()]},
                {"partner_id": self.professional.id},
                {"state": "cancelled"},
            ):
                with self.subTest(user=user.login, vals=list(vals)), self.assertRaises(UserError):
                    Plan.write(vals)
            with self.subTest(user=user.login), self.assertRaises(UserError):
                Plan.line_ids[0].write({"amount": 1.0, "due_date": "2026-12-31"})
            with self.subTest(user=user.login), self.assertRaises(UserError):
                Plan.line_ids[0].unlink()
            with self.subTest(user=user.login), self.assertRaises(UserError):
                Plan.line_ids[0].write({"reminder_date": "2026-03-02"})
        self.assertEqual(self._row(plan, columns), before)
        self.assertEqual([(line.due_date, line.amount) for line in plan.line_ids], schedule)

    def test_signed_plan_cancelled_with_a_reason_never_deleted(self):
        invoice = self._invoice(self.consumer, "2026-01-10", amount=1200.0)
        plan = self._signed_plan(invoice, first_due_date="2026-03-31")
        events = invoice.prescription_event_ids.filtered("payment_plan_id")
        self.assertTrue(events)
        wizard_action = plan.with_user(self.billing).action_cancel()
        self.assertEqual(wizard_action["res_model"], "dunning.payment.plan.cancel")
        self.assertEqual(plan.state, "signed", "nothing happens without a reason")
        wizard = (
            self.env["dunning.payment.plan.cancel"]
            .with_user(self.billing)
            .create({"plan_ids": [Command.set(plan.ids)], "reason": "Accord remplacé"})
        )
        wizard.action_confirm()
        self.assertEqual(plan.state, "cancelled")
        self.assertIn("Accord remplacé", plan.cancel_reason)
        for user in (self.billing, self.admin):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                plan.with_user(user).unlink()
            with self.subTest(user=user.login), self.assertRaises(UserError):
                events.with_user(user).unlink()
        documents = plan.signed_pdf_id | plan.signed_scan_id
        self.assertEqual(len(documents), 2)
        for document in documents:
            with self.subTest(document=document.name), self.assertRaises(UserError):
                document.with_user(self.admin).unlink()
            with self.subTest(document=document.name), self.assertRaises(UserError):
                document.with_user(self.admin).write({"res_id": 0})
        self.assertTrue(plan.exists() and events.exists() and documents.exists())
        self.assertEqual(invoice.prescription_date, date(2028, 3, 2))


@tagged("post_install", "-at_install")
@freeze_time("2026-06-10")
class TestEvidenceChain(TrustCommon):
    def _seal(self):
        self.env["dunning.evidence"]._seal_pending()

    def _check(self):
        return self.env["dunning.evidence"]._verify_chain(self.env.company)

    def test_clean_database_reports_an_intact_chain(self):
        self._sent(self.professional)
        self._run(self._invoice(self.consumer, "2026-06-04"))
        plan = self._signed_plan(self._invoice(self.association, "2026-05-10"))
        self._seal()
        check = self._check()
        self.assertEqual(check["count"], 3)
        self.assertIsNone(check["broken"])
        self.assertEqual(check["pending"], 0)
        self.assertTrue(plan.sealed)
        links = self.env["dunning.evidence"].search([("company_id", "=", self.env.company.id)])
        self.assertEqual(links.mapped("sequence"), [1, 2, 3])
        self.assertEqual(links[1].previous_hash, links[0].hash)
        self._seal()  # nothing new: nothing sealed twice
        self.assertEqual(self._check()["count"], 3)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "recouvrement_amiable.action_report_evidence_integrity", self.env.company.ids
            )[0]
            .decode()
        )
        self.assertIn("Chain intact", html)

    def test_a_row_altered_with_sql_is_reported(self):
        action = self._sent(self.professional)
        self._run(self._invoice(self.consumer, "2026-06-04"))
        self._seal()
        link = self.env["dunning.evidence"].search(
            [("res_model", "=", action._name), ("res_id", "=", action.id)]
        )
        self.env.cr.execute(
            "UPDATE dunning_action_line SET amount_residual = 1 WHERE action_id = %s", [action.id]
        )
        self.env.invalidate_all()
        broken = self._check()["broken"]
        self.assertEqual(broken["link"], link)
        self.assertIn("lines", broken["reason"])
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "recouvrement_amiable.action_report_evidence_integrity", self.env.company.ids
            )[0]
            .decode()
        )
        self.assertIn("Chain broken", html)
        self.assertIn(link.reference, html)

    def test_a_plan_acknowledged_amounts_altered_with_sql_are_reported(self):
        # issue 11: the amounts acknowledged and the figures written are sealed with the plan
        plan = self._signed_plan(self._invoice(self.association, "2026-05-10"))
        self._seal()
        link = self.env["dunning.evidence"].search(
            [("res_model", "=", plan._name), ("res_id", "=", plan.id)]
        )
        sealed = json.loads(link.content)
        self.assertEqual(len(sealed["acknowledged_amounts"]), 1)
        self.assertIn("signed_figures", sealed)
        self.env.cr.execute(
            "UPDATE dunning_payment_plan SET acknowledged_amounts = %s WHERE id = %s",
            [json.dumps({str(plan.move_ids.id): 1.0}), plan.id],
        )
        self.env.invalidate_all()
        broken = self._check()["broken"]
        self.assertEqual(broken["link"], link)
        self.assertIn("acknowledged_amounts", broken["reason"])

    def test_a_seal_of_an_older_version_stays_intact(self):
        # a key sealed only since a later version is not in older seals: not a change
        plan = self._signed_plan(self._invoice(self.association, "2026-05-10"))
        self._seal()
        link = self.env["dunning.evidence"].search(
            [("res_model", "=", plan._name), ("res_id", "=", plan.id)]
        )
        now = json.loads(link.content)
        older = {
            k: v for k, v in now.items() if k not in ("acknowledged_amounts", "signed_figures")
        }
        self.assertEqual(changed_keys(older, now), [])
        self.assertEqual(changed_keys(now, older), ["acknowledged_amounts", "signed_figures"])

    def test_an_altered_hash_or_file_is_reported(self):
        action = self._sent(self.professional)
        self._seal()
        link = self.env["dunning.evidence"].search([("res_id", "=", action.id)])
        original_hash = link.hash
        self.env.cr.execute("UPDATE dunning_evidence SET hash = 'x' WHERE id = %s", [link.id])
        self.env.invalidate_all()
        self.assertIn("hash", self._check()["broken"]["reason"])
        self.env.cr.execute(
            "UPDATE dunning_evidence SET hash = %s WHERE id = %s", [original_hash, link.id]
        )
        attachment = action.letter_attachment_id
        self.env.cr.execute(
            "UPDATE ir_attachment SET store_fname = NULL, db_datas = %s WHERE id = %s",
            [b"forged", attachment.id],
        )
        self.env.invalidate_all()
        self.assertIn("documents", self._check()["broken"]["reason"])

    def test_sealed_links_cannot_be_changed(self):
        self._sent(self.professional)
        self._seal()
        link = self.env["dunning.evidence"].search([], limit=1)
        for operation in (lambda: link.write({"hash": "x"}), link.unlink):
            with self.assertRaises(UserError):
                operation()
        with self.assertRaises(UserError):
            self.env["dunning.evidence"].create({"kind": "lrar"})


@tagged("post_install", "-at_install")
@freeze_time("2026-06-10")
class TestCompaniesAndCurrencies(TrustCommon):
    def test_a_user_of_one_company_sees_nothing_of_the_other(self):
        action = self._run(self._invoice(self.professional, "2026-06-04"))
        other_company = self.setup_other_company()["company"]
        outsider = new_test_user(
            self.env,
            "trust_outsider",
            groups="account.group_account_manager",
            company_id=other_company.id,
            company_ids=[Command.set(other_company.ids)],
        )
        self.env["dunning.evidence"]._seal_pending()
        for model, records in (
            ("dunning.action", action),
            ("dunning.action.line", action.line_ids),
            ("dunning.evidence", self.env["dunning.evidence"].search([])),
            ("dunning.prescription.event", self.env["dunning.prescription.event"].search([])),
            ("dunning.payment.plan", self.env["dunning.payment.plan"].search([])),
        ):
            with self.subTest(model=model):
                self.assertFalse(
                    self.env[model].with_user(outsider).search([("id", "in", records.ids)])
                )
        with self.assertRaises(AccessError):
            action.with_user(outsider).read(["amount_due"])

    def test_a_debtor_in_two_currencies_gets_one_communication_each(self):
        eur = self._invoice(self.professional, "2026-06-01", amount=1000.0)
        usd = self._invoice(self.professional, "2026-06-01", amount=700.0, currency_id=self.usd.id)
        actions = self._run(eur | usd)
        self.assertEqual(len(actions), 2)
        by_currency = {action.currency_id: action for action in actions}
        self.assertEqual(by_currency[self.usd].amount_due, 700.0)
        self.assertEqual(by_currency[self.usd].line_ids.move_id, usd)
        self.assertEqual(by_currency[self.env.company.currency_id].amount_due, 1000.0)
        history = self.env["dunning.run"]._contact_history(self.professional, date(2026, 6, 10))
        self.assertEqual(history[self.professional.id]["count"], 1, "one contact that day")
