# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class PaymentTransaction(models.Model):
    _inherit = "payment.transaction"

    dunning_plan_line_id = fields.Many2one(
        comodel_name="dunning.payment.plan.line",
        string="Payment Plan Instalment",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="restrict",
        help="The instalment this online payment pays, set when the debtor starts it.",
    )

    # EXTENDS payment
    @api.model_create_multi
    def create(self, vals_list):
        line_ids = [
            vals["dunning_plan_line_id"] for vals in vals_list if vals.get("dunning_plan_line_id")
        ]
        if line_ids:
            lines = self.env["dunning.payment.plan.line"].sudo().browse(line_ids)
            if len(set(line_ids)) != len(line_ids):
                raise UserError(
                    self.env._("A payment of this instalment is already being processed.")
                )
            lines._check_debtor_pays()
            lines._lock_for_payment()
            for line in lines:
                line._check_payable_online()
        return super().create(vals_list)

    # EXTENDS payment
    def write(self, vals):
        if "dunning_plan_line_id" in vals and any(
            tx.dunning_plan_line_id.id != vals["dunning_plan_line_id"] for tx in self
        ):
            raise UserError(
                self.env._("The instalment of an online payment is set when it starts.")
            )
        return super().write(vals)
