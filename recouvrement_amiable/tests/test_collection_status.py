# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import RecouvrementCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-06-01")
class TestCollectionStatus(RecouvrementCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.prescribed = cls._invoice(cls.consumer, "2024-03-15")  # prescribed 2026-03-16
        cls.alive = cls._invoice(cls.professional, "2024-03-15")  # until 2029-03-15
        cls.not_due = cls._invoice(cls.professional, "2026-07-01", invoice_date="2026-05-15")
        cls.paid = cls._invoice(cls.consumer, "2023-01-10")
        cls._register_payment(cls.paid, payment_date="2023-02-01")
        cls.all_invoices = cls.prescribed | cls.alive | cls.not_due | cls.paid

    def _search(self, domain):
        return self.env["account.move"].search([("id", "in", self.all_invoices.ids), *domain])

    def test_days_overdue(self):
        self.assertEqual(self.alive.days_overdue, 808)
        self.assertEqual(self.not_due.days_overdue, 0)
        self.assertEqual(self.paid.days_overdue, 0)
        self.assertEqual(self._search([("days_overdue", ">", 30)]), self.prescribed | self.alive)

    def test_is_prescribed_search(self):
        self.assertTrue(self.prescribed.is_prescribed)
        self.assertFalse(self.alive.is_prescribed)
        self.assertFalse(self.paid.is_prescribed)
        self.assertEqual(self._search([("is_prescribed", "=", True)]), self.prescribed)
        self.assertEqual(
            self._search([("is_prescribed", "=", False)]), self.alive | self.not_due | self.paid
        )

    def test_is_prescribed_is_relative_to_today(self):
        with freeze_time("2026-03-15"):
            self.assertEqual(self._search([("is_prescribed", "=", True)]), self.env["account.move"])
        with freeze_time("2026-03-16"):
            self.assertEqual(self._search([("is_prescribed", "=", True)]), self.prescribed)

    def test_recoverable(self):
        self.assertTrue(self.alive.is_recoverable)
        self.assertEqual(self.alive.collection_status, "Recoverable")
        self.assertFalse(self.prescribed.is_recoverable)
        self.assertEqual(self.prescribed.collection_status, "Prescribed")
        self.assertEqual(self._search([("is_recoverable", "=", True)]), self.alive | self.not_due)

    def test_disputed_invoice_is_blocked(self):
        self.alive.write(
            {"is_disputed": True, "dispute_date": "2026-05-20", "dispute_reason": "Livraison"}
        )
        self.assertTrue(self.alive.is_collection_blocked)
        self.assertFalse(self.alive.is_recoverable)
        self.assertEqual(self.alive.collection_status, "Disputed")
        self.assertIn(self.alive, self._search([("is_collection_blocked", "=", True)]))

    def test_insolvency_freezes_all_debts_and_sets_declaration_deadline(self):
        self.professional.write(
            {"collection_freeze": "insolvency", "insolvency_publication_date": "2026-05-10"}
        )
        self.assertEqual(self.professional.claim_declaration_deadline, date(2026, 7, 10))
        self.assertEqual(self.alive.claim_declaration_deadline, date(2026, 7, 10))
        self.assertTrue(self.alive.is_collection_blocked)
        self.assertTrue(self.not_due.is_collection_blocked)
        self.assertEqual(self.alive.collection_status, "Debtor in insolvency proceedings")
        # issue 13: reminders 30, 15 and 5 days before the deadline, once each
        reminders = self.professional.activity_ids
        self.assertEqual(
            sorted(reminders.mapped("date_deadline")),
            [date(2026, 6, 10), date(2026, 6, 25), date(2026, 7, 5)],
        )
        self.professional.insolvency_publication_date = "2026-05-10"
        self.assertEqual(self.professional.activity_ids, reminders)
        # the declaration recorded: the reminders are done, none comes back
        self.professional.claim_declaration_date = "2026-05-28"
        self.assertFalse(self.professional.activity_ids)
        self.professional.write({"collection_freeze": "insolvency"})
        self.assertFalse(self.professional.activity_ids)
        with self.assertRefused(ValidationError, "future"):
            self.professional.claim_declaration_date = "2026-06-02"

    def test_claim_declaration_reminder_on_a_close_deadline(self):
        self.professional.write(
            {"collection_freeze": "insolvency", "insolvency_publication_date": "2026-04-03"}
        )
        # deadline 3 June, two days away: one reminder, on the deadline itself
        self.assertEqual(self.professional.activity_ids.date_deadline, date(2026, 6, 3))
        self.assertIn("(D-0)", self.professional.activity_ids.summary)

    def test_over_indebtedness_freezes(self):
        self.consumer.write(
            {"collection_freeze": "over_indebtedness", "over_indebtedness_date": "2026-05-01"}
        )
        self.assertEqual(self.prescribed.collection_status, "Prescribed, Debtor over-indebted")
        self.assertFalse(self.consumer.claim_declaration_deadline)

    def test_contact_inherits_debtor_profile(self):
        contact = self.env["res.partner"].create(
            {"name": "Jean Durand", "parent_id": self.professional.id}
        )
        self.assertEqual(contact.debtor_type, "professional")
        invoice = self._invoice(contact, "2024-03-15")
        self.assertEqual(invoice.prescription_date, date(2029, 3, 15))
