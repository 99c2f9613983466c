# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class DunningPaymentPlanWizardLine(models.TransientModel):
    """One instalment of the preview; editable when the dates are custom."""

    _name = "dunning.payment.plan.wizard.line"
    _description = "Payment Plan Preview Instalment"
    _order = "id"  # as typed: a schedule typed out of order is refused, not reordered

    wizard_id = fields.Many2one(
        comodel_name="dunning.payment.plan.wizard", required=True, ondelete="cascade"
    )
    currency_id = fields.Many2one(related="wizard_id.currency_id")
    due_date = fields.Date()
    amount = fields.Monetary()
