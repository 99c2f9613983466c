# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.addons.mail.tests.common import MockEmail
from odoo.addons.sms.tests.common import MockSMS
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from ..rules import phone
from .common import DunningCommon

DSN = """From: MAILER-DAEMON@mx.example.net
To: catchall@example.com
Subject: Undelivered Mail Returned to Sender
Message-Id: <bounce-{n}@mx.example.net>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="DSN"

--DSN
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx.example.net. Your message could not be delivered.

--DSN
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.net

Final-Recipient: rfc822; {email}
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 user unknown

--DSN
Content-Type: message/rfc822

Message-Id: {message_id}
From: billing@example.com
To: {email}
Subject: Reminder

Reminder.

--DSN--
"""


@tagged("post_install", "-at_install")
class TestDeliveryStatus(DunningCommon, MockEmail, MockSMS):
    """What became of each channel: e-mails sent, failed or bounced (two bounces flag the
    address and the letter takes over), the SMS, the call; the "delivery failure" filter."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.tz = "Europe/Paris"
        cls.billing = new_test_user(
            cls.env, login="delivery_billing", groups="account.group_account_invoice"
        )

    def _queued(self, actions):
        # not DunningCommon._mails: MockEmail keeps the e-mails it sent in self._mails
        return self.env["mail.mail"].search([("mail_message_id", "in", actions.message_id.ids)])

    def _send_queue(self, actions):
        mails = self._queued(actions)
        with self.mock_mail_gateway():
            mails.send(raise_exception=False)
        return mails

    def _bounce(self, action, n=1):
        mail = self._queued(action)
        raw = DSN.format(n=n, email=action.contact_id.email, message_id=mail.message_id)
        self.env["mail.thread"].message_process(False, raw)

    @freeze_time("2026-06-10 09:00:00")
    def test_email_queued_then_sent(self):
        action = self._run(self._invoice(self.professional, "2026-06-04"))
        self.assertEqual(action.email_state, "queued")
        self._send_queue(action)
        self.assertEqual(action.email_state, "sent")
        self.assertEqual(action.state, "sent")
        self.assertFalse(action.delivery_failed)

    @freeze_time("2026-06-10 09:00:00")
    @mute_logger("odoo.addons.mail.models.mail_mail")
    def test_invalid_address_fails_and_counts_as_a_bounce(self):
        self.professional.email = "compta@durand.example"
        action = self._run(self._invoice(self.professional, "2026-06-04"))
        # the address became unusable between the run and the queue
        self.professional.email = "compta-at-durand"
        self._send_queue(action)
        self.assertEqual(action.state, "failed")
        self.assertEqual(action.email_state, "failed")
        self.assertTrue(action.delivery_failed)
        self.assertEqual(self.professional.message_bounce, 1)
        failed = self.Action.search([("delivery_failed", "=", True)])
        self.assertIn(action, failed)

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_two_bounces_flag_the_address_and_the_letter_takes_over(self):
        invoice = self._invoice(self.professional, "2026-05-20")
        with freeze_time("2026-06-01 09:00:00"):
            first = self._run(invoice)
            self._send_queue(first)
            self._bounce(first, 1)
        self.assertEqual(first.state, "failed")
        self.assertEqual(first.email_state, "bounced")
        self.assertIn("compta@durand.example", first.failure_reason)
        self.assertEqual(self.professional.message_bounce, 1)
        self.assertFalse(self.professional.dunning_email_invalid)
        with freeze_time("2026-06-08 09:00:00"):  # 19 days: the firm reminder
            second = self._run(invoice)
            self.assertTrue(second.channel_email)
            self._send_queue(second)
            self._bounce(second, 2)
        self.assertEqual(self.professional.message_bounce, 2)
        self.assertTrue(self.professional.dunning_email_invalid)
        self.assertIn(
            self.professional,
            self.env["res.partner"].search([("dunning_email_invalid", "=", True)]),
        )
        with freeze_time("2026-06-15 09:00:00"):  # 26 days: the phone call
            self.assertEqual(self._run(invoice).level_id, self.levels["phone"])
        with freeze_time("2026-06-26 09:00:00"):  # 37 days: the final reminder
            third = self._run(invoice)
        self.assertEqual(third.level_id, self.levels["final"])
        self.assertFalse(third.channel_email, "no more e-mails to a bouncing address")
        self.assertTrue(third.channel_letter, "the letter takes over")
        # a corrected address clears the bounces: e-mails again
        self.professional.email = "comptabilite@durand.example"
        self.assertEqual(self.professional.message_bounce, 0)
        self.assertFalse(self.professional.dunning_email_invalid)

    @freeze_time("2026-06-10 09:00:00")
    def test_bounce_limit_is_a_company_setting(self):
        self.professional.message_bounce = 1
        self.assertFalse(self.professional.dunning_email_invalid)
        self.env.company.dunning_email_bounce_limit = 1
        self.professional.invalidate_recordset(["dunning_email_invalid"])
        self.assertTrue(self.professional.dunning_email_invalid)
        action = self._run(self._invoice(self.professional, "2026-06-04"))
        self.assertFalse(action.channel_email)
        self.assertTrue(action.channel_letter)
        with self.assertRaises(UserError):
            self.env.company.dunning_email_bounce_limit = 0

    @freeze_time("2026-06-10 09:00:00")
    def test_call_outcome_shows_on_the_communication(self):
        action = self._run(self._invoice(self.professional, "2026-05-13"))  # 28 days
        self.assertEqual(action.level_id, self.levels["phone"])
        self.assertTrue(action.call_activity_id)
        wizard = self.env["dunning.call.result"].create(
            {"partner_id": self.professional.id, "action_id": action.id, "outcome": "not_reached"}
        )
        wizard.action_confirm()
        self.assertEqual(action.call_outcome, "not_reached")

    @freeze_time("2026-06-10 09:00:00")
    def test_sms_error_is_a_delivery_failure(self):
        self.consumer.phone = "06 12 34 56 78"
        action = self._run(self._invoice(self.consumer, "2026-06-04"))
        self.assertTrue(action.channel_sms, "the shipped courteous level texts consumers")
        sms = self.env["sms.sms"].sudo().search([("dunning_action_id", "=", action.id)])
        with self.mockSMSGateway(sim_error="wrong_number_format"):
            sms.send()
        self.assertEqual(action.sms_state, "error")
        self.assertTrue(action.delivery_failed)
        self.assertIn(action, self.Action.search([("delivery_failed", "=", True)]))

    @freeze_time("2026-06-10 09:00:00")
    def test_users_cannot_write_a_delivery_status(self):
        action = self._run(self._invoice(self.professional, "2026-06-04"))
        self._send_queue(action)
        for vals in ({"email_state": "bounced"}, {"call_outcome": "promise"}):
            with self.assertRaises(UserError):
                action.with_user(self.billing).write(vals)
        self.assertEqual(action.email_state, "sent")
        self.assertFalse(action.call_outcome)


@tagged("post_install", "-at_install")
class TestSmsByDefault(DunningCommon, MockSMS):
    """The shipped policy texts consumers at the courteous and firm reminders, in GSM-7."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.tz = "Europe/Paris"
        cls._use_french()
        cls.consumer.write({"phone": "06 12 34 56 78", "lang": "fr_FR"})
        cls.professional.phone = "06 98 76 54 32"

    @freeze_time("2026-06-10 09:00:00")
    def test_consumers_only_unless_the_level_says_all(self):
        courteous = self.levels["courteous"]
        self.assertTrue(courteous.channel_sms and self.levels["firm"].channel_sms)
        self.assertEqual(courteous.sms_recipients, phone.SMS_CONSUMERS)
        to_consumer = self._run(self._invoice(self.consumer, "2026-06-04", amount=1234.5))
        to_professional = self._run(self._invoice(self.professional, "2026-06-04"))
        self.assertTrue(to_consumer.channel_sms)
        self.assertFalse(to_professional.channel_sms)
        courteous.sms_recipients = phone.SMS_ALL
        other = self.env["res.partner"].create(
            {"name": "Garage Petit", "is_company": True, "phone": "06 11 22 33 44"}
        )
        self.assertTrue(self._run(self._invoice(other, "2026-06-04")).channel_sms)

    @freeze_time("2026-06-10 09:00:00")
    def test_sms_text_is_gsm7_and_the_template_shows_its_parts(self):
        action = self._run(self._invoice(self.consumer, "2026-06-04", amount=1234.5))
        sms = self.env["sms.sms"].sudo().search([("dunning_action_id", "=", action.id)])
        self.assertIn("1 234,50", sms.body)
        self.assertEqual(phone.sms_encoding(sms.body), phone.GSM7, sms.body)
        template = self.env.ref("recouvrement_amiable.sms_template_dunning")
        self.assertGreater(template.dunning_sample_length, 0)
        self.assertEqual(template.dunning_sample_encoding, phone.GSM7)
        self.assertEqual(
            template.dunning_sample_parts, phone.sms_parts(template.dunning_sample_body)
        )
