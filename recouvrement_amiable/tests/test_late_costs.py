# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import DunningCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-03-02")
class TestLateCosts(DunningCommon):
    """Law file sections 5 and 6 through the dunning run."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.levels["phone"].delay_days = 31  # the 30-day vector gets the firm letter

    def test_professional_penalties_and_indemnity(self):
        invoice = self._invoice(self.professional, "2026-01-31", amount=10000.0)
        action = self._run(invoice)
        self.assertEqual(action.level_id, self.levels["firm"])
        self.assertTrue(action.late_fees_allowed)
        self.assertAlmostEqual(action.line_ids.penalty_amount, 99.86)
        self.assertEqual(action.line_ids.indemnity_amount, 40.0)
        self.assertAlmostEqual(action.amount_claimed, 10139.86)
        self.assertFalse(action.missing_rate)

    def test_consumer_is_never_charged(self):
        invoice = self._invoice(self.consumer, "2026-01-31", amount=10000.0)
        action = self._run(invoice)
        self.assertFalse(action.late_fees_allowed)
        self.assertEqual(action.penalty_total, 0.0)
        self.assertEqual(action.indemnity_total, 0.0)
        self.assertEqual(action.amount_claimed, 10000.0)

    def test_courteous_level_claims_no_costs(self):
        action = self._run(self._invoice(self.professional, "2026-02-20", amount=10000.0))
        self.assertEqual(action.level_id, self.levels["courteous"])
        self.assertEqual(action.amount_claimed, 10000.0)

    def test_missing_half_year_is_reported(self):
        with freeze_time("2026-08-01"):
            invoice = self._invoice(self.professional, "2026-06-15", amount=10000.0)
            action = self._run(invoice)
        self.assertEqual(action.missing_rate, "2026 S2")
        self.assertEqual(action.penalty_total, 0.0, "nothing computed with a stale rate")
        self.assertEqual(action.indemnity_total, 40.0, "the indemnity needs no rate")

    def test_contract_rate_used_and_floor_enforced(self):
        with self.assertRaises(ValidationError) as caught:
            self.env.company.late_payment_rate = 5.0
        self.assertIn("7.86", str(caught.exception))
        self.professional.late_payment_rate = 10.0
        action = self._run(self._invoice(self.professional, "2026-01-31", amount=10000.0))
        self.assertAlmostEqual(action.line_ids.penalty_amount, 82.19)

    def test_consumer_legal_interest_from_formal_notice_receipt(self):
        self.env.company.dunning_claim_legal_interest = True
        self.policy.progressive_escalation = False  # straight to the formal notice
        notice = self._run(self._invoice(self.consumer, "2026-01-10", amount=10000.0))
        self.assertTrue(notice.is_formal_notice)
        self.assertEqual(notice.legal_interest, 0.0, "not before the receipt is known")
        notice.action_approve()
        notice.lrar_presentation_date = "2026-01-31"
        self.assertAlmostEqual(notice.legal_interest, 21.53)
        self.assertEqual(notice.amount_claimed, 10000.0, "no collection cost for consumers")
