# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from freezegun import freeze_time

from odoo.addons.sms.tests.common import MockSMS
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import DunningCommon


@tagged("post_install", "-at_install")
class TestDunningSms(DunningCommon, MockSMS):
    """The SMS channel: within the calling windows, to a valid mobile, counted in the cap,
    its delivery outcome on the communication."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.tz = "Europe/Paris"
        cls.courteous = cls.levels["courteous"]
        cls.courteous.channel_sms = True
        cls.consumer.phone = "06 12 34 56 78"

    def _sms_of(self, action):
        return self.env["sms.sms"].sudo().search([("dunning_action_id", "=", action.id)])

    @freeze_time("2026-06-10 09:00:00")  # Wednesday, 11:00 in Paris
    def test_sms_sent_inside_the_window(self):
        with self.mockSMSGateway():
            action = self._run(self._invoice(self.consumer, "2026-06-04"))
            self.assertEqual(action.level_id, self.courteous)
            self.assertTrue(action.channel_sms and action.channel_email)
            self.assertTrue(action.message_id, "the e-mail goes too")
            self.assertEqual(action.sms_state, "outgoing")
            self.assertEqual(action.sms_number, "+33612345678")
            sms = self._sms_of(action)
            self.assertEqual(sms.number, "+33612345678")
            self.assertEqual(sms.partner_id, action.contact_id)
            self.assertIn("1 invoice", sms.body)
            self.assertIn(f"/my/dunning/{action.id}?access_token=", sms.body)
            self.assertIn("1,000.00", sms.body)
            self.assertNotIn("court", sms.body.lower())
            # the text sent is kept in the communication's chatter, beside its e-mail
            sms_log = action.message_ids.filtered(lambda m: "SMS to +33612345678" in m.body)
            self.assertEqual(len(sms_log), 1)
            self.assertIn(f"/my/dunning/{action.id}", sms_log.body)
            sms.send()
        self.assertEqual(self._sms[0]["number"], "+33612345678")
        self.assertEqual(action.sms_state, "sent")
        self.assertEqual(action.state, "sent")

    @freeze_time("2026-06-10 19:00:00")  # Wednesday, 21:00 in Paris
    def test_sms_waits_for_the_next_calling_slot(self):
        with self.mockSMSGateway():
            action = self._run(self._invoice(self.consumer, "2026-06-04"))
            self.assertEqual(action.sms_state, "waiting")
            self.assertEqual(action.sms_scheduled_at, datetime(2026, 6, 11, 8, 0))
            self.assertFalse(self._sms_of(action))
            self.assertTrue(action.message_id, "the e-mail does not wait")
            with freeze_time("2026-06-11 07:00:00"):  # 09:00 in Paris: not yet
                self.Action._cron_send_waiting_sms()
            self.assertEqual(action.sms_state, "waiting")
            self.assertFalse(self._sms_of(action))
            with freeze_time("2026-06-11 08:05:00"):
                self.Action._cron_send_waiting_sms()
            self.assertEqual(action.sms_state, "outgoing")
            self.assertEqual(self._sms_of(action).number, "+33612345678")

    @freeze_time("2026-06-12 19:00:00")  # Friday evening: no SMS before Monday
    def test_sms_never_on_a_weekend_and_dropped_once_paid(self):
        invoice = self._invoice(self.consumer, "2026-06-04")
        action = self._run(invoice, today=date(2026, 6, 12))
        self.assertEqual(action.sms_scheduled_at, datetime(2026, 6, 15, 8, 0))
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({})._create_payments()
        with self.mockSMSGateway(), freeze_time("2026-06-15 08:30:00"):
            self.Action._cron_send_waiting_sms()
        self.assertEqual(action.sms_state, "cancelled")
        self.assertFalse(self._new_sms)

    @freeze_time("2026-06-10 09:00:00")
    def test_no_valid_mobile_skips_the_sms_with_the_reason(self):
        self.consumer.phone = "01 42 68 53 00"  # a landline
        with self.mockSMSGateway():
            action = self._run(self._invoice(self.consumer, "2026-06-04"))
        self.assertEqual(action.state, "sent")
        self.assertEqual(action.sms_state, "no_number")
        self.assertFalse(self._new_sms)
        self.assertTrue(action.message_id, "the e-mail still goes")
        notes = action.message_ids.filtered(lambda m: "no valid mobile number" in m.body)
        self.assertEqual(len(notes), 1, "the reason is logged once on the communication")
        self.assertNotEqual(notes, action.message_id)

    @freeze_time("2026-06-10 09:00:00")
    def test_sms_only_level_without_mobile_falls_back_on_the_email_then_the_letter(self):
        self.courteous.channel_email = False  # an SMS alone
        self.consumer.phone = "01 42 68 53 00"  # a landline
        with self.mockSMSGateway():
            action = self._run(self._invoice(self.consumer, "2026-06-04"))
        self.assertTrue(action.channel_email, "no mobile: the e-mail instead")
        self.assertTrue(action.message_id)
        self.assertEqual(action.sms_state, "no_number")
        unreachable = self.env["res.partner"].create({"name": "Jean Sans Mobile"})
        with self.mockSMSGateway():
            letter = self._run(self._invoice(unreachable, "2026-06-04"))
        self.assertFalse(letter.channel_email)
        self.assertTrue(letter.channel_letter, "no mobile, no e-mail: the letter")

    @freeze_time("2026-06-10 09:00:00")
    def test_sms_counts_as_a_contact(self):
        self.courteous.channel_email = False  # an SMS alone
        with self.mockSMSGateway():
            action = self._run(self._invoice(self.consumer, "2026-06-04"))
        self.assertFalse(action.channel_email or action.channel_letter)
        self.assertEqual(action.sms_state, "outgoing")
        history = self.env["dunning.run"]._contact_history(self.consumer, date(2026, 6, 10))
        self.assertEqual(history[self.consumer.id]["count"], 1)
        later = self._invoice(self.consumer, "2026-05-25")  # due for the firm level
        with freeze_time("2026-06-12 09:00:00"):
            self.assertFalse(self._run(later, today=date(2026, 6, 12)), "2 days after the SMS")

    @freeze_time("2026-06-10 09:00:00")
    def test_sms_error_fails_the_communication_and_retry_resends_it(self):
        with self.mockSMSGateway(sim_error="wrong_number_format"):
            action = self._run(self._invoice(self.consumer, "2026-06-04"))
            with mute_logger("odoo.addons.sms.models.sms_sms"):
                self._sms_of(action).send()
        self.assertEqual(action.state, "failed")
        self.assertEqual(action.sms_state, "error")
        self.assertEqual(action.sms_failure, "Wrong Number Format")
        self.assertEqual(action.failure_reason, "SMS: Wrong Number Format")
        with self.mockSMSGateway():
            retry = action.action_retry()
        self.assertEqual(retry.retry_of_id, action)
        self.assertTrue(retry.channel_sms)
        self.assertFalse(retry.channel_email, "the e-mail went: only the SMS is sent again")
        self.assertEqual(retry.sms_state, "outgoing")
        self.assertEqual(action.state, "failed", "the failed attempt stays as evidence")

    @freeze_time("2026-06-10 09:00:00")
    def test_delivery_reports_reach_the_communication_after_the_sms_is_gone(self):
        with self.mockSMSGateway():
            action = self._run(self._invoice(self.consumer, "2026-06-04"))
            sms = self._sms_of(action)
            uuid = sms.uuid
            sms.send()
        self.assertEqual(action.sms_state, "sent")
        self.env["sms.sms"].sudo().search([("uuid", "=", uuid)]).unlink()  # Odoo's clean-up
        tracker = self.env["sms.tracker"].sudo().search([("sms_uuid", "=", uuid)])
        self.assertEqual(tracker.dunning_action_id, action)
        tracker._action_update_from_sms_state("sent")  # the provider: delivered
        self.assertEqual(action.sms_state, "delivered")
        tracker._action_update_from_sms_state("pending")  # a late report never goes back
        self.assertEqual(action.sms_state, "delivered")

    @freeze_time("2026-06-10 09:00:00")
    def test_undeliverable_report_fails_the_communication(self):
        with self.mockSMSGateway():
            action = self._run(self._invoice(self.consumer, "2026-06-04"))
            sms = self._sms_of(action)
            sms.send()
        tracker = self.env["sms.tracker"].sudo().search([("sms_uuid", "=", sms.uuid)])
        tracker._action_update_from_provider_error("invalid_destination")
        self.assertEqual(action.sms_state, "error")
        self.assertEqual(action.state, "failed")
        self.assertTrue(action.delivery_failed)
