# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib
import subprocess
import tempfile
from pathlib import Path
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import DunningCommon

IBAN = "FR7630006000011234567890189"


def pdf_text(pdf):
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "doc.pdf").write_bytes(pdf)
        subprocess.run(["pdftotext", "-layout", "doc.pdf", "doc.txt"], cwd=folder, check=True)
        text = Path(folder, "doc.txt").read_text(encoding="utf-8")
    return " ".join(text.split())


def qr_payloads(pdf):
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "doc.pdf").write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", "200", "-png", "doc.pdf", "page"], cwd=folder, check=True)
        pages = sorted(str(p) for p in Path(folder).glob("page*.png"))
        result = subprocess.run(
            ["zbarimg", "--quiet", "--raw", "-Sbinary", *pages], capture_output=True, check=False
        )
    return result.stdout.decode()


@tagged("post_install", "-at_install")
@freeze_time("2026-03-02")
class TestReports(DunningCommon):
    """Real PDFs through wkhtmltopdf, read back as text; the QR code decoded."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._use_french()
        company = cls.env.company
        company.write({"company_registry": "55208131700018", "city": "Paris"})
        cls.env["res.partner.bank"].create(
            {"acc_number": IBAN, "partner_id": company.partner_id.id, "allow_out_payment": True}
        )
        (cls.professional | cls.consumer).lang = "fr_FR"
        cls.levels["phone"].delay_days = 31  # a 30-day-old invoice gets the firm letter
        # formal notices on the first run: these tests read PDFs, progressive escalation
        # (a written reminder first) has its own tests in test_dunning_run
        cls.policy.progressive_escalation = False

    def _render(self, report_xmlid, actions):
        with self.allow_pdf_render():
            pdf, _type = (
                self.env["ir.actions.report"]
                .with_context(force_report_rendering=True)
                ._render_qweb_pdf(report_xmlid, res_ids=actions.ids)
            )
        return pdf

    def test_professional_letter_has_costs_amount_in_words_and_qr(self):
        invoice = self._invoice(self.professional, "2026-01-31", amount=10000.0)
        action = self._run(invoice)
        text = pdf_text(self._render("recouvrement_amiable.action_report_dunning_letter", action))
        self.assertIn("Relance ferme", text)
        self.assertIn("SIREN/SIRET 55208131700018", text)
        self.assertIn(invoice.name, text)
        self.assertIn(f"/my/invoices/{invoice.id}?access_token=", text)
        self.assertIn("99,86", text)
        self.assertIn("40,00", text)
        self.assertIn("10 139,86", text.replace("\u202f", " ").replace("\xa0", " "))
        self.assertIn("dix mille cent trente-neuf euros et quatre-vingt-six centimes", text)
        payload = qr_payloads(
            self._render("recouvrement_amiable.action_report_dunning_letter", action)
        ).split("\n")
        self.assertEqual(payload[:4], ["BCD", "002", "1", "SCT"])
        self.assertEqual(payload[6], IBAN)
        self.assertEqual(payload[7], "EUR10139.86")
        self.assertEqual(payload[10].strip(), invoice.name)

    def test_creditor_identity_and_address_in_the_letter_text(self):
        self.env.company.write(
            {
                "street": "12 rue de la Paix",
                "zip": "75002",
                "phone": "+33 1 23 45 67 89",
                "email": "compta@creancier.example",
                "dunning_legal_form": "SAS au capital de 10 000 €",
            }
        )
        invoice = self._invoice(self.professional, "2026-01-10", amount=500.0)
        notice = self._run(invoice)
        text = pdf_text(self._render("recouvrement_amiable.action_report_formal_notice", notice))
        self.assertIn("12 rue de la Paix", text)
        self.assertIn("75002 Paris", text)
        self.assertIn("SAS au capital de 10 000 €", text)
        self.assertIn("SIREN/SIRET 55208131700018", text)
        self.assertIn("compta@creancier.example", text)

    def test_consumer_letter_claims_no_costs(self):
        invoice = self._invoice(self.consumer, "2026-01-31", amount=1234.56)
        action = self._run(invoice)
        text = pdf_text(self._render("recouvrement_amiable.action_report_dunning_letter", action))
        self.assertNotIn("Pénalités", text)
        self.assertNotIn("indemnité", text.lower())
        self.assertIn("mille deux cent trente-quatre euros et cinquante-six centimes", text)

    def test_formal_notice_mentions_court_only_when_recoverable(self):
        invoice = self._invoice(self.professional, "2026-01-10", amount=5000.0)
        notice = self._run(invoice)
        self.assertTrue(notice.is_formal_notice)
        text = pdf_text(self._render("recouvrement_amiable.action_report_formal_notice", notice))
        self.assertIn("Mise en demeure", text)
        self.assertIn("juridiction compétente", text)

    def test_formal_notice_refused_on_disputed_invoice(self):
        invoice = self._invoice(self.professional, "2026-01-10", amount=5000.0)
        notice = self._run(invoice)
        invoice.write({"is_disputed": True, "dispute_date": "2026-03-01", "dispute_reason": "X"})
        with self.assertRaises(UserError) as caught:
            self._render("recouvrement_amiable.action_report_formal_notice", notice)
        self.assertIn(invoice.name, str(caught.exception))

    def test_formal_notice_refused_on_prescribed_invoice(self):
        invoice = self._invoice(self.consumer, "2026-01-10", amount=5000.0)
        notice = self._run(invoice)
        with freeze_time("2028-02-01"), self.assertRaises(UserError) as caught:
            self._render("recouvrement_amiable.action_report_formal_notice", notice)
        self.assertIn("Prescribed", str(caught.exception))

    def test_sent_letter_is_kept_unchanged(self):
        self.professional.email = False
        action = self._run(self._invoice(self.professional, "2026-02-10", amount=800.0))
        with self.allow_pdf_render():
            self.Action._cron_render_letters()
        attachment = action.letter_attachment_id
        self.assertEqual(action.letter_sha256, hashlib.sha256(attachment.raw).hexdigest())
        self.assertIn("Relance ferme", pdf_text(attachment.raw))
        with self.assertRaises(UserError):
            attachment.unlink()
        with self.assertRaises(UserError):
            attachment.write({"raw": b"forged"})
        with self.assertRaises(UserError):
            action.write({"date": "2026-03-01"})
        with self.assertRaises(UserError):
            action.line_ids.write({"amount_residual": 1.0})
        with self.assertRaises(UserError):
            action.unlink()
        action.write({"lrar_number": "1A 234 567 8901 2"})  # delivery tracking stays editable

    def test_letters_batch_in_one_wkhtmltopdf_call(self):
        debtors = self.env["res.partner"].create(
            [{"name": f"Papier {i}", "is_company": True, "lang": "fr_FR"} for i in range(3)]
        )
        invoices = self.env["account.move"].union(
            *(
                self._invoice(debtor, "2026-02-10", amount=100.0 + i)
                for i, debtor in enumerate(debtors)
            )
        )
        actions = self._run(invoices)
        self.assertEqual(len(actions.filtered("letter_state")), 3)
        report_model = type(self.env["ir.actions.report"])
        original = report_model._run_wkhtmltopdf
        calls = []

        def spy(report_self, bodies, *args, **kwargs):
            calls.append(len(bodies))
            return original(report_self, bodies, *args, **kwargs)

        with patch.object(report_model, "_run_wkhtmltopdf", spy), self.allow_pdf_render():
            self.Action._cron_render_letters()
        self.assertEqual(calls, [1], "one wkhtmltopdf call for the batch")
        for action in actions:
            text = pdf_text(action.letter_attachment_id.raw)
            self.assertIn(action.line_ids.move_id.name, text)
            others = (invoices - action.line_ids.move_id).mapped("name")
            self.assertFalse([name for name in others if name in text], "one letter per PDF")
            self.assertEqual(
                action.letter_sha256, hashlib.sha256(action.letter_attachment_id.raw).hexdigest()
            )

    def test_account_statement(self):
        invoice = self._invoice(self.professional, "2026-01-31", amount=700.0)
        text = pdf_text(
            self._render("recouvrement_amiable.action_report_account_statement", self.professional)
        )
        self.assertIn("Relevé de compte", text)
        self.assertIn(invoice.name, text)

    def test_statement_lists_prescribed_and_disputed_apart_outside_the_total(self):
        claimed = self._invoice(self.consumer, "2026-01-31", amount=700.0)
        prescribed = self._invoice(self.consumer, "2023-06-30", amount=300.0)
        disputed = self._invoice(self.consumer, "2026-02-10", amount=50.0)
        disputed.write({"is_disputed": True, "dispute_date": "2026-02-20", "dispute_reason": "X"})
        self.assertTrue(prescribed.is_prescribed)
        kept, apart = self.consumer._statement_sections()
        self.assertEqual(kept, claimed)
        self.assertEqual(apart, prescribed | disputed)
        text = (
            pdf_text(
                self._render("recouvrement_amiable.action_report_account_statement", self.consumer)
            )
            .replace("\u202f", " ")
            .replace("\xa0", " ")
        )
        for invoice in (claimed, prescribed, disputed):
            self.assertIn(invoice.name, text)
        self.assertIn("700,00", text)
        self.assertNotIn("1 050,00", text)
        self.assertNotIn("1 000,00", text)
        after_total = text.split(claimed.name)[-1]
        self.assertIn(prescribed.name, after_total, "set apart after the claimed invoices")

    def test_email_and_letter_state_the_same_total(self):
        invoice = self._invoice(self.professional, "2026-01-10", amount=10000.0)
        notice = self._run(invoice)
        self.assertTrue(notice.is_formal_notice and notice.late_fees_allowed)
        notice.action_approve()
        body = self._mails(notice).body_html.replace("\u202f", " ").replace("\xa0", " ")
        text = (
            pdf_text(self._render("recouvrement_amiable.action_report_formal_notice", notice))
            .replace("\u202f", " ")
            .replace("\xa0", " ")
        )
        self.assertGreater(notice.amount_claimed, notice.amount_due)
        # 51 days at 12.15 % → 169.77 + 40 → 10,209.77 in both
        self.assertAlmostEqual(notice.amount_claimed, 10209.77)
        for document in (body, text):
            self.assertIn("10 209,77", document)
