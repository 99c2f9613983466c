# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io
import os
from datetime import timedelta

from freezegun import freeze_time
from PIL import Image

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import SQL

from .test_payment_plan import SCAN
from .test_portal import PortalCommon, signature_png

ONLY_THE_CUSTOMER = "Only the customer can do this on the portal"
# Tables a refused portal act must leave as they were (web asset bundles aside).
COUNTED_TABLES = (
    "mail_message",
    "mail_activity",
    "payment_transaction",
    "dunning_payment_plan",
    "dunning_payment_plan_line",
    "dunning_prescription_event",
)


class PortalTrustCommon(PortalCommon):
    """Every role that may reach the portal acts: employees (billing, read-only accounting),
    the debtor's portal user (customer A) and another customer's (customer B)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.company
        common = {"company_id": company.id, "company_ids": [Command.set(company.ids)]}
        cls.billing = new_test_user(
            cls.env, "pt_billing", groups="account.group_account_invoice", **common
        )
        cls.readonly = new_test_user(
            cls.env, "pt_readonly", groups="account.group_account_readonly", **common
        )
        cls.portal_a = new_test_user(cls.env, "pt_portal_a", groups="base.group_portal")
        cls.portal_a.partner_id.parent_id = cls.durand
        cls.portal_b = new_test_user(cls.env, "pt_portal_b", groups="base.group_portal")
        cls.portal_b.partner_id.parent_id = cls.lefebvre
        cls.public = cls.env.ref("base.public_user")
        cls.odoobot = cls.env.ref("base.partner_root")
        cls.env.company.dunning_responsible_id = cls.billing

    # HELPERS

    def _snapshot(self):
        """What the database holds, read with SQL: counts and the fields the acts change."""
        self.env.flush_all()
        cr = self.env.cr
        state = {}
        for table in COUNTED_TABLES:
            cr.execute(SQL("SELECT count(*) FROM %s", SQL.identifier(table)))
            state[table] = cr.fetchone()[0]
        cr.execute(
            "SELECT count(*) FROM ir_attachment WHERE url IS NULL OR url NOT LIKE '/web/assets/%'"
        )
        state["ir_attachment"] = cr.fetchone()[0]
        cr.execute(
            "SELECT id, state, signed_by, signed_on, signed_words, signature_ip, user_id, "
            "requested_on_portal FROM dunning_payment_plan ORDER BY id"
        )
        state["plans"] = cr.fetchall()
        cr.execute(
            "SELECT id, is_disputed, dispute_reason, dispute_date FROM account_move ORDER BY id"
        )
        state["moves"] = cr.fetchall()
        return state

    def assertUnchanged(self, before):
        self.assertEqual(self._snapshot(), before)

    def _as(self, records, user):
        """The records as a portal route hands them to the model: sudo, the visitor's user."""
        return records.with_user(user).sudo()

    def _dunning_link(self):
        """A reminder on Durand's free invoice, with the token of its link."""
        action = self._run(self.durand_other)
        self.assertEqual(len(action), 1)
        return action, action._portal_ensure_token()

    def _tx_vals(self, line, **values):
        return {
            "provider_id": self.provider.id,
            "payment_method_id": self.provider.payment_method_ids[:1].id,
            "amount": line.amount_residual,
            "currency_id": line.currency_id.id,
            "partner_id": line.plan_id.partner_id.id,
            "dunning_plan_line_id": line.id,
            **values,
        }

    def _new_tx(self, line, user=None, **values):
        Transaction = self._as(self.env["payment.transaction"], user or self.portal_a)
        return Transaction.create(self._tx_vals(line, **values))


@tagged("post_install", "-at_install")
class TestPortalActsOnlyByTheDebtor(PortalTrustCommon):
    def test_employees_are_refused_every_portal_act(self):
        plan = self.durand_plan
        token = plan._portal_ensure_token()
        action, action_token = self._dunning_link()
        before = self._snapshot()
        for user in (self.billing, self.readonly, self.env.ref("base.user_admin")):
            with self.assertRefused(AccessError, ONLY_THE_CUSTOMER):
                self._as(plan, user)._sign_on_portal(
                    "Jean Durand", SIGNATURE_OK, plan.amount_total_words, "10.0.0.1", token
                )
            with self.assertRefused(AccessError, ONLY_THE_CUSTOMER):
                self._as(self.Plan, user)._request_from_portal(
                    self.durand_other, 3, token_record=action, access_token=action_token
                )
            with self.assertRefused(AccessError, ONLY_THE_CUSTOMER):
                self._as(self.durand_other, user)._dispute_from_portal(
                    "Pas commandé", token_record=action, access_token=action_token
                )
        self.assertUnchanged(before)

    def test_employees_cannot_pay_an_instalment_for_the_debtor(self):
        plan = self.durand_plan
        plan._sign("Jean Durand", plan.amount_total_words, scan=SCAN)
        line = plan.line_ids[0]
        token = plan._portal_ensure_token()
        before = self._snapshot()
        for user in (self.billing, self.readonly):
            with self.assertRefused(AccessError, ONLY_THE_CUSTOMER):
                self._as(plan, user)._portal_payable_line(line.id, token)
            with self.assertRefused(AccessError, ONLY_THE_CUSTOMER):
                self._new_tx(line, user=user)
        self.assertUnchanged(before)

    def test_another_customers_portal_user_is_refused_even_with_the_link(self):
        plan = self.durand_plan
        token = plan._portal_ensure_token()
        action, action_token = self._dunning_link()
        before = self._snapshot()
        with self.assertRefused(AccessError, ONLY_THE_CUSTOMER):
            self._as(plan, self.portal_b)._sign_on_portal(
                "Paul Lefebvre", SIGNATURE_OK, plan.amount_total_words, "10.0.0.2", token
            )
        with self.assertRefused(AccessError, ONLY_THE_CUSTOMER):
            self._as(self.Plan, self.portal_b)._request_from_portal(
                self.durand_other, 3, token_record=action, access_token=action_token
            )
        with self.assertRefused(AccessError, ONLY_THE_CUSTOMER):
            self._as(self.durand_other, self.portal_b)._dispute_from_portal(
                "Pas commandé", token_record=action, access_token=action_token
            )
        # a visitor without the link, or with another record's link, is refused too
        with self.assertRefused(AccessError, ONLY_THE_CUSTOMER):
            self._as(plan, self.public)._sign_on_portal(
                "X", SIGNATURE_OK, plan.amount_total_words, "10.0.0.3", "forged"
            )
        with self.assertRefused(AccessError, ONLY_THE_CUSTOMER):
            self._as(self.durand_other, self.public)._dispute_from_portal(
                "x", token_record=self.lefebvre_plan, access_token=action_token
            )
        self.assertUnchanged(before)

    def test_signature_names_the_portal_user_and_keeps_the_ip(self):
        plan = self.durand_plan
        self._as(plan, self.portal_a)._sign_on_portal(
            "Jean Durand", SIGNATURE_OK, plan.amount_total_words, "192.0.2.10", figures="1250,50"
        )
        self.assertEqual(plan.state, "signed")
        self.assertEqual(plan.signature_ip, "192.0.2.10")
        since_proposal = plan.message_ids.filtered(lambda m: m.create_uid == self.portal_a)
        self.assertTrue(since_proposal)
        self.assertEqual(since_proposal.author_id, self.portal_a.partner_id)
        self.assertNotIn(self.odoobot, plan.message_ids.author_id)

    def test_signature_with_the_link_names_the_debtor(self):
        plan = self.durand_plan
        self._as(plan, self.public)._sign_on_portal(
            "Jean Durand",
            SIGNATURE_OK,
            plan.amount_total_words,
            "192.0.2.11",
            plan._portal_ensure_token(),
            figures="1250,50",
        )
        self.assertEqual(plan.state, "signed")
        by_visitor = plan.message_ids.filtered(lambda m: m.create_uid == self.public)
        self.assertTrue(by_visitor)
        self.assertEqual(by_visitor.author_id, self.durand)
        self.assertNotIn(self.public.partner_id, plan.message_ids.author_id)

    def test_dispute_and_request_name_the_debtor_and_the_ip(self):
        other = self._invoice(self.durand, self.today - timedelta(days=30), amount=90.0)
        self._as(self.durand_other, self.portal_a)._dispute_from_portal(
            "Prestation non réalisée", ip_address="192.0.2.12"
        )
        message = self.durand_other.message_ids.filtered(lambda m: "192.0.2.12" in m.body)
        self.assertEqual(message.author_id, self.portal_a.partner_id)
        plan = self._as(self.Plan, self.portal_a)._request_from_portal(
            other, 3, ip_address="192.0.2.13"
        )
        message = plan.message_ids.filtered(lambda m: "192.0.2.13" in m.body)
        self.assertEqual(message.author_id, self.portal_a.partner_id)

    def test_request_with_the_link_names_the_debtor(self):
        action, token = self._dunning_link()
        plan = self._as(self.Plan, self.public)._request_from_portal(
            self.durand_other, 3, token_record=action, access_token=token, ip_address="192.0.2.14"
        )
        self.assertEqual(plan.message_ids.author_id, self.durand)
        self.assertIn("192.0.2.14", plan.message_ids.body)
        self.assertEqual(plan.user_id, self.billing)
        # another communication's link does not open these invoices
        other = self._invoice(self.durand, self.today - timedelta(days=30), amount=90.0)
        before = self._snapshot()
        with self.assertRefused(AccessError, "not part of this reminder"):
            self._as(self.Plan, self.public)._request_from_portal(
                other, 3, token_record=action, access_token=token
            )
        self.assertUnchanged(before)


@tagged("post_install", "-at_install")
class TestPortalRoutesOnlyForTheDebtor(PortalTrustCommon):
    def test_readonly_accountant_cannot_sign_through_the_route(self):
        plan = self.durand_plan
        before = self._snapshot()
        self.authenticate("pt_readonly", "pt_readonly")
        result = self._sign(plan, plan.amount_total_words)
        self.assertIn(ONLY_THE_CUSTOMER, result["error"])
        self.assertUnchanged(before)

    def test_other_customer_gets_404_on_the_dunning_page_and_routes(self):
        action, token = self._dunning_link()
        before = self._snapshot()
        self.authenticate("pt_portal_b", "pt_portal_b")
        page = self.url_open(f"/my/dunning/{action.id}?access_token={token}")
        self.assertEqual(page.status_code, 404)
        self.assertNotIn(self.durand_other.name, page.text)
        dispute = self.url_open(
            f"/my/overdue_invoices/{self.durand_other.id}/dispute",
            data={
                "csrf_token": self.csrf_token(),
                "reason": "x",
                "dunning_id": action.id,
                "access_token": token,
            },
        )
        self.assertEqual(dispute.status_code, 404)
        request = self.url_open(
            "/my/overdue_invoices/request_plan",
            data={
                "csrf_token": self.csrf_token(),
                "invoice_ids": [self.durand_other.id],
                "dunning_id": action.id,
                "access_token": token,
            },
        )
        self.assertEqual(request.status_code, 404)
        plan_page = self.url_open(
            f"/my/payment_plans/{self.durand_plan.id}"
            f"?access_token={self.durand_plan._portal_ensure_token()}"
        )
        self.assertEqual(plan_page.status_code, 404)
        self.assertUnchanged(before)

    def test_employee_with_the_link_cannot_dispute(self):
        action, token = self._dunning_link()
        before = self._snapshot()
        self.authenticate("pt_billing", "pt_billing")
        response = self.url_open(
            f"/my/overdue_invoices/{self.durand_other.id}/dispute",
            data={
                "csrf_token": self.csrf_token(),
                "reason": "Déjà payé",
                "dunning_id": action.id,
                "access_token": token,
            },
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        self.assertIn("error=not_debtor", response.headers["Location"])
        self.assertUnchanged(before)

    def test_debtor_with_the_link_disputes(self):
        action, token = self._dunning_link()
        response = self.url_open(
            f"/my/overdue_invoices/{self.durand_other.id}/dispute",
            data={
                "csrf_token": self.csrf_token(),
                "reason": "Déjà payé par chèque",
                "dunning_id": action.id,
                "access_token": token,
            },
        )
        self.assertIn("message=disputed", response.url)
        self.assertTrue(self.durand_other.is_disputed)
        message = self.durand_other.message_ids.filtered(lambda m: "Déjà payé" in m.body)
        self.assertEqual(message.author_id, self.durand)
        # the field tracking too names the debtor (tracking runs in requests, not in tests)
        tracking = self.durand_other.message_ids.filtered(
            lambda m: "is_disputed" in m.tracking_value_ids.field_id.mapped("name")
        )
        self.assertEqual(tracking.author_id, self.durand)

    def test_portal_user_signs_as_the_author(self):
        plan = self.durand_plan
        self.authenticate("pt_portal_a", "pt_portal_a")
        self.assertNotIn("error", self._sign(plan, plan.amount_total_words))
        self.assertEqual(plan.state, "signed")
        by_portal = plan.message_ids.filtered(lambda m: m.create_uid == self.portal_a)
        self.assertTrue(by_portal.filtered("tracking_value_ids"))
        self.assertEqual(by_portal.author_id, self.portal_a.partner_id)
        self.assertNotIn(self.odoobot, plan.message_ids.author_id)
        self.assertTrue(plan.signature_ip)

    def test_page_texts_come_from_codes_never_from_the_query_string(self):
        self.authenticate("jean.durand", "jean.durand")
        evil = "<b>Votre compte est bloqué, appelez le 0899</b>"
        for query in (f"error={evil}", f"message={evil}", "error=plan_requested"):
            page = self.url_open(f"/my/overdue_invoices?{query}")
            self.assertEqual(page.status_code, 200)
            self.assertNotIn("appelez le 0899", page.text)
            self.assertNotIn("o_collection_error", page.text)
        page = self.url_open(f"/my/payment_plans/{self.durand_plan.id}?message={evil}")
        self.assertNotIn("appelez le 0899", page.text)
        # a refusal code without a refusal in the session shows a fixed text
        page = self.url_open("/my/overdue_invoices?error=refused")
        self.assertIn("Your request could not be recorded.", page.text)
        # the refusal itself is kept in the session and shown once
        response = self.url_open(
            "/my/overdue_invoices/request_plan",
            data={
                "csrf_token": self.csrf_token(),
                "invoice_ids": [self.durand_other.id],
                "instalment_count": "40",
            },
        )
        self.assertIn("error=refused", response.url)
        self.assertIn("Choose between 2 and 24 instalments", response.text)
        again = self.url_open(response.url)
        self.assertNotIn("Choose between 2 and 24 instalments", again.text)


@tagged("post_install", "-at_install")
class TestPortalPaymentLink(PortalTrustCommon):
    def setUp(self):
        super().setUp()
        self.durand_plan._sign("Jean Durand", self.durand_plan.amount_total_words, scan=SCAN)
        self.first, self.second = self.durand_plan.line_ids.sorted("due_date")

    def test_transaction_of_the_route_is_linked_to_its_instalment(self):
        self.authenticate("jean.durand", "jean.durand")
        plan = self.durand_plan
        result = self._post_tx(self.first)
        tx = self.env["payment.transaction"].search([("reference", "=", result["reference"])])
        self.assertEqual(tx.dunning_plan_line_id, self.first)
        self.assertEqual(self.first.transaction_ids, tx)
        # a second tab: refused while the first payment is a recent draft
        before = self._snapshot()
        second = self._json(
            f"/my/payment_plans/{plan.id}/pay/{self.first.id}/transaction",
            **self._tx_params(self.first),
        )
        self.assertIn("already being processed", second["error"]["data"]["message"])
        self.assertUnchanged(before)

    def _tx_params(self, line):
        plan = line.plan_id
        return {
            "access_token": plan._portal_ensure_token(),
            "provider_id": self.provider.id,
            "payment_method_id": self.provider.payment_method_ids[:1].id,
            "token_id": None,
            "amount": line.amount_residual,
            "flow": "direct",
            "tokenization_requested": False,
            "landing_route": plan.get_portal_url(),
            "is_validation": False,
            "csrf_token": self.csrf_token(),
        }

    def _post_tx(self, line):
        result = self._json(
            f"/my/payment_plans/{line.plan_id.id}/pay/{line.id}/transaction",
            **self._tx_params(line),
        )
        self.assertNotIn("error", result, result)
        return result["result"]

    def test_a_payment_under_way_blocks_another_one(self):
        tx = self._new_tx(self.first)
        with self.assertRefused(UserError, "already being processed"):
            self._new_tx(self.first)
        for state, post_processed in (
            ("pending", False),
            ("authorized", False),
            ("done", False),
        ):
            tx.write({"state": state, "is_post_processed": post_processed})
            before = self._snapshot()
            with self.assertRefused(UserError, "already being processed"):
                self._new_tx(self.first)
            self.assertUnchanged(before)
        # recorded (post-processed), cancelled or in error, it no longer holds the instalment
        for state, post_processed in (("done", True), ("cancel", False), ("error", False)):
            tx.write({"state": state, "is_post_processed": post_processed})
            self._new_tx(self.first).unlink()
        # a draft left more than an hour ago no longer holds it either
        tx.write({"state": "draft"})
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE payment_transaction SET create_date = now() - interval '2 hours' WHERE id = %s",
            [tx.id],
        )
        tx.invalidate_recordset()
        self.assertTrue(self._new_tx(self.first))

    def test_instalment_10_is_not_instalment_1(self):
        invoice = self._invoice(self.durand, self.today - timedelta(days=20), amount=1200.0)
        plan = self._proposed_plan(invoice, instalment_count=12)
        plan._sign("Jean Durand", plan.amount_total_words, scan=SCAN)
        lines = plan.line_ids.sorted("due_date")
        first, tenth = lines[0], lines[9]
        self.assertEqual(tenth._number(), 10)
        tx_10 = self._new_tx(tenth, reference=f"{plan.name}-10", state="pending")
        # instalment 1 stays payable whatever the reference of instalment 10's payment
        self.assertEqual(self._as(plan, self.portal_a)._portal_payable_line(first.id), first)
        tx_1 = self._new_tx(first, reference=f"{plan.name}-1", state="pending")
        self.assertEqual(first._live_transactions(), tx_1)
        self.assertEqual(tenth._live_transactions(), tx_10)

    def test_the_link_is_set_once(self):
        tx = self._new_tx(self.first)
        before = self._snapshot()
        with self.assertRefused(UserError, "set when it starts"):
            tx.sudo().write({"dunning_plan_line_id": self.second.id})
        with self.assertRefused(UserError, "set when it starts"):
            tx.sudo().write({"dunning_plan_line_id": False})
        self.assertUnchanged(before)


@tagged("post_install", "-at_install")
class TestPortalInputs(PortalTrustCommon):
    def _sign_as_a(self, name="Jean Durand", signature=None):
        plan = self.durand_plan
        return self._as(plan, self.portal_a)._sign_on_portal(
            name,
            signature or SIGNATURE_OK,
            plan.amount_total_words,
            "192.0.2.20",
            figures="1250,50",
        )

    def test_signature_must_be_an_image_that_decodes_within_limits(self):
        noise = io.BytesIO()
        Image.frombytes("RGB", (1000, 500), os.urandom(1000 * 500 * 3)).save(noise, "PNG")
        svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
        refused = {
            base64.b64encode(svg).decode(): "PNG or JPEG",
            base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\0" * 40).decode(): "PNG or JPEG",
            "not base64!": "PNG or JPEG",
            signature_png((2001, 100)): "2000 x 1000",
            signature_png((200, 1001)): "2000 x 1000",
            base64.b64encode(noise.getvalue()).decode(): "1 MB",
        }
        before = self._snapshot()
        for signature, text in refused.items():
            with self.assertRefused(UserError, text):
                self._sign_as_a(signature=signature)
        with self.assertRefused(UserError, "128 characters"):
            self._sign_as_a(name="J" * 129)
        self.assertUnchanged(before)
        self._sign_as_a(name="J" * 128, signature=signature_png((2000, 1000)))
        self.assertEqual(self.durand_plan.state, "signed")

    def test_a_jpeg_signature_is_accepted(self):
        stream = io.BytesIO()
        Image.new("RGB", (300, 100), "white").save(stream, "JPEG")
        self._sign_as_a(signature=base64.b64encode(stream.getvalue()).decode())
        self.assertEqual(self.durand_plan.state, "signed")

    def test_dispute_documents_pdf_png_jpeg_up_to_10_mb(self):
        invoice = self.durand_other
        before = self._snapshot()
        for name, data, text in (
            ("devis.pdf", b"<html><script>alert(1)</script></html>", "PDF, PNG or JPEG"),
            ("virus.pdf", b"MZ\x90\x00\x03", "PDF, PNG or JPEG"),
            ("gros.pdf", b"%PDF-1.4" + b"0" * (10 * 1024 * 1024), "10 MB"),
        ):
            with self.assertRefused(UserError, text):
                self._as(invoice, self.portal_a)._dispute_from_portal("Erreur", (name, data))
        self.assertUnchanged(before)
        png = io.BytesIO()
        Image.new("RGB", (20, 20), "white").save(png, "PNG")
        self._as(invoice, self.portal_a)._dispute_from_portal(
            "Erreur", ("../photo.html", png.getvalue())
        )
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "account.move"), ("res_id", "=", invoice.id)]
        )
        self.assertEqual(attachment.name, "photo.png")
        self.assertEqual(attachment.mimetype, "image/png")

    def test_dispute_document_refused_through_the_route(self):
        self.authenticate("jean.durand", "jean.durand")
        before = self._snapshot()
        response = self.url_open(
            f"/my/overdue_invoices/{self.durand_other.id}/dispute",
            data={"csrf_token": self.csrf_token(), "reason": "Erreur"},
            files={"attachment": ("page.pdf", b"<html>hello</html>", "application/pdf")},
        )
        self.assertIn("error=refused", response.url)
        self.assertIn("must be a PDF, PNG or JPEG file", response.text)
        self.assertUnchanged(before)


@tagged("post_install", "-at_install")
class TestPortalRequestAndDisputeReview(PortalTrustCommon):
    def test_requested_plan_belongs_to_the_collection_responsible(self):
        self.authenticate("pt_portal_a", "pt_portal_a")
        response = self.url_open(
            "/my/overdue_invoices/request_plan",
            data={
                "csrf_token": self.csrf_token(),
                "invoice_ids": [self.durand_other.id],
                "instalment_count": "3",
            },
        )
        self.assertIn("message=plan_requested", response.url)
        plan = self.durand_other.payment_plan_id
        self.assertEqual(plan.user_id, self.billing)
        self.assertEqual(plan.activity_ids.user_id, self.billing)
        self.assertEqual(plan.create_uid, self.portal_a)

    def test_requested_plan_goes_to_the_debtors_salesperson_first(self):
        self.durand.user_id = self.readonly
        plan = self._as(self.Plan, self.portal_a)._request_from_portal(self.durand_other, 3)
        self.assertEqual(plan.user_id, self.readonly)

    def test_dispute_on_a_signed_plan_opens_a_review_and_the_plan_still_breaks(self):
        plan = self.durand_plan
        plan._sign("Jean Durand", plan.amount_total_words, scan=SCAN)
        plan.user_id = self.billing
        self._as(self.durand_invoice, self.portal_a)._dispute_from_portal("Livraison incomplète")
        review = plan.activity_ids.filtered(
            lambda a: a.summary == "Dispute on an invoice of a signed payment plan"
        )
        self.assertEqual(review.user_id, self.billing)
        self.assertIn("Livraison incomplète", plan.message_ids[0].body)
        self.assertEqual(plan.message_ids[0].author_id, self.portal_a.partner_id)
        # the plan keeps its follow-up: formal notice after the grace days, then the breach
        company = plan.company_id
        first = plan.line_ids.sorted("due_date")[0]
        missed_on = first.due_date + timedelta(days=company.payment_plan_grace_days + 1)
        with freeze_time(missed_on):
            self.Plan._process_payment_plans()
        self.assertEqual(first.missed_date, missed_on)
        with freeze_time(missed_on + timedelta(days=plan._breach_days() + 1)):
            self.Plan._process_payment_plans()
        self.assertEqual(plan.state, "broken")


@tagged("post_install", "-at_install")
class TestPortalPdfDownloads(PortalTrustCommon):
    """The "Download" link of the plan's page, in every state a customer sees."""

    def setUp(self):
        super().setUp()
        # Odoo answers HTML instead of PDF in tests unless asked: render for real
        Report = type(self.env["ir.actions.report"])
        render = Report._render_qweb_pdf

        def _render_qweb_pdf(report, report_ref, res_ids=None, data=None):
            return render(
                report.with_context(force_report_rendering=True), report_ref, res_ids, data
            )

        self.patch(Report, "_render_qweb_pdf", _render_qweb_pdf)

    def _plan_in(self, state):
        invoice = self._invoice(self.durand, self.today - timedelta(days=20), amount=600.0)
        plan = self._proposed_plan(invoice, instalment_count=2)
        if state == "proposed":
            return plan
        if state == "cancelled":
            plan.action_cancel()
            return plan
        plan._sign("Jean Durand", plan.amount_total_words, scan=SCAN)
        if state == "in_progress":
            self._register_payment(invoice, amount=300.0)
            plan._sync_payments()
        elif state == "completed":
            self._register_payment(invoice, amount=600.0)
            plan._sync_payments()
        elif state == "broken":
            plan._close("broken", broken_date=self.today)
        elif state == "signed_cancelled":
            plan.action_cancel(reason="Accord amiable trouvé")
        return plan

    def _assert_pdf(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertTrue(response.content.startswith(b"%PDF"), url)
        return response

    def test_every_state_downloads_a_pdf(self):
        states = (
            "proposed",
            "signed",
            "in_progress",
            "completed",
            "broken",
            "cancelled",
            "signed_cancelled",
        )
        plans = {state: self._plan_in(state) for state in states}
        self.assertEqual(
            [plans[state].state for state in states],
            [
                "proposed",
                "signed",
                "in_progress",
                "completed",
                "broken",
                "cancelled",
                "cancelled",
            ],
        )
        self.authenticate("pt_portal_a", "pt_portal_a")
        for state, plan in plans.items():
            with self.subTest(state=state):
                download = self._assert_pdf(
                    f"/my/payment_plans/{plan.id}?report_type=pdf&download=true"
                )
                disposition = download.headers["Content-Disposition"]
                self.assertIn("attachment", disposition)
                self.assertIn(".pdf", disposition)
                inline = self._assert_pdf(f"/my/payment_plans/{plan.id}?report_type=pdf")
                self.assertIn("inline", inline.headers["Content-Disposition"])
        # a signed plan gives the document as signed, byte for byte
        signed = plans["signed"]
        response = self.url_open(f"/my/payment_plans/{signed.id}?report_type=pdf&download=true")
        self.assertEqual(response.content, signed.signed_pdf_id.raw)

    def test_link_downloads_a_pdf_without_login(self):
        for state in ("proposed", "signed"):
            plan = self._plan_in(state)
            token = plan._portal_ensure_token()
            self._assert_pdf(
                f"/my/payment_plans/{plan.id}?report_type=pdf&download=true&access_token={token}"
            )


SIGNATURE_OK = signature_png()
