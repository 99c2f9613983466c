# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError

# snailmail.letter state -> the communication's posting state
POST_STATES = {
    "pending": "pending",
    "sent": "sent",
    "error": "error",
    "canceled": "cancelled",
}
POST_FIELDS = frozenset({"letter_post_state", "letter_post_error", "snailmail_letter_id"})


class DunningActionPost(models.AbstractModel):
    """The letter of a communication posted by Odoo's postal service (``snailmail``), mixed
    into ``dunning.action``: when the company chose it, a simple letter is not printed here
    but its stored PDF (the evidence, with its SHA-256) is handed to the service as it is.
    Formal notices stay registered letters printed here: the service does not post them."""

    _name = "dunning.action.post"
    _description = "Dunning Letter Posting"

    letter_post_state = fields.Selection(
        selection=[
            ("pending", "Waiting to Be Posted"),
            ("sent", "Posted"),
            ("error", "Posting Error"),
            ("cancelled", "Cancelled"),
        ],
        string="Postal Service",
        readonly=True,
        copy=False,
        help="The letter handed to Odoo's postal service (snailmail): the cost is the "
        "company's, never charged to the debtor.",
    )
    letter_post_error = fields.Char(string="Posting Failure", readonly=True, copy=False)
    snailmail_letter_id = fields.Many2one(
        comodel_name="snailmail.letter",
        string="Posted Letter",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
    )

    # -------------------------------------------------------------------------
    # POSTING
    # -------------------------------------------------------------------------

    def _post_letters(self):
        """Hand the letters just stored to the postal service when the company posts them.

        The document posted is the stored evidence PDF itself (never rendered again); the
        service sends the pending letters from its queue (Odoo's scheduled action, woken up
        now); an incomplete address is an error at once.
        """
        to_post = self.filtered(
            lambda a: (
                a.company_id.dunning_letter_delivery == "post"
                and not a.is_formal_notice
                and a.letter_attachment_id
                and not a.snailmail_letter_id
            )
        )
        if not to_post:
            return
        letters = (
            self.env["snailmail.letter"]
            .sudo()
            .create(
                [
                    {
                        "model": action._name,
                        "res_id": action.id,
                        "partner_id": (action.contact_id or action.partner_id).id,
                        "company_id": action.company_id.id,
                        "user_id": action.user_id.id,
                        "attachment_id": action.letter_attachment_id.id,
                        # the PDF is posted as stored: no cover page added by the service
                        "cover": False,
                    }
                    for action in to_post
                ]
            )
        )
        for action, letter in zip(to_post, letters, strict=True):
            action._internal().write(
                {"snailmail_letter_id": letter.id, "letter_post_state": "pending"}
            )
        letters._snailmail_print(immediate=False)
        if letters.filtered(lambda letter: letter.state == "pending"):
            self.env.ref("snailmail.snailmail_print").sudo()._trigger()

    def action_retry_post(self):
        """Post again the letters the postal service could not send: the same letter (the
        same evidence PDF) is queued again, as Odoo's own "Send Now" does.

        Allowed to whoever may send communications (write access to them); only when
        something is still due and every invoice is still recoverable. A communication that
        failed stays failed: the record of the failed attempt; its posting status shows the
        outcome of the new one.
        """
        self.check_access("write")
        if self.filtered(
            lambda a: a.letter_post_state != "error" or a.snailmail_letter_id.state != "error"
        ):
            raise UserError(
                self.env._("Only letters the postal service could not send can be posted again.")
            )
        self._check_still_collectable()
        if self.filtered(lambda a: not a._post_still_due()):
            raise UserError(self.env._("Nothing is due any more: there is nothing to post."))
        letters = self.sudo().snailmail_letter_id
        # what snailmail.letter.snailmail_print() does, without posting at once from the button
        letters.write({"state": "pending"})
        letters.notification_ids.write(
            {"notification_status": "ready", "failure_type": False, "failure_reason": False}
        )
        letters.message_id._notify_message_notification_update()
        for action in self:
            action._message_log(body=self.env._("Letter queued again for posting."))
        letters._snailmail_print(immediate=False)
        if letters.filtered(lambda letter: letter.state == "pending"):
            self.env.ref("snailmail.snailmail_print").sudo()._trigger()
        return True

    def _post_still_due(self):
        """Something is still due on an invoice of this communication."""
        self.ensure_one()
        return any(move._is_collection_tracked() for move in self.line_ids.move_id)

    def _cancel_stale_posting(self):
        """Letters waiting to be posted (or retried by Odoo's queue) whose communication was
        cancelled, or whose debt was paid or became unrecoverable in the meantime: never
        posted. Returns the communications concerned."""
        cancelled = self.filtered(lambda a: a.state == "cancelled")
        stale = (self - cancelled).filtered(
            lambda a: not a._post_still_due() or a._first_unrecoverable_move()
        )
        (cancelled | stale).sudo().snailmail_letter_id.cancel()
        for action in cancelled:
            action._message_log(
                body=self.env._("Letter not posted: the communication was cancelled.")
            )
        for action in stale:
            action._message_log(
                body=self.env._(
                    "Letter not posted: nothing is due any more on its invoices, or one is no "
                    "longer recoverable (disputed, frozen or prescribed)."
                )
            )
        return cancelled | stale

    # -------------------------------------------------------------------------
    # DELIVERY
    # -------------------------------------------------------------------------

    def _update_from_snailmail(self, letter):
        """The state of the ``snailmail.letter`` shows on the communication; an error fails
        it with the reason."""
        state = POST_STATES.get(letter.state)
        if not state:
            return
        actions = self._internal().sudo()
        if state != "error":
            actions.write({"letter_post_state": state, "letter_post_error": False})
            if state == "sent":
                for action in actions.filtered(lambda a: a.state == "failed"):
                    action._message_log(
                        body=self.env._(
                            "Letter posted after an error. The communication stays failed: "
                            "the record of the failed attempt."
                        )
                    )
            return
        reason = self._post_error_reason(letter.error_code)
        actions.write({"letter_post_state": "error", "letter_post_error": reason})
        failure = self.env._("Letter: %(reason)s", reason=reason)
        for action in actions.filtered(lambda a: a.state in ("sent", "failed")):
            previous = action.failure_reason if action.state == "failed" else False
            if previous and failure in previous:
                continue
            action.write(
                {
                    "state": "failed",
                    "failure_reason": "\n".join(filter(None, [previous, failure])),
                }
            )
            action._message_log(body=self.env._("Letter not posted: %(reason)s", reason=reason))

    def _post_error_reason(self, error_code):
        """The reason of a postal service error, in the user's language."""
        reasons = {
            "MISSING_REQUIRED_FIELDS": self.env._(
                "The recipient's name or address is incomplete (street, postcode, city and "
                "country are required)"
            ),
            "CREDIT_ERROR": self.env._("Not enough credits on the postal service's IAP account"),
            "TRIAL_ERROR": self.env._("No IAP account registered for the postal service"),
            "NO_PRICE_AVAILABLE": self.env._(
                "The recipient's country is not covered by the postal service"
            ),
            "FORMAT_ERROR": self.env._("The postal service refused the format of the PDF"),
            "ATTACHMENT_ERROR": self.env._("The letter's PDF could not be attached"),
        }
        return reasons.get(error_code) or self.env._("Unknown postal service error")
