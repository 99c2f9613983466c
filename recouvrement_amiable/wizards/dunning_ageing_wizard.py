# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date


class DunningAgeingWizard(models.TransientModel):
    """Choose the date of the ageing balance."""

    _name = "dunning.ageing.wizard"
    _description = "Receivables Ageing at a Date"

    date = fields.Date(string="Balance At", required=True, default=fields.Date.context_today)

    def action_open(self):
        self.ensure_one()
        if self.date > fields.Date.context_today(self):
            raise UserError(self.env._("The ageing balance is drawn at today's date or before."))
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "recouvrement_amiable.action_dunning_ageing_report"
        )
        action["name"] = self.env._(
            "Receivables ageing at %(date)s", date=format_date(self.env, self.date)
        )
        action["context"] = {"ageing_date": fields.Date.to_string(self.date)}
        return action
