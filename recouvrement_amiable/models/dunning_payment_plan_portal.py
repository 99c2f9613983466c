# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount

from ..rules import schedule, uploads
from .dunning_payment_plan_tracking import CLOSED_STATES, RUNNING_STATES


class DunningPaymentPlanPortal(models.AbstractModel):
    """What the customer portal shows and does on a payment plan, mixed into
    ``dunning.payment.plan``: its page and history, the online signature, the payment of an
    instalment, the debtor's request for a plan and its disputes."""

    _name = "dunning.payment.plan.portal"
    _description = "Payment Plan on the Portal"

    # -------------------------------------------------------------------------
    # CUSTOMER PORTAL
    # -------------------------------------------------------------------------

    def _amount_total_display(self):
        self.ensure_one()
        return format_amount(self.env, self.amount_total, self.currency_id)

    def _portal_link_valid(self):
        """A link opens a plan while it runs, and for a while after it ended; never once
        cancelled (a lapsed proposal)."""
        self.ensure_one()
        if self.state == "cancelled":
            return False
        ended = self.completed_date or self.broken_date
        if self.state in CLOSED_STATES and ended:
            validity = self.company_id.dunning_link_validity_days
            return fields.Date.add(ended, days=validity) >= fields.Date.context_today(self)
        return True

    def _sign_on_portal(
        self, name, signature, words, ip_address, access_token=None, *, figures=None
    ):
        """The customer signs a proposed plan online: drawn signature and the amount in words
        and in figures (art. 1376 C. civ.).

        Only the debtor signs (its portal user, or a visitor with the plan's link); the
        signature is a PNG or JPEG image that decodes, the name at most 128 characters.
        """
        self.ensure_one()
        author = self.partner_id._portal_debtor_author(self, access_token)
        if self.state != "proposed":
            raise UserError(self.env._("This payment plan is not waiting for your signature."))
        try:
            name = uploads.check_signer_name(name)
            image = uploads.check_signature(signature)
        except uploads.UploadError as error:
            raise self.env["ir.attachment"]._dunning_upload_error(error) from error
        if not (figures or "").strip() or not (words or "").strip():
            raise UserError(self.env._("Write the amount you acknowledge in figures and in words."))
        return self._sign(
            name,
            words,
            figures=figures,
            author=author,
            signature=base64.b64encode(image),
            signature_ip=(ip_address or "")[:64],
        )

    def _portal_payable_line(self, line_id, access_token=None):
        """The instalment the debtor may pay online now, or a refusal saying why."""
        self.ensure_one()
        self.partner_id._portal_debtor_author(self, access_token)
        line = self.line_ids.filtered(lambda line: line.id == line_id)
        if not line:
            raise UserError(self.env._("This instalment does not belong to this payment plan."))
        line._check_payable_online()
        return line

    def _portal_payment_invoices(self):
        """Open invoices a payment on the plan settles, oldest first."""
        self.ensure_one()
        return (
            (self.move_ids | self.penalty_move_id)
            .filtered(lambda move: move.state == "posted" and move.amount_residual > 0)
            .sorted(lambda move: (move.invoice_date_due, move.id))
        )

    def _portal_history(self):
        """[(date, label)] of what happened to the plan, in date order, for the customer's
        page: drawn up, proposed, signed, each instalment's reminder, payment and notice, the
        end."""
        self.ensure_one()
        events = [(self.date, "drawn_up", self.env._("Plan drawn up"))]
        if self.proposal_date:
            events.append((self.proposal_date, "proposed", self.env._("Plan proposed")))
        if self.signed_on:
            events.append((self.signed_on, "signed", self.env._("Signed by %s", self.signed_by)))
        events += self.line_ids._portal_history_events()
        closing = {
            "completed": (self.completed_date, self.env._("Plan completed")),
            "broken": (self.broken_date, self.env._("Plan broken: the balance fell due")),
        }.get(self.state)
        if closing:
            events.append((closing[0], "closed", closing[1]))
        return schedule.plan_timeline(events)

    @api.model
    def _request_from_portal(
        self, moves, instalment_count, token_record=None, access_token=None, ip_address=None
    ):
        """The debtor asks for a plan: a draft for the collection responsible, who reviews it.

        Only the debtor asks (its portal user, or a visitor with the link of a communication
        listing these invoices); the plan is the responsible's work, never the visitor's.
        """
        moves = moves.with_env(self.env)  # whoever asks is this method's user
        author = moves._portal_debtor_author(token_record, access_token)
        # the chatter says who asked (below), never the visitor's technical user
        self = self.with_context(mail_create_nolog=True, mail_create_nosubscribe=True)
        if not 2 <= instalment_count <= 24:
            raise UserError(
                self.env._("Choose between 2 and 24 instalments; for more, please contact us.")
            )
        plan = self._create_from_invoices(moves, instalment_count=instalment_count)
        responsible = plan.partner_id._collection_responsible(plan.company_id)
        plan.write({"requested_on_portal": True, "user_id": responsible.id})
        plan.message_post(
            body=self.env._(
                "Requested by the customer on the portal (IP address %(ip)s): %(count)s "
                "instalments.",
                ip=ip_address or "?",
                count=instalment_count,
            ),
            author_id=author.id,
        )
        plan.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=self.env._("Payment plan requested on the portal"),
            note=self.env._("Review the plan, adjust it if needed and send it to the debtor."),
            user_id=responsible.id,
        )
        return plan

    def _review_dispute(self, move, author, reason):
        """An invoice of this running plan is disputed: the plan keeps running (its reminders
        and its breach are not suspended); its responsible reviews it."""
        for plan in self.filtered(lambda plan: plan.state in RUNNING_STATES):
            plan.message_post(
                body=self.env._(
                    "Invoice %(invoice)s of this plan is disputed by the customer: %(reason)s",
                    invoice=move.name,
                    reason=reason,
                ),
                author_id=author.id,
            )
            plan.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Dispute on an invoice of a signed payment plan"),
                note=self.env._(
                    "The plan keeps running: its reminders and its breach are not suspended. "
                    "Settle the dispute, or cancel the plan with a reason."
                ),
                user_id=(
                    plan.user_id or plan.partner_id._collection_responsible(plan.company_id)
                ).id,
            )
