# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

# Outer bounds of the anti-harassment settings: a manager may be stricter, never looser
# (DGCCRF cited up to 3 calls or letters a week as harassment; L121-7 C. conso.).
MAX_CONTACTS_CEILING = 4
MIN_GAP_FLOOR = 2


class ResCompany(models.Model):
    _inherit = "res.company"

    dunning_policy_id = fields.Many2one(
        comodel_name="dunning.policy",
        string="Default Dunning Policy",
        domain="['|', ('company_id', '=', False), ('company_id', '=', id)]",
    )
    dunning_min_contact_gap = fields.Integer(
        string="Minimum Days Between Two Contacts",
        default=5,
        help="All channels together: e-mails, letters, calls.",
    )
    dunning_max_contacts = fields.Integer(
        string="Maximum Contacts per 30 Days",
        default=4,
    )
    dunning_promise_grace_days = fields.Integer(
        string="Grace Days After a Promise to Pay",
        default=3,
    )
    dunning_responsible_id = fields.Many2one(
        comodel_name="res.users",
        string="Credit Controller",
        help="Receives the call activities of debtors without a salesperson.",
    )

    @api.constrains("dunning_min_contact_gap", "dunning_max_contacts", "dunning_promise_grace_days")
    def _check_dunning_guardrails(self):
        for company in self:
            if company.dunning_min_contact_gap < MIN_GAP_FLOOR:
                raise ValidationError(
                    self.env._(
                        "At least %(days)s days must separate two contacts with a debtor.",
                        days=MIN_GAP_FLOOR,
                    )
                )
            if not 1 <= company.dunning_max_contacts <= MAX_CONTACTS_CEILING:
                raise ValidationError(
                    self.env._(
                        "A debtor may be contacted between 1 and %(max)s times per 30 days.",
                        max=MAX_CONTACTS_CEILING,
                    )
                )
            if company.dunning_promise_grace_days < 0:
                raise ValidationError(self.env._("The grace period cannot be negative."))

    def _dunning_policy(self):
        self.ensure_one()
        return self.dunning_policy_id or self.env.ref(
            "recouvrement_amiable.dunning_policy_default", raise_if_not_found=False
        )
