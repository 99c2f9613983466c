# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from decimal import Decimal

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..rules import cockpit, penalties

# Outer bounds of the anti-harassment settings: a manager may be stricter, never looser
# (DGCCRF cited up to 3 calls or letters a week as harassment; L121-7 C. conso.).
MAX_CONTACTS_CEILING = 4
MIN_GAP_FLOOR = 2
SCORE_FIELDS = (
    "dunning_score_day_late_points",
    "dunning_score_days_late_cap",
    "dunning_score_broken_promise",
    "dunning_score_broken_plan",
    "dunning_score_dispute",
    "dunning_score_events_cap",
)


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
    # Payment-behaviour score (rules.cockpit.payment_score): points taken off 100
    dunning_score_day_late_points = fields.Float(
        string="Points per Average Day Late",
        default=cockpit.DEFAULT_SCORE_WEIGHTS.days_late_points,
    )
    dunning_score_days_late_cap = fields.Integer(
        string="At Most for Lateness",
        default=cockpit.DEFAULT_SCORE_WEIGHTS.days_late_cap,
    )
    dunning_score_broken_promise = fields.Integer(
        string="Points per Broken Promise",
        default=cockpit.DEFAULT_SCORE_WEIGHTS.broken_promise,
    )
    dunning_score_broken_plan = fields.Integer(
        string="Points per Broken Payment Plan",
        default=cockpit.DEFAULT_SCORE_WEIGHTS.broken_plan,
    )
    dunning_score_dispute = fields.Integer(
        string="Points per Dispute",
        default=cockpit.DEFAULT_SCORE_WEIGHTS.dispute,
    )
    dunning_score_events_cap = fields.Integer(
        string="At Most for Promises, Plans and Disputes",
        default=cockpit.DEFAULT_SCORE_WEIGHTS.events_cap,
    )
    dunning_email_bounce_limit = fields.Integer(
        string="Bounces Before the Letter Replaces the E-mail",
        default=2,
        help="An address whose e-mails bounced this many times is flagged “invalid e-mail "
        "address”: the next reminders go by letter until the address is changed.",
    )
    dunning_legal_form = fields.Char(
        string="Legal Form and Share Capital",
        help="Printed with the creditor's identity on every letter, e.g. “SAS au capital de "
        "10 000 €”.",
    )
    dunning_court_filing_margin_days = fields.Integer(
        string="Days to File After the Payment Deadline",
        default=30,
        help="A formal notice announces court action only when every debt is still "
        "unprescribed at the end of its payment deadline plus this margin; otherwise it is "
        "refused and a to-do gives the last day to file a claim in court (a formal notice "
        "interrupts nothing).",
    )
    dunning_responsible_id = fields.Many2one(
        comodel_name="res.users",
        string="Credit Controller",
        help="Receives the call activities of debtors without a salesperson.",
    )
    dunning_letter_delivery = fields.Selection(
        selection=[
            ("print", "Printed Here"),
            ("post", "Posted by Odoo's Postal Service"),
        ],
        string="Simple Letters",
        required=True,
        default="print",
        help="Printed here (by default) or posted by Odoo's postal service (snailmail, paid "
        "with the company's IAP credits: the cost is never charged to the debtor, the letter's "
        "amounts stay as they are). Formal notices stay registered letters with "
        "acknowledgement of receipt (LRAR) printed here: the postal service does not send "
        "registered letters.",
    )
    dunning_lrar_followup_days = fields.Integer(
        string="Registered Letter Follow-up (days)",
        default=5,
        help="A registered letter posted this many days ago without a presentation date shows "
        "in the collection cockpit.",
    )

    late_payment_rate = fields.Float(
        string="Contractual Late-payment Rate (%)",
        digits=(6, 3),
        help="Rate of your terms of sale; leave empty for the legal rate (ECB rate + 10 "
        "points). At least three times the legal interest rate (L441-10 C. com.).",
    )

    dunning_claim_legal_interest = fields.Boolean(
        string="Claim Legal Interest from Consumers",
        help="After a formal notice, interest at the legal rate runs from its receipt (arts. "
        "1344-1 and 1231-6 C. civ.); consumers never owe collection costs.",
    )

    dunning_link_validity_days = fields.Integer(
        string="Validity of Portal Links (days)",
        default=90,
        help="Links in letters and e-mails open the debtor's page without login for this many "
        "days after the communication.",
    )

    # End of the amicable phase
    litigation_small_claims_ceiling = fields.Float(
        string="Small-claims Ceiling",
        digits=(16, 2),
        default=5000.0,
        help="Principal and interest up to which the simplified small-claims procedure by a "
        "commissaire de justice is possible (L125-1 and R125-1 CPCE: €5,000).",
    )

    litigation_prescription_alert_days = fields.Integer(
        string="Prescription Alert (days before)",
        default=90,
        help="A daily check gives the responsible accountant an activity for every recoverable "
        "invoice whose prescription date falls within this many days: only a court claim or "
        "the debtor's acknowledgement interrupts it.",
    )

    # Payment plans (échéanciers)
    payment_plan_reminder_days = fields.Integer(
        string="Instalment Reminder (days before)",
        default=5,
        help="A courteous e-mail this many days before each instalment falls due.",
    )
    payment_plan_grace_days = fields.Integer(
        string="Instalment Grace Period (days)",
        default=8,
        help="An instalment still unpaid this many days after its due date gets a reminder.",
    )
    payment_plan_breach_days = fields.Integer(
        string="Days Before a Plan Is Broken",
        default=15,
        help="Days after the missed-instalment reminder before the plan is broken: the whole "
        "balance falls due and dunning resumes at the formal-notice level.",
    )
    payment_plan_consumer_breach_days = fields.Integer(
        string="Days Before a Consumer's Plan Is Broken",
        default=30,
        help="The same delay for consumers and non-professional legal persons: a 15-day notice "
        "before acceleration was held abusive in a consumer contract (Cass. 1re civ. 29 May "
        "2024, n° 23-12.904). Never shorter than the general delay.",
    )
    payment_plan_proposal_days = fields.Integer(
        string="Validity of a Plan Proposal (days)",
        default=15,
        help="A proposed plan not signed in time is cancelled and dunning resumes.",
    )

    @api.constrains(
        "payment_plan_reminder_days",
        "payment_plan_grace_days",
        "payment_plan_breach_days",
        "payment_plan_consumer_breach_days",
        "payment_plan_proposal_days",
        "dunning_link_validity_days",
    )
    def _check_payment_plan_delays(self):
        for company in self:
            delays = (
                company.payment_plan_reminder_days,
                company.payment_plan_grace_days,
                company.payment_plan_breach_days,
                company.payment_plan_consumer_breach_days,
                company.payment_plan_proposal_days,
            )
            if (
                min(delays) < 0
                or company.payment_plan_proposal_days < 1
                or company.dunning_link_validity_days < 1
            ):
                raise ValidationError(
                    self.env._(
                        "Payment plan delays cannot be negative; a proposal and a portal link "
                        "are valid at least one day."
                    )
                )

    @api.constrains("late_payment_rate")
    def _check_late_payment_rate(self):
        for company in self.filtered("late_payment_rate"):
            self._check_contract_rate_value(company.late_payment_rate)

    @api.model
    def _check_contract_rate_value(self, rate):
        today = fields.Date.context_today(self)
        rates = self.env["dunning.interest.rate"]._rates_by_half().get(penalties.half_year(today))
        if not rates or rates.legal_rate_other is None:
            raise ValidationError(
                self.env._(
                    "No legal rates are recorded for %(year)s S%(half)s: add them before "
                    "setting a contractual rate.",
                    year=today.year,
                    half=penalties.half_year(today)[1],
                )
            )
        ok, floor = penalties.check_contract_rate(Decimal(str(rate)), rates)
        if not ok:
            raise ValidationError(
                self.env._(
                    "A contractual late-payment rate of %(rate)s %% is below three times the "
                    "legal interest rate (%(floor)s %%, L441-10 C. com.).",
                    rate=rate,
                    floor=floor,
                )
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

    @api.constrains(*SCORE_FIELDS)
    def _check_dunning_score_weights(self):
        for company in self:
            if any(company[fname] < 0 for fname in SCORE_FIELDS):
                raise ValidationError(
                    self.env._("The weights of the payment score cannot be negative.")
                )
            if max(company.dunning_score_days_late_cap, company.dunning_score_events_cap) > 100:
                raise ValidationError(
                    self.env._("A part of the payment score takes at most 100 points off.")
                )

    def _dunning_score_weights(self):
        self.ensure_one()
        return cockpit.ScoreWeights(
            days_late_points=self.dunning_score_day_late_points,
            days_late_cap=self.dunning_score_days_late_cap,
            broken_promise=self.dunning_score_broken_promise,
            broken_plan=self.dunning_score_broken_plan,
            dispute=self.dunning_score_dispute,
            events_cap=self.dunning_score_events_cap,
        )

    # EXTENDS base
    def write(self, vals):
        result = super().write(vals)
        if set(SCORE_FIELDS) & vals.keys():  # the debtors' scores follow at once
            self.env.ref("recouvrement_amiable.ir_cron_dunning_payment_scores").sudo()._trigger()
        return result

    @api.constrains("dunning_email_bounce_limit")
    def _check_dunning_email_bounce_limit(self):
        if self.filtered(lambda company: company.dunning_email_bounce_limit < 1):
            raise ValidationError(
                self.env._("At least one bounce is needed to flag an e-mail address invalid.")
            )

    @api.constrains("dunning_court_filing_margin_days")
    def _check_court_filing_margin(self):
        if self.filtered(lambda company: company.dunning_court_filing_margin_days < 0):
            raise ValidationError(self.env._("The margin to file in court cannot be negative."))

    def _dunning_policy(self):
        self.ensure_one()
        # the id of the shipped policy from Odoo's cache: env.ref checks that the record
        # exists, a query for every debtor of a run
        return self.dunning_policy_id or self.env["dunning.policy"].browse(
            self.env["ir.model.data"]._xmlid_to_res_id(
                "recouvrement_amiable.dunning_policy_default", raise_if_not_found=False
            )
        )
