# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..rules import dunning, phone


class DunningLevel(models.Model):
    """One step of the escalation: when it comes, how the debtor is contacted, what is said."""

    _name = "dunning.level"
    _description = "Dunning Level"
    _order = "policy_id, sequence, id"

    policy_id = fields.Many2one(
        comodel_name="dunning.policy",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(related="policy_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    tone = fields.Selection(
        selection=[
            ("courteous", "Courteous"),
            ("firm", "Firm"),
            ("final", "Final"),
            ("formal_notice", "Formal notice"),
        ],
        default="courteous",
        required=True,
        help="Tone of the letter and e-mail.",
    )
    # When
    delay_days = fields.Integer(
        string="Delay (days)",
        required=True,
        help="Days after the due date, or after the previous level was sent.",
    )
    delay_reference = fields.Selection(
        selection=[
            (dunning.DUE_DATE, "After the due date"),
            (dunning.PREVIOUS_LEVEL, "After the previous level"),
        ],
        string="Counted",
        default=dunning.DUE_DATE,
        required=True,
    )
    min_days_since_contact = fields.Integer(
        string="Minimum Days Since Last Contact",
        default=0,
        help="On top of the company's minimum gap between two contacts with a debtor.",
    )
    # How
    channel_email = fields.Boolean(string="E-mail")
    channel_letter = fields.Boolean(
        string="Letter",
        help="A letter is also prepared when the debtor has no e-mail address.",
    )
    channel_phone = fields.Boolean(
        string="Phone Call",
        help="A call activity for the person responsible for the debtor.",
    )
    channel_sms = fields.Boolean(
        string="SMS",
        help="A short SMS to the debtor's mobile, sent within the calling windows only "
        "(weekdays 10:00-13:00 and 14:00-20:00, never on a public holiday).",
    )
    sms_recipients = fields.Selection(
        selection=[
            (phone.SMS_CONSUMERS, "Consumers Only"),
            (phone.SMS_ALL, "All Debtors"),
        ],
        string="SMS To",
        default=phone.SMS_CONSUMERS,
        required=True,
        help="Consumers only: the SMS goes to individuals; professionals, associations and "
        "public bodies get the level's other channels. All debtors: professionals too.",
    )
    is_formal_notice = fields.Boolean(
        string="Formal Notice",
        help="Mise en demeure (art. 1344 C. civ.), sent by registered letter with "
        "acknowledgement of receipt.",
    )
    is_litigation_handover = fields.Boolean(
        string="End of the Amicable Phase",
        help="Nothing is sent: the debtor is flagged for handover to litigation.",
    )
    needs_approval = fields.Boolean(
        help="The communication waits in the review list until an accountant approves it.",
    )
    allow_late_fees = fields.Boolean(
        string="May Claim Late-payment Costs",
        help="Penalties and the €40 indemnity, for professional and public-law debtors only: "
        "never for consumers nor non-professional legal persons (L111-8 of the Code des "
        "procédures civiles d'exécution).",
    )
    payment_deadline_days = fields.Integer(
        string="Days Given to Pay",
        default=8,
        help="Deadline printed in the letter or formal notice.",
    )
    mail_template_id = fields.Many2one(
        comodel_name="mail.template",
        string="E-mail Template",
        domain="[('model', '=', 'dunning.action')]",
    )
    sms_template_id = fields.Many2one(
        comodel_name="sms.template",
        string="SMS Template",
        domain="[('model', '=', 'dunning.action')]",
        help="Empty: the shipped dunning SMS.",
    )
    letter_report_id = fields.Many2one(
        comodel_name="ir.actions.report",
        domain="[('model', '=', 'dunning.action')]",
    )

    # -------------------------------------------------------------------------
    # CONSTRAINT METHODS
    # -------------------------------------------------------------------------

    @api.constrains("delay_days", "min_days_since_contact", "payment_deadline_days")
    def _check_positive_delays(self):
        for level in self:
            if min(level.delay_days, level.min_days_since_contact, level.payment_deadline_days) < 0:
                raise ValidationError(self.env._("Delays of a dunning level cannot be negative."))

    @api.constrains(
        "channel_email", "channel_letter", "channel_phone", "channel_sms", "is_formal_notice"
    )
    def _check_channel(self):
        for level in self:
            has_channel = (
                level.channel_email
                or level.channel_letter
                or level.channel_phone
                or level.channel_sms
            )
            if not has_channel and not level.is_formal_notice and not level.is_litigation_handover:
                raise ValidationError(
                    self.env._(
                        "The dunning level %(level)s needs a channel: e-mail, letter, phone call, "
                        "SMS or formal notice.",
                        level=level.name,
                    )
                )

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _to_rule(self):
        self.ensure_one()
        return dunning.LevelRule(
            self.id,
            self.delay_days,
            self.delay_reference,
            formal_notice=self.is_formal_notice,
            written=self.channel_email or self.channel_letter,
        )
