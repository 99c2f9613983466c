# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io
import json
import logging
import time
from datetime import timedelta

from PIL import Image

from odoo import Command, fields
from odoo.http import Request
from odoo.tests import HttpCase, tagged

from .test_payment_plan import SCAN, PaymentPlanCommon


def signature_png(size=(300, 100)):
    """A drawn signature as the portal widget sends it: a PNG that decodes, in base64."""
    stream = io.BytesIO()
    Image.new("RGBA", size, (255, 255, 255, 0)).save(stream, format="PNG")
    return base64.b64encode(stream.getvalue()).decode()


SIGNATURE = signature_png()
_logger = logging.getLogger(__name__)


class PortalCommon(PaymentPlanCommon, HttpCase):
    """Two customers (companies) with a portal user each, and their overdue invoices."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.today()
        cls.durand = cls.professional
        cls.lefebvre = cls.env["res.partner"].create(
            {"name": "Lefebvre Transports SAS", "is_company": True, "email": "f@lefebvre.example"}
        )
        cls.durand_user = cls._portal_user("jean.durand", "Jean Durand", cls.durand)
        cls.lefebvre_user = cls._portal_user("paul.lefebvre", "Paul Lefebvre", cls.lefebvre)
        due = cls.today - timedelta(days=40)
        cls.durand_invoice = cls._invoice(cls.durand, due, amount=1250.50)
        cls.durand_other = cls._invoice(cls.durand, due, amount=300.0)
        cls.lefebvre_invoice = cls._invoice(cls.lefebvre, due, amount=800.0)
        cls.durand_plan = cls._proposed_plan(cls.durand_invoice, instalment_count=2)
        cls.lefebvre_plan = cls._proposed_plan(cls.lefebvre_invoice, instalment_count=4)
        cls._setup_demo_provider()

    @classmethod
    def _portal_user(cls, login, name, company_partner):
        user = cls._create_new_portal_user(login=login, password=login, name=name)
        user.partner_id.write({"parent_id": company_partner.id, "email": f"{login}@example.com"})
        return user

    @classmethod
    def _proposed_plan(cls, invoice, **values):
        action = invoice.action_create_payment_plan()
        wizard = cls.env["dunning.payment.plan.wizard"].browse(action["res_id"])
        wizard.write({"first_due_date": cls.today + timedelta(days=10), **values})
        plan = wizard._create_plan()
        plan.action_propose()
        return plan

    @classmethod
    def _setup_demo_provider(cls):
        Provider = cls.env["payment.provider"].sudo()
        provider = Provider.search(
            [("code", "=", "demo"), ("company_id", "=", cls.env.company.id)], limit=1
        ) or cls.env.ref("payment.payment_provider_demo").sudo().copy(
            {"company_id": cls.env.company.id}
        )
        provider.write(
            {
                "state": "test",
                "is_published": True,
                "journal_id": cls.company_data["default_journal_bank"].id,
            }
        )
        # an outstanding account: the online payment is reconciled with the invoices at once
        provider.journal_id.inbound_payment_method_line_ids.filtered(
            lambda line: line.payment_provider_id == provider
        ).payment_account_id = cls.inbound_payment_method_line.payment_account_id
        # only the demo provider: the payment form selects it by itself
        Provider.search([("id", "!=", provider.id), ("company_id", "=", cls.env.company.id)]).write(
            {"state": "disabled"}
        )
        cls.provider = provider

    def csrf_token(self):
        if not getattr(self, "session", None):
            self.authenticate(None, None)
        return Request.csrf_token(self)

    def _json(self, url, **params):
        response = self.url_open(
            url,
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        return response.json()

    def _sign(self, plan, words, token=None, **extra):
        token = token or plan._portal_ensure_token()
        extra.setdefault("amount_figures", str(plan.amount_total))
        return self._json(
            f"/my/payment_plans/{plan.id}/sign",
            access_token=token,
            name="Jean Durand",
            signature=SIGNATURE,
            amount_words=words,
            **extra,
        ).get("result", {})


@tagged("post_install", "-at_install")
class TestPortalPages(PortalCommon):
    def test_home_counts_the_customers_plans(self):
        self.authenticate("jean.durand", "jean.durand")
        result = self._json("/my/counters", counters=["payment_plan_count"])["result"]
        self.assertEqual(result["payment_plan_count"], 1)
        response = self.url_open("/my")
        self.assertIn("/my/payment_plans", response.text)

    def test_list_shows_own_plans_with_amounts(self):
        self.authenticate("jean.durand", "jean.durand")
        response = self.url_open("/my/payment_plans?sortby=name")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.durand_plan.name, response.text)
        self.assertNotIn(self.lefebvre_plan.name, response.text)
        self.assertIn("1,250.50", response.text)

    def test_plan_page_shows_schedule_invoices_and_history(self):
        self.authenticate("jean.durand", "jean.durand")
        response = self.url_open(f"/my/payment_plans/{self.durand_plan.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.durand_invoice.name, response.text)
        self.assertIn("625.25", response.text)
        self.assertIn("Plan proposed", response.text)
        self.assertIn("o_plan_sign_card", response.text)
        # the page never gives the words the debtor must write (art. 1376)
        self.assertNotIn(self.durand_plan.amount_total_words, response.text)

    def test_history_is_the_plans_timeline_in_date_order(self):
        """The demo's case: a plan drawn up and proposed, signed five days later, its first
        instalment paid, a reminder before the second one; listed by the dates they happened,
        whatever the order they were recorded in."""
        plan = self.durand_plan
        plan._sign("Jean Durand", plan.amount_total_words, scan=SCAN)
        first, second = plan.line_ids.sorted("due_date")

        def ago(days):
            return self.today - timedelta(days=days)

        self.env.cr.execute(
            "UPDATE dunning_payment_plan SET date = %s, proposal_date = %s, signed_on = %s "
            "WHERE id = %s",
            (ago(60), ago(60), ago(55), plan.id),
        )
        self.env.cr.execute(
            "UPDATE dunning_payment_plan_line SET paid_date = %s WHERE id = %s", (ago(33), first.id)
        )
        self.env.cr.execute(
            "UPDATE dunning_payment_plan_line SET reminder_date = %s, missed_date = %s "
            "WHERE id = %s",
            (ago(40), ago(2), second.id),
        )
        plan.invalidate_recordset()
        plan.line_ids.invalidate_recordset()
        self.assertEqual(
            plan._portal_history(),
            [
                (ago(60), "Plan drawn up"),
                (ago(60), "Plan proposed"),
                (ago(55), "Signed by Jean Durand"),
                (ago(40), "Reminder of instalment 2 sent"),
                (ago(33), "Instalment 1 paid"),
                (ago(2), "Formal notice to pay instalment 2 sent"),
            ],
        )
        self.authenticate("jean.durand", "jean.durand")
        page = self.url_open(f"/my/payment_plans/{plan.id}").text
        history = page[page.index("o_plan_history") :]
        positions = [
            history.index(label)
            for label in ("Plan proposed", "Signed by", "Reminder of", "Instalment 1 paid")
        ]
        self.assertEqual(positions, sorted(positions))

    def test_another_customers_plan_answers_404_and_leaks_nothing(self):
        self.authenticate("jean.durand", "jean.durand")
        other = self.url_open(f"/my/payment_plans/{self.lefebvre_plan.id}")
        missing = self.url_open("/my/payment_plans/999999")
        self.assertEqual(other.status_code, 404)
        self.assertEqual(missing.status_code, 404)
        self.assertNotIn(self.lefebvre_plan.name, other.text)
        self.assertNotIn("Lefebvre", other.text)
        pay = self.url_open(
            f"/my/payment_plans/{self.lefebvre_plan.id}/pay/{self.lefebvre_plan.line_ids[0].id}"
        )
        self.assertEqual(pay.status_code, 404)

    def test_token_link_opens_without_login_wrong_or_expired_refused(self):
        plan = self.durand_plan
        token = plan._portal_ensure_token()
        ok = self.url_open(f"/my/payment_plans/{plan.id}?access_token={token}")
        self.assertEqual(ok.status_code, 200)
        self.assertIn(plan.name, ok.text)
        wrong = self.url_open(f"/my/payment_plans/{plan.id}?access_token=not-the-token")
        self.assertEqual(wrong.status_code, 404)
        other = self.url_open(f"/my/payment_plans/{self.lefebvre_plan.id}?access_token={token}")
        self.assertEqual(other.status_code, 404)
        plan.action_cancel()  # the proposal lapsed: its links expire
        self.assertEqual(
            self.url_open(f"/my/payment_plans/{plan.id}?access_token={token}").status_code, 404
        )

    def test_draft_plan_is_not_shown_to_the_customer(self):
        draft = self._plan(self.durand_other)
        self.authenticate("jean.durand", "jean.durand")
        self.assertEqual(self.url_open(f"/my/payment_plans/{draft.id}").status_code, 404)
        self.assertNotIn(draft.name, self.url_open("/my/payment_plans").text)

    def test_closed_plan_link_expires(self):
        plan = self.durand_plan
        token = plan._portal_ensure_token()
        plan._sign("Jean Durand", plan.amount_total_words, scan=SCAN)
        plan._close("completed", completed_date=self.today - timedelta(days=91))
        self.assertEqual(
            self.url_open(f"/my/payment_plans/{plan.id}?access_token={token}").status_code, 404
        )

    def test_pdf_download(self):
        self.authenticate("jean.durand", "jean.durand")
        response = self.url_open(f"/my/payment_plans/{self.durand_plan.id}?report_type=html")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Bon pour reconnaissance de la somme de", response.text)


@tagged("post_install", "-at_install")
class TestPortalSignature(PortalCommon):
    def test_words_checked_then_signed_with_evidence(self):
        plan = self.durand_plan
        result = self._sign(plan, "mille deux cent cinquante euros")
        self.assertIn("art. 1376", result["error"])
        # the expected words are never given to the debtor (art. 1376: the debtor writes them)
        self.assertNotIn("cinquante centimes", result["error"])
        # figures and words both required, and the same amount
        result = self._sign(plan, plan.amount_total_words, amount_figures="")
        self.assertIn("in figures and in words", result["error"])
        result = self._sign(plan, plan.amount_total_words, amount_figures="1 205,50")
        self.assertIn("differs from the amount written in words", result["error"])
        self.assertEqual(plan.state, "proposed")
        self.assertEqual(plan.state, "proposed")
        self.assertFalse(self.durand_invoice.prescription_event_ids)
        # a spelling of the same number (1990 hyphens, case, "euro") is the same sum
        result = self._sign(
            plan,
            "Mille-deux-cent-cinquante euro cinquante centimes",
            amount_figures="1 250,50 €",
        )
        self.assertNotIn("error", result)
        self.assertIn("message=sign_ok", result["redirect_url"])
        plan.invalidate_recordset()
        self.assertEqual(plan.state, "signed")
        self.assertEqual(plan.signed_by, "Jean Durand")
        self.assertEqual(plan.signed_on, self.today)
        self.assertTrue(plan.signature)
        self.assertTrue(plan.signature_ip)
        self.assertEqual(
            self.durand_invoice.prescription_event_ids.mapped("event_type"), ["payment_plan"]
        )
        self.assertTrue(plan.signed_pdf_id)  # the plan as signed, kept
        self.assertEqual(plan.signed_figures, "1 250,50 €")

    def test_no_signing_twice_nor_without_signature(self):
        plan = self.durand_plan
        words = plan.amount_total_words
        result = self._json(
            f"/my/payment_plans/{plan.id}/sign",
            access_token=plan._portal_ensure_token(),
            name="Jean Durand",
            signature="",
            amount_words=words,
            amount_figures="1250.50",
        )["result"]
        self.assertIn("Draw your signature", result["error"])
        self.assertNotIn("error", self._sign(plan, words))
        self.assertIn("not waiting for your signature", self._sign(plan, words)["error"])

    def test_wrong_token_cannot_sign(self):
        result = self._sign(self.lefebvre_plan, "huit cents euros", token="forged")
        self.assertIn("cannot be found", result["error"])
        self.assertEqual(self.lefebvre_plan.state, "proposed")


@tagged("post_install", "-at_install")
class TestPortalPayment(PortalCommon):
    def setUp(self):
        super().setUp()
        self.durand_plan._sign("Jean Durand", self.durand_plan.amount_total_words, scan=SCAN)
        self.first = self.durand_plan.line_ids[0]

    def test_pay_page_shows_the_instalment_amount(self):
        self.authenticate("jean.durand", "jean.durand")
        response = self.url_open(f"/my/payment_plans/{self.durand_plan.id}/pay/{self.first.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn('data-amount="625.25"', response.text)
        self.assertIn("o_payment_form", response.text)

    def _transaction(self, line, amount):
        """What the payment form posts (the browser's amount and reference included)."""
        plan = line.plan_id
        return self._json(
            f"/my/payment_plans/{plan.id}/pay/{line.id}/transaction",
            access_token=plan._portal_ensure_token(),
            provider_id=self.provider.id,
            payment_method_id=self.provider.payment_method_ids[:1].id,
            token_id=None,
            amount=amount,
            flow="direct",
            tokenization_requested=False,
            landing_route=plan.get_portal_url(),
            is_validation=False,
            csrf_token=self.csrf_token(),
            payment_reference="forged",
        )

    def test_amount_comes_from_the_server(self):
        self.authenticate("jean.durand", "jean.durand")
        result = self._transaction(self.first, 1.0)
        self.assertNotIn("error", result, result)
        tx = self.env["payment.transaction"].search(
            [("reference", "=", result["result"]["reference"])]
        )
        self.assertEqual(tx.amount, 625.25)
        self.assertTrue(tx.reference.startswith(self.durand_plan.name))
        self.assertEqual(tx.invoice_ids, self.durand_invoice)

    def test_successful_payment_marks_the_instalment_paid(self):
        tx = self.env["payment.transaction"].create(
            {
                "provider_id": self.provider.id,
                "payment_method_id": self.provider.payment_method_ids[:1].id,
                "amount": self.first.amount_residual,
                "currency_id": self.durand_plan.currency_id.id,
                "partner_id": self.durand.id,
                "reference": "ECH-TEST-1",
                "operation": "online_direct",
                "invoice_ids": [(6, 0, self.durand_invoice.ids)],
            }
        )
        tx._set_done()
        tx._post_process()
        self.assertEqual(self.first.payment_state, "paid")
        self.assertEqual(self.durand_plan.state, "in_progress")

    def test_paid_instalment_cannot_be_paid_again(self):
        self._register_payment(self.durand_invoice, amount=625.25)
        self.assertEqual(self.first.payment_state, "paid")
        self.authenticate("jean.durand", "jean.durand")
        page = self.url_open(
            f"/my/payment_plans/{self.durand_plan.id}/pay/{self.first.id}", allow_redirects=False
        )
        self.assertEqual(page.status_code, 303)
        result = self._transaction(self.first, 625.25)
        self.assertIn("already paid", result["error"]["data"]["message"])

    def test_pending_payment_blocks_a_second_one(self):
        # the payment is linked to its instalment, as the portal creates it for the debtor
        self.env["payment.transaction"].with_user(self.durand_user).sudo().create(
            {
                "provider_id": self.provider.id,
                "payment_method_id": self.provider.payment_method_ids[:1].id,
                "amount": self.first.amount_residual,
                "currency_id": self.durand_plan.currency_id.id,
                "partner_id": self.durand.id,
                "reference": f"{self.durand_plan.name}-1",
                "state": "pending",
                "dunning_plan_line_id": self.first.id,
            }
        )
        self.authenticate("jean.durand", "jean.durand")
        result = self._transaction(self.first, 625.25)
        self.assertIn("already being processed", result["error"]["data"]["message"])

    def test_proposed_plan_cannot_be_paid(self):
        self.authenticate("paul.lefebvre", "paul.lefebvre")
        line = self.lefebvre_plan.line_ids[0]
        page = self.url_open(
            f"/my/payment_plans/{self.lefebvre_plan.id}/pay/{line.id}", allow_redirects=False
        )
        self.assertEqual(page.status_code, 303)


@tagged("post_install", "-at_install")
class TestPortalOverdueInvoices(PortalCommon):
    def test_overdue_page_lists_invoices_with_status(self):
        self.authenticate("jean.durand", "jean.durand")
        response = self.url_open("/my/overdue_invoices")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.durand_other.name, response.text)
        self.assertIn(f"Payment plan {self.durand_plan.name}", response.text)
        self.assertNotIn(self.lefebvre_invoice.name, response.text)

    def test_request_a_plan(self):
        self.authenticate("jean.durand", "jean.durand")
        response = self.url_open(
            "/my/overdue_invoices/request_plan",
            data={
                "csrf_token": self.csrf_token(),
                "invoice_ids": [self.durand_other.id],
                "instalment_count": "4",
            },
        )
        self.assertIn("message=plan_requested", response.url)
        plan = self.durand_other.payment_plan_id
        self.assertEqual(plan.state, "draft")
        self.assertTrue(plan.requested_on_portal)
        self.assertEqual(len(plan.line_ids), 4)
        self.assertEqual(plan.activity_ids.summary, "Payment plan requested on the portal")

    def test_request_refused_for_another_customers_invoice(self):
        self.authenticate("jean.durand", "jean.durand")
        response = self.url_open(
            "/my/overdue_invoices/request_plan",
            data={"csrf_token": self.csrf_token(), "invoice_ids": [self.lefebvre_invoice.id]},
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.lefebvre_invoice.payment_plan_id, self.lefebvre_plan)

    def test_request_refused_with_clear_message(self):
        self.authenticate("jean.durand", "jean.durand")
        response = self.url_open(
            "/my/overdue_invoices/request_plan",
            data={
                "csrf_token": self.csrf_token(),
                "invoice_ids": [self.durand_invoice.id],  # already in a plan
                "instalment_count": "3",
            },
        )
        self.assertIn("error=", response.url)
        self.assertIn("already in payment plan", response.text)

    def test_dispute_blocks_dunning_and_creates_activity(self):
        self.authenticate("jean.durand", "jean.durand")
        response = self.url_open(
            f"/my/overdue_invoices/{self.durand_other.id}/dispute",
            data={"csrf_token": self.csrf_token(), "reason": "Prestation non réalisée"},
            files={"attachment": ("bon.pdf", b"%PDF-1.4 proof", "application/pdf")},
        )
        self.assertIn("message=disputed", response.url)
        invoice = self.durand_other
        self.assertTrue(invoice.is_disputed)
        self.assertEqual(invoice.dispute_reason, "Prestation non réalisée")
        self.assertTrue(invoice.is_collection_blocked)
        self.assertEqual(invoice.activity_ids.summary, "Invoice disputed on the portal")
        self.assertTrue(
            self.env["ir.attachment"].search(
                [("res_model", "=", "account.move"), ("res_id", "=", invoice.id)]
            )
        )
        self.assertNotIn(invoice, self.env["dunning.run"]._candidates(invoice, self.today))

    def test_one_contest_button_per_invoice_opens_its_own_form(self):
        self.authenticate("jean.durand", "jean.durand")
        page = self.url_open("/my/overdue_invoices").text
        self.assertIn(f'href="/my/overdue_invoices/{self.durand_other.id}/dispute"', page)
        self.assertNotIn("o_dispute_form", page)
        form = self.url_open(f"/my/overdue_invoices/{self.durand_other.id}/dispute")
        self.assertEqual(form.status_code, 200)
        self.assertIn(f"o_dispute_form_{self.durand_other.id}", form.text)
        self.assertIn(self.durand_other.name, form.text)
        self.assertNotIn(self.durand_invoice.name, form.text)
        # another customer's invoice: no form
        other = self.url_open(f"/my/overdue_invoices/{self.lefebvre_invoice.id}/dispute")
        self.assertEqual(other.status_code, 404)

    def test_dispute_of_another_customers_invoice_refused(self):
        self.authenticate("jean.durand", "jean.durand")
        response = self.url_open(
            f"/my/overdue_invoices/{self.lefebvre_invoice.id}/dispute",
            data={"csrf_token": self.csrf_token(), "reason": "x"},
        )
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self.lefebvre_invoice.is_disputed)

    def test_dunning_link_with_token(self):
        actions = self._run(self.durand_other)
        self.assertEqual(len(actions), 1)
        token = actions._portal_ensure_token()
        url = f"/my/dunning/{actions.id}"
        self.assertIn(f"{url}?access_token={token}", self._mails(actions).body_html)
        page = self.url_open(f"{url}?access_token={token}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.durand_other.name, page.text)
        self.assertEqual(self.url_open(f"{url}?access_token=wrong").status_code, 404)
        self.assertEqual(self.url_open(url).status_code, 404)
        response = self.url_open(
            f"/my/overdue_invoices/{self.durand_other.id}/dispute",
            data={
                "csrf_token": self.csrf_token(),
                "reason": "Déjà payé par chèque",
                "dunning_id": actions.id,
                "access_token": token,
            },
        )
        self.assertIn("message=disputed", response.url)
        self.assertTrue(self.durand_other.is_disputed)
        # the dispute form of the link takes the link's token along; none once disputed
        form_url = f"/my/overdue_invoices/{self.durand_other.id}/dispute"
        self.assertIn(f"{form_url}?dunning_id={actions.id}&amp;access_token={token}", page.text)
        self.assertEqual(self.url_open(f"{form_url}?dunning_id={actions.id}").status_code, 404)
        self.assertNotIn("o_dispute_open", self.url_open(f"{url}?access_token={token}").text)
        # the link expires after the validity set by the company
        actions.env.cr.execute(
            "UPDATE dunning_action SET date = %s WHERE id = %s",
            (self.today - timedelta(days=91), actions.id),
        )
        actions.invalidate_recordset()
        self.assertEqual(self.url_open(f"{url}?access_token={token}").status_code, 404)


@tagged("post_install", "-at_install")
class TestPortalTour(PortalCommon):
    def test_sign_and_pay_first_instalment_in_the_browser(self):
        plan = self.durand_plan
        self.start_tour(
            f"/my/payment_plans/{plan.id}",
            "recouvrement_plan_sign_and_pay",
            login="jean.durand",
        )
        self.assertEqual(plan.state, "in_progress")
        self.assertEqual(plan.line_ids[0].payment_state, "paid")
        self.assertEqual(plan.signed_words, "mille deux cent cinquante euros et cinquante centimes")
        self.assertEqual(plan.signed_figures, "1 250,50")


@tagged("post_install", "-at_install")
class TestPortalOnAPhone(PortalCommon):
    """Links of e-mails and SMS open on a phone: the tours check on every page that nothing
    is wider than a 390 px screen and that the main buttons are at least 44 px high."""

    browser_size = "390x844"

    def test_sign_and_pay_an_instalment_on_a_phone(self):
        plan = self.durand_plan
        self.start_tour("/my/payment_plans", "recouvrement_phone_sign_and_pay", login="jean.durand")
        self.assertEqual(plan.state, "in_progress")
        self.assertEqual(plan.line_ids[0].payment_state, "paid")

    def test_dispute_an_invoice_on_a_phone(self):
        self.start_tour("/my/overdue_invoices", "recouvrement_phone_dispute", login="jean.durand")
        self.assertTrue(self.durand_other.is_disputed)
        self.assertEqual(self.durand_other.dispute_reason, "Prestation non réalisée")
        self.assertFalse(self.durand_invoice.is_disputed)

    def test_dispute_from_the_communication_link_on_a_phone(self):
        action = self._run(self.durand_other)
        token = action._portal_ensure_token()
        self.start_tour(
            f"/my/dunning/{action.id}?access_token={token}", "recouvrement_phone_dispute"
        )
        self.assertTrue(self.durand_other.is_disputed)


@tagged("post_install", "-at_install")
class TestPortalTimings(PortalCommon):
    """The portal of a debtor with 50 plans: the list and a plan page, timed (best of 5 after
    a first call) and logged, not asserted (the issue's target is 150 ms; bench/README keeps
    the numbers)."""

    PLANS = 50

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Plan = cls.env["dunning.payment.plan"]._internal()
        first = cls.today + timedelta(days=10)
        plans = Plan.create(
            [
                {
                    "company_id": cls.env.company.id,
                    "currency_id": invoice.currency_id.id,
                    "partner_id": cls.durand.id,
                    "move_ids": [Command.set(invoice.ids)],
                    "amount_invoices": 300.0,
                    "amount_total": 300.0,
                    "line_ids": [
                        Command.create({"due_date": first + timedelta(days=30 * n), "amount": 100})
                        for n in range(3)
                    ],
                }
                for invoice in (
                    cls._invoice(cls.durand, cls.today - timedelta(days=40), amount=300.0)
                    for _n in range(cls.PLANS)
                )
            ]
        )
        # proposed and signed through the plans' internal path (no PDF for each)
        plans.write({"state": "proposed", "proposal_date": cls.today, "proposal_deadline": first})
        plans.write({"state": "signed", "signed_by": "Jean Durand", "signed_on": cls.today})
        cls.many_plans = plans

    def _timed(self, url):
        self.assertEqual(self.url_open(url).status_code, 200)  # first call: caches, assets
        timings, queries = [], []
        for _attempt in range(5):
            before = self.env.cr.sql_log_count
            started = time.perf_counter()
            response = self.url_open(url)
            timings.append((time.perf_counter() - started) * 1000)
            queries.append(self.env.cr.sql_log_count - before)
            self.assertEqual(response.status_code, 200)
        _logger.info(
            "Portal %s, debtor with %d plans: %.0f ms, %d queries (best of 5)",
            url,
            self.PLANS,
            min(timings),
            min(queries),
        )
        return response

    def test_list_and_plan_page_with_50_plans(self):
        self.authenticate("jean.durand", "jean.durand")
        page = self._timed("/my/payment_plans")
        self.assertIn(self.many_plans[-1].name, page.text)
        plan = self._timed(f"/my/payment_plans/{self.many_plans[0].id}")
        self.assertIn(self.many_plans[0].name, plan.text)
