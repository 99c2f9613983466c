# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..rules import phone


class SmsTemplate(models.Model):
    _inherit = "sms.template"

    dunning_sample_body = fields.Text(
        string="Sample SMS",
        compute="_compute_dunning_sample",
        help="The text as the debtor of the latest communication would receive it, with "
        "French typography turned into its GSM-7 look-alike as the add-on sends it.",
    )
    dunning_sample_length = fields.Integer(string="Characters", compute="_compute_dunning_sample")
    dunning_sample_parts = fields.Integer(
        string="SMS Parts",
        compute="_compute_dunning_sample",
        help="Number of SMS billed: 160 characters for one (153 a part beyond) in GSM-7, "
        "70 (67 a part) when a character outside GSM-7 makes it Unicode.",
    )
    dunning_sample_encoding = fields.Selection(
        selection=[(phone.GSM7, "GSM-7"), (phone.UNICODE, "Unicode")],
        string="Encoding",
        compute="_compute_dunning_sample",
    )

    @api.depends("body", "model")
    def _compute_dunning_sample(self):
        sample = self.env["dunning.action"].search(
            [("company_id", "in", self.env.companies.ids), ("state", "!=", "to_approve")],
            limit=1,
        )
        for template in self:
            text = template._dunning_render_sample(sample)
            template.dunning_sample_body = text
            template.dunning_sample_length = phone.sms_length(text)
            template.dunning_sample_parts = phone.sms_parts(text)
            template.dunning_sample_encoding = phone.sms_encoding(text) if text else False

    def _dunning_render_sample(self, sample):
        if self.model != "dunning.action" or not sample or not self.body:
            return ""
        try:
            rendered = self._render_template(self.body, "dunning.action", sample.ids)
        except UserError as error:  # a template being edited may not render yet
            return str(error)
        return phone.gsm7_text(rendered[sample.id])
