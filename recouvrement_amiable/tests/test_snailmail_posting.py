# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import hashlib
from contextlib import contextmanager
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .test_trust import TrustCommon

ACTION_COLUMNS = (
    "state",
    "failure_reason",
    "letter_post_state",
    "letter_post_error",
    "snailmail_letter_id",
)
LETTER_COLUMNS = ("state", "error_code", "attachment_id")


@tagged("post_install", "-at_install")
@freeze_time("2026-06-10")
class TestSnailmailPosting(TrustCommon):
    """Simple letters posted by Odoo's postal service (snailmail), the IAP service mocked as
    no network is reachable here: the evidence PDF itself is posted, errors fail the
    communication with their reason, and the same letter can be posted again."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.dunning_letter_delivery = "post"
        cls.address = {
            "street": "12 rue de la Paix",
            "zip": "75002",
            "city": "Paris",
            "country_id": cls.env.ref("base.fr").id,
        }
        cls.professional.write(cls.address)
        cls.portal = new_test_user(cls.env, "snail_portal", groups="base.group_portal")

    @contextmanager
    def _postal_service(self, error=None):
        """The IAP postal service as Odoo's snailmail calls it: every document sent, or
        refused with ``error``. Yields the requests received."""
        requests = []

        def iap_jsonrpc(url, method="call", params=None, timeout=15):
            requests.append(params)
            documents = [
                {"letter_id": doc["letter_id"], "sent": not error, "send_id": "TRK-1"}
                | ({"error": error} if error else {})
                for doc in params["documents"]
            ]
            return {"request_code": 200, "total_cost": 1, "request": {"documents": documents}}

        with patch("odoo.addons.iap.tools.iap_tools.iap_jsonrpc", side_effect=iap_jsonrpc):
            yield requests

    def _post_queue(self, error=None):
        """Odoo's scheduled action that sends the letters waiting in the postal queue (it
        commits after each letter: a scheduled action's transaction, not a test's)."""
        with self._postal_service(error) as requests, patch.object(self.env.cr, "commit"):
            self.env["snailmail.letter"]._snailmail_cron(autocommit=False)
        return requests

    def _stored(self, debtor):
        """A reminder sent today by letter, its PDF stored (and handed to the service)."""
        debtor.email = False
        action = self._run(self._invoice(debtor, "2026-05-20", amount=800.0))
        with self.allow_pdf_render():
            self.Action._cron_render_letters()
        self.assertTrue(action.letter_attachment_id)
        return action

    def _pdfs_of(self, action):
        return self.env["ir.attachment"].search(
            [
                ("res_model", "in", ("dunning.action", "snailmail.letter")),
                ("res_id", "in", (action.id, action.snailmail_letter_id.id)),
                ("mimetype", "=", "application/pdf"),
            ]
        )

    def test_letter_posted_is_the_stored_evidence_and_costs_the_debtor_nothing(self):
        cron = self.env.ref("snailmail.snailmail_print")
        triggers = self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)])
        action = self._sent(self.professional)
        letter = action.snailmail_letter_id
        self.assertEqual((action.letter_state, action.letter_post_state), ("rendered", "pending"))
        self.assertEqual(letter.attachment_id, action.letter_attachment_id)
        self.assertEqual(letter.partner_id, action.contact_id)
        self.assertEqual(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)]),
            triggers + 1,
            "the postal queue is woken up",
        )
        claimed, lines = action.amount_claimed, self._lines(action)
        requests = self._post_queue()
        self.assertEqual(len(requests), 1)
        posted = base64.b64decode(requests[0]["documents"][0]["pdf_bin"])
        self.assertEqual(hashlib.sha256(posted).hexdigest(), action.letter_sha256)
        self.assertEqual(posted, action.letter_attachment_id.raw)
        self.assertEqual(self._pdfs_of(action), action.letter_attachment_id, "never rendered twice")
        self.assertEqual((letter.state, action.letter_post_state), ("sent", "sent"))
        self.assertEqual(action.state, "sent")
        self.assertFalse(action.letter_post_error)
        self.assertEqual(action.amount_claimed, claimed, "no postage charged to the debtor")
        self.assertEqual(self._lines(action), lines)

    def test_missing_address_fails_at_once_and_retry_posts_the_same_letter(self):
        action = self._stored(self.consumer)  # no postal address
        letter = action.snailmail_letter_id
        self.assertEqual(letter.state, "error")
        self.assertEqual(action.letter_post_state, "error")
        self.assertIn("address is incomplete", action.letter_post_error)
        self.assertEqual(action.state, "failed")
        self.assertEqual(action.failure_reason, f"Letter: {action.letter_post_error}")
        self.assertIn("Letter not posted", action.message_ids[0].body)
        with self.assertRefused(UserError, "Retry Posting"):
            action.action_retry()  # the e-mail retry sends nothing for a letter

        self.consumer.write(self.address)
        action.with_user(self.billing).action_retry_post()
        self.assertEqual((letter.state, action.letter_post_state), ("pending", "pending"))
        requests = self._post_queue()
        self.assertEqual(action.snailmail_letter_id, letter, "the same letter, not a new one")
        self.assertEqual(len(requests), 1)
        posted = base64.b64decode(requests[0]["documents"][0]["pdf_bin"])
        self.assertEqual(hashlib.sha256(posted).hexdigest(), action.letter_sha256)
        self.assertEqual((letter.state, action.letter_post_state), ("sent", "sent"))
        self.assertEqual(action.state, "failed", "the failed attempt is not silently undone")
        self.assertIn("Letter posted after an error", action.message_ids[0].body)

    def test_no_credit_fails_with_the_reason_and_retry_sends_it(self):
        action = self._sent(self.professional)
        claimed = action.amount_claimed
        self.assertEqual(len(self._post_queue(error="CREDIT_ERROR")), 1)
        self.assertEqual(action.snailmail_letter_id.error_code, "CREDIT_ERROR")
        self.assertEqual(action.letter_post_state, "error")
        self.assertEqual(
            action.letter_post_error, "Not enough credits on the postal service's IAP account"
        )
        self.assertEqual(action.state, "failed")
        self.assertEqual(action.failure_reason, f"Letter: {action.letter_post_error}")
        action.with_user(self.approver).action_retry_post()
        self.assertEqual(action.letter_post_state, "pending")
        self.assertFalse(action.letter_post_error)
        self.assertEqual(len(self._post_queue()), 1)
        self.assertEqual(action.letter_post_state, "sent")
        self.assertEqual(action.amount_claimed, claimed)
        with self.assertRefused(UserError, "could not send"):
            action.action_retry_post()  # posted: nothing to retry

    def test_queue_never_posts_a_paid_debt(self):
        action = self._sent(self.professional)
        invoice = action.line_ids.move_id
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({})._create_payments()
        self.assertFalse(self._post_queue(), "nothing sent to the postal service")
        self.assertEqual(action.snailmail_letter_id.state, "canceled")
        self.assertEqual(action.letter_post_state, "cancelled")
        self.assertIn("Letter not posted", action.message_ids[0].body)

    def test_cancelled_communication_never_posted_by_the_queue(self):
        action = self._stored(self.professional)
        self._post_queue(error="CREDIT_ERROR")  # Odoo's queue retries this error every day
        action.with_user(self.billing).action_cancel()
        self.assertFalse(self._post_queue(), "nothing sent to the postal service")
        self.assertEqual(action.snailmail_letter_id.state, "canceled")
        self.assertEqual((action.state, action.letter_post_state), ("cancelled", "cancelled"))
        self.assertIn("the communication was cancelled", action.message_ids[0].body)

    def test_paid_debt_cannot_be_posted_again(self):
        action = self._sent(self.professional)
        self._post_queue(error="CREDIT_ERROR")
        invoice = action.line_ids.move_id
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({})._create_payments()
        with self.assertRefused(UserError, "Nothing is due any more"):
            action.with_user(self.billing).action_retry_post()
        self.assertEqual(action.snailmail_letter_id.state, "error")

    def test_formal_notice_stays_a_registered_letter_printed_here(self):
        notice, _invoice = self._formal_notice(self.professional)
        notice.with_user(self.approver).action_approve()
        self.assertTrue(notice.channel_letter)
        with self.allow_pdf_render():
            self.Action._cron_render_letters()
        self.assertEqual(notice.letter_state, "rendered")
        self.assertTrue(notice.letter_attachment_id)
        self.assertFalse(notice.letter_post_state)
        self.assertFalse(notice.snailmail_letter_id)
        self.assertFalse(
            self.env["snailmail.letter"].search(
                [("model", "=", notice._name), ("res_id", "=", notice.id)]
            )
        )

    def test_letters_printed_here_by_default(self):
        self.env.company.dunning_letter_delivery = "print"
        action = self._sent(self.professional)
        self.assertEqual(action.letter_state, "rendered")
        self.assertFalse(action.letter_post_state or action.snailmail_letter_id)
        self.assertFalse(self.env["snailmail.letter"].search([("model", "=", action._name)]))
        self.assertEqual(action.state, "sent")

    def test_readonly_and_portal_users_cannot_post_again(self):
        action = self._stored(self.consumer)  # no postal address: posting error
        self.consumer.write(self.address)
        letter = action.snailmail_letter_id
        before = (self._row(action, ACTION_COLUMNS), self._row(letter, LETTER_COLUMNS))
        for user in (self.readonly, self.portal):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                action.with_user(user).action_retry_post()
            self.assertEqual(
                (self._row(action, ACTION_COLUMNS), self._row(letter, LETTER_COLUMNS)), before
            )
        for vals in ({"letter_post_state": "sent"}, {"snailmail_letter_id": False}):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                action.with_user(self.billing).write(vals)
        self.assertEqual(
            (self._row(action, ACTION_COLUMNS), self._row(letter, LETTER_COLUMNS)), before
        )
        action.with_user(self.billing).action_retry_post()
        self.assertEqual(letter.state, "pending")
