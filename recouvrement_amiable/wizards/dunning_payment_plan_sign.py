# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class DunningPaymentPlanSign(models.TransientModel):
    """Record a signature given on paper: who, when, the amount written in words, the scan."""

    _name = "dunning.payment.plan.sign"
    _description = "Record the Signature of a Payment Plan"

    plan_id = fields.Many2one(comodel_name="dunning.payment.plan", required=True, readonly=True)
    currency_id = fields.Many2one(related="plan_id.currency_id")
    amount_total = fields.Monetary(related="plan_id.amount_total")
    signed_by = fields.Char(required=True)
    signed_on = fields.Date(
        string="Signature Date", required=True, default=fields.Date.context_today
    )
    signed_words = fields.Char(
        string="Amount Written in Words",
        required=True,
        help="Copy the amount exactly as the debtor wrote it by hand on the plan (art. 1376 "
        "C. civ.): it is checked against the figures.",
    )
    scan = fields.Binary(string="Signed Plan (scan)", required=True)
    scan_name = fields.Char()

    def action_sign(self):
        self.ensure_one()
        self.plan_id._sign(
            self.signed_by,
            self.signed_words,
            signed_on=self.signed_on,
            scan=self.scan,
            scan_name=self.scan_name,
        )
        return {"type": "ir.actions.act_window_close"}
