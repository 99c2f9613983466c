# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import DunningCommon
from .test_reports import pdf_text


@tagged("post_install", "-at_install")
class TestDebtorCategories(DunningCommon):
    """Formal notices read back from the PDF: what each category of debtor owes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._use_french()
        cls.env.company.write({"company_registry": "55208131700018", "city": "Paris"})
        cls.town = cls.env["res.partner"].create(
            {
                "name": "Commune de Saint-Exemple",
                "is_company": True,
                "email": "mairie@saint-exemple.example",
                "lang": "fr_FR",
            }
        )
        cls.town.debtor_type = "public_body"
        cls.association.lang = "fr_FR"

    def _notice_after_a_reminder(self, invoice):
        with freeze_time("2026-01-20"):
            reminder = self._run(invoice)
        self.assertFalse(reminder.is_formal_notice)
        with freeze_time("2026-03-02"):
            notice = self._run(invoice)
        self.assertTrue(notice.is_formal_notice)
        return notice

    def _text(self, notice):
        with self.allow_pdf_render(), freeze_time("2026-03-02"):
            pdf, _type = (
                self.env["ir.actions.report"]
                .with_context(force_report_rendering=True)
                ._render_qweb_pdf("recouvrement_amiable.action_report_formal_notice", notice.ids)
            )
        return pdf_text(pdf)

    def test_non_professional_owes_no_indemnity_nor_penalties(self):
        invoice = self._invoice(self.association, "2026-01-10", amount=5000.0)
        notice = self._notice_after_a_reminder(invoice)
        self.assertFalse(notice.late_fees_allowed)
        self.assertEqual(notice.penalty_total + notice.indemnity_total, 0.0)
        self.assertEqual(notice.amount_claimed, 5000.0)
        text = self._text(notice)
        self.assertNotIn("40,00", text)
        self.assertNotIn("L441-10", text)
        self.assertNotIn("D441-5", text)
        self.assertIn("L111-8", text)
        self.assertNotIn("consommation", text)
        self.assertEqual(invoice.prescription_date, date(2031, 1, 10), "still five years")

    def test_public_body_ecb_plus_eight_and_four_years(self):
        invoice = self._invoice(self.town, "2026-01-10", invoice_date="2025-12-10", amount=5000.0)
        self.assertEqual(invoice.prescription_years, 4)
        self.assertEqual(invoice.prescription_date, date(2029, 12, 31))
        notice = self._notice_after_a_reminder(invoice)
        # the written reminder of 2026-01-20 interrupted: four years from 2027-01-01
        self.assertEqual(invoice.prescription_date, date(2030, 12, 31))
        self.assertTrue(notice.late_fees_allowed)
        # 2026-01-11..2026-03-02: 51 days at 2.15 + 8 = 10.15 %
        self.assertAlmostEqual(notice.penalty_total, 70.91)
        self.assertEqual(notice.indemnity_total, 40.0)
        text = self._text(notice)
        self.assertIn("70,91", text)
        self.assertIn("R2192-31", text)
        self.assertIn("D2192-35", text)
        self.assertNotIn("L441-10", text)

    def test_carriage_without_delivery_date_runs_from_invoice_date(self):
        invoice = self._invoice(
            self.professional, "2026-02-28", invoice_date="2026-01-15", debt_nature="carriage"
        )
        self.assertFalse(invoice.delivery_date)
        self.assertEqual(invoice.prescription_start_date, date(2026, 1, 15))
        self.assertEqual(invoice.prescription_date, date(2027, 1, 15))
