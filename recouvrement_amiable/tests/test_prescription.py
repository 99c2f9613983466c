# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import RecouvrementCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-06-01")
class TestPrescription(RecouvrementCommon):
    """Law file sections 1-3 through the ORM."""

    def test_period_by_debtor_type(self):
        consumer = self._invoice(self.consumer, "2024-03-15")
        professional = self._invoice(self.professional, "2013-04-19")
        association = self._invoice(self.association, "2024-03-15")
        self.assertEqual(consumer.prescription_date, date(2026, 3, 15))
        self.assertEqual(consumer.prescription_years, 2)
        self.assertEqual(professional.prescription_date, date(2018, 4, 19))
        self.assertEqual(association.prescription_date, date(2029, 3, 15))

    def test_start_is_due_date_not_invoice_date(self):
        invoice = self._invoice(self.professional, "2009-05-28", invoice_date="2009-05-14")
        self.assertEqual(invoice.prescription_start_date, date(2009, 5, 28))
        self.assertEqual(invoice.prescription_date, date(2014, 5, 28))

    def test_earlier_delivery_date_is_the_safe_start(self):
        invoice = self._invoice(
            self.professional, "2025-06-30", invoice_date="2025-06-01", delivery_date="2025-03-01"
        )
        self.assertEqual(invoice.prescription_start_date, date(2025, 3, 1))
        self.assertEqual(invoice.prescription_date, date(2030, 3, 1))

    def test_29_february_ends_28_february(self):
        invoice = self._invoice(self.consumer, "2024-02-29")
        self.assertEqual(invoice.prescription_date, date(2026, 2, 28))

    def test_residential_rent_and_carriage(self):
        rent = self._invoice(self.consumer, "2025-01-05", debt_nature="residential_rent")
        carriage = self._invoice(self.professional, "2025-01-05", debt_nature="carriage")
        self.assertEqual(rent.prescription_date, date(2028, 1, 5))
        self.assertEqual(carriage.prescription_date, date(2026, 1, 5))

    def test_acknowledgement_interrupts(self):
        invoice = self._invoice(self.consumer, "2024-03-15")
        self._event(invoice, "acknowledgement", "2025-01-10", note="Lettre signée")
        self.assertEqual(invoice.prescription_date, date(2027, 1, 10))
        self.assertFalse(invoice.is_prescribed)

    def test_partial_payment_creates_its_event(self):
        invoice = self._invoice(self.consumer, "2024-03-15")
        self._register_payment(invoice, amount=300.0, payment_date="2025-01-10")
        self.assertEqual(invoice.payment_state, "partial")
        event = invoice.prescription_event_ids
        self.assertEqual(event.event_type, "partial_payment")
        self.assertEqual(event.date, date(2025, 1, 10))
        self.assertTrue(event.partial_reconcile_id)
        self.assertEqual(invoice.prescription_date, date(2027, 1, 10))

    def test_unreconciled_payment_removes_its_event(self):
        invoice = self._invoice(self.consumer, "2024-03-15")
        self._register_payment(invoice, amount=300.0, payment_date="2025-01-10")
        invoice.line_ids.remove_move_reconcile()
        self.assertFalse(invoice.prescription_event_ids)
        self.assertEqual(invoice.prescription_date, date(2026, 3, 15))

    def test_credit_note_is_no_acknowledgement(self):
        invoice = self._invoice(self.consumer, "2025-03-15")
        refund = self._reverse_invoice(invoice, post=True)
        self.assertTrue(refund)
        self.assertFalse(invoice.prescription_event_ids)

    def test_payment_after_prescription_revives_nothing(self):
        invoice = self._invoice(self.consumer, "2022-01-10")
        self._register_payment(invoice, amount=100.0, payment_date="2024-02-01")
        self.assertEqual(invoice.prescription_date, date(2024, 1, 10))
        self.assertTrue(invoice.is_prescribed)
        self.assertTrue(invoice.prescription_review_needed)
        self.assertTrue(invoice.prescription_event_ids.is_ignored)

    def test_formal_notice_never_moves_the_date(self):
        invoice = self._invoice(self.consumer, "2024-03-15")
        event_types = dict(self.env["dunning.prescription.event"]._fields["event_type"].selection)
        self.assertNotIn("formal_notice", event_types)
        invoice.message_post(body="Mise en demeure envoyée en LRAR le 2025-06-01")
        self.assertEqual(invoice.prescription_date, date(2026, 3, 15))

    def test_suspension_six_month_floor(self):
        invoice = self._invoice(self.professional, "2020-03-01")
        self._event(invoice, "suspension", "2025-01-01", end_date="2025-02-01")
        self.assertEqual(invoice.prescription_date, date(2025, 8, 1))

    def test_twenty_year_cap(self):
        with freeze_time("2030-01-01"):
            invoice = self._invoice(self.professional, "2010-01-15")
            for day in ("2014-12-01", "2019-11-01", "2024-10-01", "2029-09-01"):
                self._event(invoice, "acknowledgement", day)
            self.assertEqual(invoice.prescription_date, date(2030, 1, 15))

    def test_court_claim_ends_amicable_phase(self):
        invoice = self._invoice(self.professional, "2025-03-15")
        self._event(invoice, "court_claim", "2026-05-01")
        self.assertTrue(invoice.is_in_litigation)
        self.assertFalse(invoice.prescription_date)
        self.assertTrue(invoice.is_collection_blocked)
        self.assertEqual(invoice.collection_status, "In litigation")

    def test_debtor_type_change_moves_the_date(self):
        invoice = self._invoice(self.consumer, "2024-03-15")
        self.consumer.debtor_type = "professional"
        self.assertEqual(invoice.prescription_date, date(2029, 3, 15))

    # Bad input: refused, nothing written

    def test_event_before_invoice_refused(self):
        invoice = self._invoice(self.consumer, "2025-03-15", invoice_date="2025-02-15")
        with self.assertRefused(ValidationError, "before the invoice"):
            self._event(invoice, "acknowledgement", "2025-01-01")
        self.env.invalidate_all()
        self.assertFalse(invoice.prescription_event_ids)
        self.assertEqual(invoice.prescription_date, date(2027, 3, 15))

    def test_suspension_end_before_start_refused(self):
        invoice = self._invoice(self.professional, "2025-03-15")
        with self.assertRefused(ValidationError, "end of a suspension"):
            self._event(invoice, "suspension", "2025-06-01", end_date="2025-05-01")
        self.env.invalidate_all()
        self.assertFalse(invoice.prescription_event_ids)

    def test_future_event_refused(self):
        invoice = self._invoice(self.professional, "2025-03-15")
        with self.assertRefused(ValidationError, "future"):
            self._event(invoice, "acknowledgement", "2026-07-01")
        self.env.invalidate_all()
        self.assertFalse(invoice.prescription_event_ids)

    def test_event_on_draft_invoice_refused(self):
        draft = self._invoice(self.professional, "2025-03-15", post=False)
        with self.assertRefused(ValidationError, "posted customer invoices"):
            self._event(draft, "acknowledgement", "2025-04-01")

    def test_error_is_french_for_french_users(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["recouvrement_amiable"], ["fr_FR"], overwrite=True
        )
        invoice = self._invoice(self.consumer, "2025-03-15", invoice_date="2025-02-15")
        events = self.env["dunning.prescription.event"].with_context(lang="fr_FR")
        with self.assertRefused(ValidationError, "antérieur"):
            events.create(
                {"move_id": invoice.id, "event_type": "acknowledgement", "date": "2025-01-01"}
            )
