# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class DunningPolicy(models.Model):
    """An escalation: ordered dunning levels, from the courteous reminder to the formal notice."""

    _name = "dunning.policy"
    _description = "Dunning Policy"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        help="Leave empty to share the policy between companies.",
    )
    level_ids = fields.One2many(
        comodel_name="dunning.level",
        inverse_name="policy_id",
        string="Levels",
        copy=True,
    )
    level_count = fields.Integer(compute="_compute_level_count")
    progressive_escalation = fields.Boolean(
        default=True,
        help="A formal notice is only sent once a written reminder (e-mail or letter) reached "
        "the debtor for the invoice, and after the gap below: a debtor never contacted gets a "
        "written reminder first, even for a very late invoice. A broken payment plan still "
        "goes straight to the formal notice (its missed-instalment notice was the reminder).",
    )
    formal_notice_gap_days = fields.Integer(
        string="Days Between Reminder and Formal Notice",
        default=8,
        help="Minimum days between the last written reminder and the formal notice.",
    )

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends("level_ids")
    def _compute_level_count(self):
        for policy in self:
            policy.level_count = len(policy.level_ids)

    # -------------------------------------------------------------------------
    # CONSTRAINT METHODS
    # -------------------------------------------------------------------------

    @api.constrains("formal_notice_gap_days")
    def _check_formal_notice_gap(self):
        if self.filtered(lambda policy: policy.formal_notice_gap_days < 0):
            raise ValidationError(self.env._("The gap before a formal notice cannot be negative."))

    @api.constrains("level_ids")
    def _check_levels_increase(self):
        for policy in self:
            delays = [
                level.delay_days
                for level in policy.level_ids.sorted("sequence")
                if level.delay_reference == "due_date"
            ]
            if delays != sorted(delays):
                raise ValidationError(
                    self.env._(
                        "The levels of the policy %(policy)s must be ordered by increasing "
                        "delay after the due date.",
                        policy=policy.display_name,
                    )
                )

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _sorted_levels(self):
        self.ensure_one()
        return self.level_ids.sorted(lambda level: (level.sequence, level.id))
