# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError


class DunningPaymentPlanCancel(models.TransientModel):
    """Cancel a signed payment plan: the acknowledgement stays, the reason is recorded."""

    _name = "dunning.payment.plan.cancel"
    _description = "Cancel a Payment Plan"

    plan_ids = fields.Many2many(comodel_name="dunning.payment.plan", string="Payment Plans")
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        if not (self.reason or "").strip():
            raise UserError(self.env._("Give the reason for cancelling the payment plan."))
        self.plan_ids.action_cancel(reason=self.reason)
        return {"type": "ir.actions.act_window_close"}
