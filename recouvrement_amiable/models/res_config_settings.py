# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    dunning_policy_id = fields.Many2one(related="company_id.dunning_policy_id", readonly=False)
    dunning_min_contact_gap = fields.Integer(
        related="company_id.dunning_min_contact_gap", readonly=False
    )
    dunning_max_contacts = fields.Integer(related="company_id.dunning_max_contacts", readonly=False)
    dunning_score_day_late_points = fields.Float(
        related="company_id.dunning_score_day_late_points", readonly=False
    )
    dunning_score_days_late_cap = fields.Integer(
        related="company_id.dunning_score_days_late_cap", readonly=False
    )
    dunning_score_broken_promise = fields.Integer(
        related="company_id.dunning_score_broken_promise", readonly=False
    )
    dunning_score_broken_plan = fields.Integer(
        related="company_id.dunning_score_broken_plan", readonly=False
    )
    dunning_score_dispute = fields.Integer(
        related="company_id.dunning_score_dispute", readonly=False
    )
    dunning_score_events_cap = fields.Integer(
        related="company_id.dunning_score_events_cap", readonly=False
    )
    dunning_email_bounce_limit = fields.Integer(
        related="company_id.dunning_email_bounce_limit", readonly=False
    )
    dunning_promise_grace_days = fields.Integer(
        related="company_id.dunning_promise_grace_days", readonly=False
    )
    late_payment_rate = fields.Float(related="company_id.late_payment_rate", readonly=False)
    dunning_claim_legal_interest = fields.Boolean(
        related="company_id.dunning_claim_legal_interest", readonly=False
    )
    dunning_responsible_id = fields.Many2one(
        related="company_id.dunning_responsible_id", readonly=False
    )
    dunning_lrar_followup_days = fields.Integer(
        related="company_id.dunning_lrar_followup_days", readonly=False
    )
    payment_plan_reminder_days = fields.Integer(
        related="company_id.payment_plan_reminder_days", readonly=False
    )
    payment_plan_grace_days = fields.Integer(
        related="company_id.payment_plan_grace_days", readonly=False
    )
    payment_plan_breach_days = fields.Integer(
        related="company_id.payment_plan_breach_days", readonly=False
    )
    payment_plan_consumer_breach_days = fields.Integer(
        related="company_id.payment_plan_consumer_breach_days", readonly=False
    )
    payment_plan_proposal_days = fields.Integer(
        related="company_id.payment_plan_proposal_days", readonly=False
    )
    dunning_link_validity_days = fields.Integer(
        related="company_id.dunning_link_validity_days", readonly=False
    )
    dunning_court_filing_margin_days = fields.Integer(
        related="company_id.dunning_court_filing_margin_days", readonly=False
    )
    dunning_legal_form = fields.Char(related="company_id.dunning_legal_form", readonly=False)
    dunning_letter_delivery = fields.Selection(
        related="company_id.dunning_letter_delivery", readonly=False
    )
    litigation_small_claims_ceiling = fields.Float(
        related="company_id.litigation_small_claims_ceiling", readonly=False
    )
    litigation_prescription_alert_days = fields.Integer(
        related="company_id.litigation_prescription_alert_days", readonly=False
    )
