# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

from ..models.dunning_action_delivery import CALL_OUTCOMES as OUTCOMES


class DunningCallResult(models.TransientModel):
    """Record the outcome of a dunning call ("Résultat d'appel")."""

    _name = "dunning.call.result"
    _description = "Dunning Call Result"

    partner_id = fields.Many2one(comodel_name="res.partner", string="Debtor", required=True)
    action_id = fields.Many2one(comodel_name="dunning.action", string="Communication")
    outcome = fields.Selection(selection=OUTCOMES, required=True, default="not_reached")
    promise_date = fields.Date(string="Promised Payment Date")
    promise_amount = fields.Monetary(string="Promised Amount", currency_field="currency_id")
    currency_id = fields.Many2one(
        comodel_name="res.currency", default=lambda self: self.env.company.currency_id
    )
    dispute_reason = fields.Text()
    disputed_move_ids = fields.Many2many(
        comodel_name="account.move",
        string="Disputed Invoices",
        domain="[('commercial_partner_id', '=', partner_id), ('move_type', '=', 'out_invoice'),"
        " ('state', '=', 'posted'), ('payment_state', 'in', ('not_paid', 'partial'))]",
    )
    note = fields.Text()

    @api.onchange("outcome", "action_id")
    def _onchange_outcome(self):
        if self.outcome == "dispute" and not self.disputed_move_ids and self.action_id:
            self.disputed_move_ids = self.action_id.line_ids.move_id

    # -------------------------------------------------------------------------
    # ACTION METHODS
    # -------------------------------------------------------------------------

    def action_confirm(self):
        self.ensure_one()
        handler = getattr(self, f"_apply_{self.outcome}")
        summary = handler()
        self._log(summary)
        if self.action_id:
            self.action_id._internal().write({"call_outcome": self.outcome})
        self._close_call_activity()
        return {"type": "ir.actions.act_window_close"}

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _apply_not_reached(self):
        return self.env._("Call: debtor not reached.")

    def _apply_promise(self):
        today = fields.Date.context_today(self)
        if not self.promise_date or self.promise_date < today:
            raise UserError(
                self.env._("Give the date the debtor promised to pay (today or later).")
            )
        if self.promise_amount <= 0:
            raise UserError(self.env._("Give the amount the debtor promised to pay."))
        # collection data of the debtor: billing users record it without contact rights
        self.partner_id.commercial_partner_id.sudo().write(
            {
                "dunning_promise_date": self.promise_date,
                "dunning_promise_amount": self.promise_amount,
            }
        )
        return self.env._(
            "Call: promise to pay %(amount)s %(currency)s by %(date)s. No escalation until then "
            "plus the grace period.",
            amount=self.promise_amount,
            currency=self.currency_id.name,
            date=format_date(self.env, self.promise_date),
        )

    def _apply_dispute(self):
        if not self.dispute_reason or not self.disputed_move_ids:
            raise UserError(self.env._("Give the disputed invoices and the reason of the dispute."))
        self.disputed_move_ids._mark_disputed(self.dispute_reason)
        return self.env._(
            "Call: the debtor disputes %(invoices)s: %(reason)s",
            invoices=", ".join(self.disputed_move_ids.mapped("name")),
            reason=self.dispute_reason,
        )

    def _apply_plan_requested(self):
        self._schedule_todo(
            self.env._("Prepare a payment plan"),
            self.env._("The debtor asked for a payment plan during a dunning call."),
        )
        return self.env._("Call: the debtor asks for a payment plan.")

    def _apply_already_paid(self):
        self._schedule_todo(
            self.env._("Check the bank: debtor says it paid"),
            self.env._("The debtor says the invoices were paid: look for the payment."),
        )
        return self.env._("Call: the debtor says it already paid.")

    def _schedule_todo(self, summary, note):
        self.partner_id.commercial_partner_id.sudo().activity_schedule(
            "mail.mail_activity_data_todo",
            summary=summary,
            note=note,
            user_id=self.env.user.id,
        )

    def _log(self, summary):
        body = summary + (f"\n{self.note}" if self.note else "")
        self.partner_id.commercial_partner_id.sudo()._message_log(body=body)
        if self.action_id:
            self.action_id._message_log(body=body)

    def _close_call_activity(self):
        activity = self.action_id.call_activity_id
        if activity:
            activity.action_feedback(feedback=dict(OUTCOMES)[self.outcome])
