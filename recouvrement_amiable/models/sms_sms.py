# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SmsSms(models.Model):
    _inherit = "sms.sms"

    dunning_action_id = fields.Many2one(
        comodel_name="dunning.action",
        string="Dunning Communication",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
    )

    # EXTENDS sms
    def write(self, vals):
        result = super().write(vals)
        if vals.get("state"):
            for sms in self.filtered("dunning_action_id"):
                sms.dunning_action_id._update_from_sms(vals["state"], vals.get("failure_type"))
        return result
