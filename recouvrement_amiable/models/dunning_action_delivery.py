# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

CALL_OUTCOMES = [
    ("not_reached", "Not reached"),
    ("promise", "Promise to pay"),
    ("dispute", "Dispute"),
    ("plan_requested", "Payment plan requested"),
    ("already_paid", "Says it is already paid"),
]
# mail.mail failures that prove the address wrong, counted like a bounce on the contact
ADDRESS_FAILURES = frozenset({"mail_email_invalid", "mail_email_missing"})
DELIVERY_STATUS_FIELDS = frozenset({"email_state", "call_outcome"})


class DunningActionDelivery(models.AbstractModel):
    """What became of each channel of a communication, mixed into ``dunning.action``: the
    e-mail queued, sent, failed or bounced, the call's outcome; ``delivery_failed`` sums up
    the channels (with the SMS, posting and registered letter's own states) for the
    "Delivery failure" filter."""

    _name = "dunning.action.delivery"
    _description = "Dunning Communication Delivery"

    email_state = fields.Selection(
        selection=[
            ("queued", "In Queue"),
            ("sent", "Sent"),
            ("failed", "Failed"),
            ("bounced", "Bounced"),
        ],
        string="E-mail Status",
        readonly=True,
        copy=False,
    )
    call_outcome = fields.Selection(
        selection=CALL_OUTCOMES,
        readonly=True,
        copy=False,
    )
    delivery_failed = fields.Boolean(
        string="Delivery Failure",
        compute="_compute_delivery_failed",
        store=True,
        help="One of its channels did not reach the debtor: e-mail failed or bounced, SMS "
        "in error, letter not posted (posting error), registered letter refused or not "
        "collected.",
    )

    @api.depends("email_state", "sms_state", "letter_post_state", "lrar_status")
    def _compute_delivery_failed(self):
        for action in self:
            action.delivery_failed = (
                action.email_state in ("failed", "bounced")
                or action.sms_state == "error"
                or action.letter_post_state == "error"
                or action.lrar_status in ("refused", "not_collected")
            )

    # -------------------------------------------------------------------------
    # E-MAIL OUTCOME (Odoo's mail queue and bounce handling)
    # -------------------------------------------------------------------------

    def _mark_email_sent(self):
        self.filtered(lambda a: a.email_state == "queued")._internal().write(
            {"email_state": "sent"}
        )

    def _mark_email_failed(self, reason, failure_type=None):
        """The e-mail did not reach the debtor: the communication fails with the reason.

        An address the mail server refused counts as a bounce on the contact, like the
        bounces Odoo's mail gateway counts (``message_bounce``).
        """
        sent = self.filtered(lambda a: a.state in ("sent", "failed"))
        sent._internal().write(
            {
                "state": "failed",
                "failure_reason": reason,
                "email_failed": True,
                "email_state": "bounced" if failure_type == "mail_bounce" else "failed",
            }
        )
        if failure_type in ADDRESS_FAILURES:
            for contact in sent.contact_id.sudo():
                contact._message_receive_bounce(contact.email_normalized, contact)
