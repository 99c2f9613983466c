# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, float_repr, format_date

from ..rules import debtor_category, penalties
from .dunning_action_delivery import DELIVERY_STATUS_FIELDS
from .dunning_action_post import POST_FIELDS
from .dunning_action_sms import SMS_FIELDS
from .dunning_run import empty_history

STATES = [
    ("to_approve", "To Approve"),
    ("sent", "Sent"),
    ("failed", "Failed"),
    ("cancelled", "Cancelled"),
    ("handover", "Litigation Handover"),
]
# A communication moves along these transitions only, through its methods.
TRANSITIONS = {
    "to_approve": ("sent", "cancelled"),
    "sent": ("failed",),
    "failed": ("cancelled",),
}
# Written by the add-on while a communication is delivered; what the debtor got never changes.
DELIVERY_FIELDS = frozenset(
    {
        "state",
        "failure_reason",
        "message_id",
        "letter_state",
        "letter_attachment_id",
        "letter_sha256",
        "call_activity_id",
        "sealed",
        "lrar_sealed",
    }
    | SMS_FIELDS
    | DELIVERY_STATUS_FIELDS
    | POST_FIELDS
)
# Recorded by the accountant once the letter is posted: each one once, never changed.
LRAR_FIELDS = frozenset(
    {
        "lrar_number",
        "lrar_deposit_date",
        "lrar_presentation_date",
        "lrar_status",
        "lrar_receipt_id",
    }
)
WRITE_ONCE_FIELDS = LRAR_FIELDS | {"letter_attachment_id", "letter_sha256"}


class DunningAction(models.Model):
    """One communication to one debtor: the evidence of what was sent, when, for what."""

    _name = "dunning.action"
    _description = "Dunning Communication"
    _inherit = [
        "portal.mixin",
        "mail.thread",
        "dunning.evidence.mixin",
        "dunning.action.sending",
        "dunning.action.letter",
        "dunning.action.sms",
        "dunning.action.delivery",
        "dunning.action.post",
    ]
    _order = "date desc, id desc"
    _check_company_auto = True

    company_id = fields.Many2one(
        comodel_name="res.company", required=True, index=True, readonly=True
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Debtor",
        required=True,
        index=True,
        readonly=True,
    )
    contact_id = fields.Many2one(
        comodel_name="res.partner",
        string="Recipient",
        readonly=True,
        help="Invoicing address of the debtor.",
    )
    level_id = fields.Many2one(
        comodel_name="dunning.level", required=True, readonly=True, index=True
    )
    policy_id = fields.Many2one(related="level_id.policy_id", store=True)
    tone = fields.Selection(related="level_id.tone")
    date = fields.Date(required=True, readonly=True, index=True)
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Done By",
        readonly=True,
        default=lambda self: self.env.user,
    )
    state = fields.Selection(selection=STATES, required=True, readonly=True, tracking=True)
    channel_email = fields.Boolean(string="E-mail", readonly=True)
    channel_letter = fields.Boolean(string="Letter", readonly=True)
    channel_phone = fields.Boolean(string="Phone Call", readonly=True)
    is_formal_notice = fields.Boolean(string="Formal Notice", readonly=True)
    late_fees_allowed = fields.Boolean(
        readonly=True,
        help="The level may claim late-payment costs and the debtor owes them (professionals "
        "and public-law debtors; never consumers nor non-professional legal persons).",
    )
    line_ids = fields.One2many(
        comodel_name="dunning.action.line",
        inverse_name="action_id",
        string="Invoices",
        readonly=True,
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        required=True,
        readonly=True,
        help="Currency of the invoices: a debtor's invoices in another currency make another "
        "communication, amounts are never added across currencies.",
    )
    amount_due = fields.Monetary(compute="_compute_amount_due", store=True, readonly=True)
    missing_rate = fields.Char(
        readonly=True,
        help="Half-year whose rates are missing: late-payment costs could not be computed.",
    )
    penalty_total = fields.Monetary(
        string="Late-payment Penalties", compute="_compute_amount_due", store=True
    )
    indemnity_total = fields.Monetary(
        string="Recovery Indemnities", compute="_compute_amount_due", store=True
    )
    amount_claimed = fields.Monetary(
        compute="_compute_amount_due",
        store=True,
        help="Amount still due, plus penalties and indemnities for professional debtors.",
    )
    legal_interest = fields.Monetary(
        compute="_compute_legal_interest",
        help="Consumers: interest at the legal rate from the receipt of the formal notice (LRAR "
        "first presentation) to today, when the company claims it.",
    )
    has_prior_reminder = fields.Boolean(
        compute="_compute_has_prior_reminder",
        help="A written reminder (e-mail or letter) about these invoices went out before, or "
        "a payment plan on them was broken after its missed-instalment notice: the wording "
        "“despite our reminders” is true.",
    )
    message_id = fields.Many2one(
        comodel_name="mail.message", string="E-mail Message", readonly=True
    )
    failure_reason = fields.Text(readonly=True)
    letter_state = fields.Selection(
        selection=[("to_render", "To Print"), ("rendered", "Printed")],
        readonly=True,
        copy=False,
    )
    letter_attachment_id = fields.Many2one(
        comodel_name="ir.attachment", string="Letter PDF", readonly=True, index="btree_not_null"
    )
    letter_sha256 = fields.Char(
        string="Letter SHA-256",
        readonly=True,
        help="Fingerprint of the PDF sent: proves the stored file is the one the debtor got.",
    )
    # Registered letter with acknowledgement of receipt (LRAR)
    lrar_number = fields.Char(string="Registered Letter Number")
    lrar_deposit_date = fields.Date(string="Posted On")
    lrar_presentation_date = fields.Date(
        string="First Presented On",
        help="Legal interest runs from receipt: the first presentation date when known.",
    )
    lrar_status = fields.Selection(
        selection=[
            ("signed", "Delivered and signed"),
            ("refused", "Refused"),
            ("not_collected", "Not collected"),
        ],
        string="Delivery Status",
    )
    lrar_receipt_id = fields.Many2one(
        comodel_name="ir.attachment",
        string="Signed Acknowledgement (scan)",
        index="btree_not_null",
    )
    call_activity_id = fields.Many2one(
        comodel_name="mail.activity", string="Call", readonly=True, ondelete="set null"
    )
    forced = fields.Boolean(readonly=True)
    force_reason = fields.Text(readonly=True)
    retry_of_id = fields.Many2one(
        comodel_name="dunning.action",
        string="Sent Again From",
        readonly=True,
        index="btree_not_null",
        help="The failed communication whose e-mail this one sent again.",
    )
    retry_ids = fields.One2many(
        comodel_name="dunning.action", inverse_name="retry_of_id", string="Sent Again As"
    )
    sealed = fields.Boolean(
        readonly=True,
        copy=False,
        help="Sealed in the company's evidence chain (Collection > Evidence Integrity).",
    )
    lrar_sealed = fields.Boolean(readonly=True, copy=False)

    _one_contact_a_day = models.UniqueIndex(
        "(partner_id, company_id, currency_id, date) WHERE state IN ('to_approve', 'sent', "
        "'handover') AND retry_of_id IS NULL",
        "A debtor is contacted at most once a day.",
    )

    # -------------------------------------------------------------------------
    # CRUD METHODS
    # -------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        self._check_internal_create()
        # no "created" line in the chatter: the communication's history starts with what was
        # sent (its e-mail, letter, call or SMS), and the run creates thousands at once
        actions = super(DunningAction, self.with_context(mail_create_nolog=True)).create(vals_list)
        return actions.with_env(self.env)

    def write(self, vals):
        if "state" in vals:
            self._check_state_transition(vals["state"], TRANSITIONS)
        if self._is_internal():
            sent = self.filtered(lambda a: a.state != "to_approve")
            self._check_frozen_fields(sent, vals, DELIVERY_FIELDS)
        else:
            self._check_frozen_fields(self, vals, LRAR_FIELDS)
            self._check_lrar_recordable(vals)
            self._check_frozen_fields(self.filtered("lrar_sealed"), vals, ())
        self._check_write_once(vals, WRITE_ONCE_FIELDS)
        result = super().write(vals)
        if vals.get("lrar_receipt_id"):
            self._trigger_sealing()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sent(self):
        if self.filtered(lambda a: a.state != "to_approve"):
            raise UserError(
                self.env._(
                    "A communication that was sent, failed or cancelled is evidence: it cannot "
                    "be deleted."
                )
            )

    def _check_lrar_recordable(self, vals):
        if LRAR_FIELDS & set(vals) and self.filtered(
            lambda a: a.state not in ("sent", "failed") or not a.channel_letter
        ):
            raise UserError(
                self.env._("A registered letter is recorded on a letter once it was sent.")
            )

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    # EXTENDS portal
    def _compute_access_url(self):
        for action in self:
            action.access_url = f"/my/dunning/{action.id}"

    @api.depends("line_ids.amount_residual", "line_ids.penalty_amount", "line_ids.indemnity_amount")
    def _compute_amount_due(self):
        for action in self:
            lines = action.line_ids
            action.amount_due = sum(lines.mapped("amount_residual"))
            action.penalty_total = sum(lines.mapped("penalty_amount"))
            action.indemnity_total = sum(lines.mapped("indemnity_amount"))
            action.amount_claimed = (
                action.amount_due + action.penalty_total + action.indemnity_total
            )

    @api.depends("line_ids.move_id")
    def _compute_has_prior_reminder(self):
        """Whether a written reminder of one of its invoices went out before this one (or the
        invoice is in a broken plan). One query for all the communications at hand."""
        saved = self.filtered("id")
        first = saved._first_written_reminders()
        for action in self:
            action.has_prior_reminder = bool(action.id) and any(
                first.get(move_id, action.id) < action.id for move_id in action.line_ids.move_id.ids
            )

    def _first_written_reminders(self):
        """{invoice id: id of its first e-mail or letter sent, 0 if it is in a broken plan}.

        Lookups by the invoices' ids, no join of the communications: in a large run in one
        transaction PostgreSQL's statistics still describe the tables as they were before
        the run, and any join of the communications with their lines was planned as a walk
        through every earlier communication for each batch (quadratic: minutes at 100k).
        """
        moves = self.line_ids.move_id
        if not moves:
            return {}
        self.env["dunning.action.line"].flush_model(["move_id", "action_id"])
        self.env["dunning.payment.plan"].flush_model(["state", "move_ids"])
        rows = self.env.execute_query(
            SQL(
                """SELECT move_id, action_id
                     FROM dunning_action_line
                    WHERE move_id = ANY(%(moves)s)
                UNION ALL
                   SELECT rel.account_move_id, 0
                     FROM dunning_payment_plan_account_move_rel rel
                     JOIN dunning_payment_plan plan ON plan.id = rel.dunning_payment_plan_id
                    WHERE rel.account_move_id = ANY(%(moves)s)
                      AND plan.state = 'broken'""",
                moves=moves.ids,
            )
        )
        earlier = self.sudo().browse({action_id for _move_id, action_id in rows if action_id})
        written = set(
            earlier.filtered(
                lambda action: (
                    action.state == "sent" and (action.channel_email or action.channel_letter)
                )
            ).ids
        )
        written.add(0)  # in a broken plan
        first = {}
        for move_id, action_id in rows:
            if action_id in written:
                first[move_id] = min(action_id, first.get(move_id, action_id))
        return first

    @api.depends("lrar_presentation_date", "amount_due", "is_formal_notice", "late_fees_allowed")
    @api.depends_context("date")
    def _compute_legal_interest(self):
        today = fields.Date.context_today(self)
        rates = self.env["dunning.interest.rate"]._rates_by_half()
        for action in self:
            claims = (
                action.is_formal_notice
                and action.company_id.dunning_claim_legal_interest
                and not debtor_category.owes_late_costs(action.partner_id.debtor_type)
                and action.lrar_presentation_date
            )
            try:
                action.legal_interest = (
                    float(
                        penalties.legal_interest(
                            action.amount_due, action.lrar_presentation_date, today, rates
                        )
                    )
                    if claims
                    else 0.0
                )
            except penalties.MissingRate:
                action.legal_interest = 0.0

    @api.depends("level_id", "partner_id", "date")
    def _compute_display_name(self):
        for action in self:
            action.display_name = " — ".join(
                part
                for part in (action.level_id.name, action.partner_id.name, str(action.date or ""))
                if part
            )

    # -------------------------------------------------------------------------
    # ACTION METHODS
    # -------------------------------------------------------------------------

    def action_approve(self):
        """Send the communications that waited for approval (review list)."""
        self._check_approver()
        to_send = self.filtered(lambda a: a.state == "to_approve")
        if not to_send:
            raise UserError(self.env._("Select communications waiting for approval."))
        to_send._check_still_collectable()
        refused = to_send._refuse_too_close_to_prescription()
        to_send -= refused
        to_send._check_contact_allowed_today()
        to_send = to_send._internal()
        to_send._refresh_lines(fields.Date.context_today(self))
        to_send._send()
        if refused:
            return {
                "type": "ir.actions.client",
                "tag": "display_notification",
                "params": {
                    "type": "warning",
                    "sticky": True,
                    "message": self.env._(
                        "%(count)s formal notice(s) refused: a debt prescribes before the court "
                        "action could be filed. See the to-dos “File a claim in court before…”.",
                        count=len(refused),
                    ),
                },
            }
        return True

    def action_cancel(self):
        """Give up a communication waiting for approval, or a failed one (kept as it is)."""
        if self.filtered(lambda a: a.state not in ("to_approve", "failed")):
            raise UserError(
                self.env._("Only communications waiting for approval or failed can be cancelled.")
            )
        self._internal().write({"state": "cancelled"})

    def action_retry(self):
        """Send the failed e-mail or SMS of failed communications again, as new
        communications.

        The failed one stays as it was: the evidence of an attempt. The new one goes through
        every check of a first sending (recoverability, prescription, contact cap) and, for
        an SMS, waits for the calling window.
        """
        if self.filtered(
            lambda a: (
                a.letter_post_state == "error" and not a.email_failed and a.sms_state != "error"
            )
        ):
            raise UserError(
                self.env._(
                    "Only the letter of this communication failed: post it again with "
                    "“Retry Posting”."
                )
            )
        if self.filtered(
            lambda a: (
                a.state != "failed"
                or a.retry_ids
                or not (a.channel_email or a.sms_state == "error")
            )
        ):
            raise UserError(
                self.env._("Only failed e-mails or SMS that were not sent again can be sent again.")
            )
        self._check_still_collectable()
        self._check_contact_allowed_today(exclude=self)
        today = fields.Date.context_today(self)
        rates = self.env["dunning.interest.rate"]._rates_by_half()
        retries = self._internal().create(
            [action._prepare_retry_vals(today, rates) for action in self]
        )
        if not retries.line_ids:
            raise UserError(self.env._("Nothing is due any more: there is nothing to send."))
        retries._send()
        return retries

    def action_open_call_result(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "dunning.call.result",
            "view_mode": "form",
            "target": "new",
            "context": {"default_action_id": self.id, "default_partner_id": self.partner_id.id},
        }

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _check_approver(self):
        if not self.env.user.has_group("recouvrement_amiable.group_dunning_approver"):
            raise UserError(
                self.env._(
                    "Only the users allowed to approve formal notices (group “Collection: "
                    "approve formal notices”) can approve and send these communications."
                )
            )

    def _prepare_retry_vals(self, today, rates):
        """The same communication, with the amounts still due today, on the channels that
        failed: the SMS when it failed, the e-mail unless only the SMS failed."""
        self.ensure_one()
        moves = self.line_ids.move_id.filtered(lambda move: move._is_collection_tracked())
        levels = {line.move_id: line for line in self.line_ids}
        run = self.env["dunning.run"]
        costs = (
            run._late_costs(self.partner_id, moves, today, rates) if self.late_fees_allowed else {}
        )
        return {
            "company_id": self.company_id.id,
            "partner_id": self.partner_id.id,
            "contact_id": self.contact_id.id,
            "level_id": self.level_id.id,
            "currency_id": self.currency_id.id,
            "date": today,
            "state": "sent",
            "channel_email": self.channel_email
            and (self.email_failed or self.sms_state != "error"),
            "channel_sms": self.sms_state == "error",
            "is_formal_notice": self.is_formal_notice,
            "late_fees_allowed": self.late_fees_allowed,
            "missing_rate": costs.get("missing"),
            "retry_of_id": self.id,
            "line_ids": [
                Command.create(
                    run._prepare_line_vals(move, levels[move].level_id, today)
                    | {"is_escalation": levels[move].is_escalation}
                    | costs.get(move, {})
                )
                for move in moves
            ],
        }

    # -------------------------------------------------------------------------
    # MAIL GATEWAY
    # -------------------------------------------------------------------------

    # EXTENDS mail
    def _message_receive_bounce(self, email, partner):
        """A bounce of this communication's e-mail came back (Odoo's mail gateway; the
        contact's bounce counter was already raised by Odoo)."""
        result = super()._message_receive_bounce(email, partner)
        self._mark_email_failed(
            self.env._(
                "The e-mail to %(email)s bounced: the recipient's mail server rejected it.",
                email=email,
            ),
            "mail_bounce",
        )
        return result

    # -------------------------------------------------------------------------
    # EVIDENCE
    # -------------------------------------------------------------------------

    def _trigger_sealing(self):
        self.env.ref("recouvrement_amiable.ir_cron_seal_evidence").sudo()._trigger()

    def _evidence_refs(self, kind):
        """Documents sealed with this communication: the e-mail and the letter, or the
        registered letter's signed receipt."""
        self.ensure_one()
        if kind == "lrar":
            return {"attachments": self.lrar_receipt_id.ids}
        return {"messages": self.message_id.ids, "attachments": self.letter_attachment_id.ids}

    def _evidence_content(self, kind, refs):
        self.ensure_one()
        content = {
            "kind": kind,
            "model": self._name,
            "id": self.id,
            "company": self.company_id.id,
            "documents": self._evidence_documents_sha256(refs),
        }
        if kind == "lrar":
            return content | {
                "lrar_number": self.lrar_number or "",
                "posted_on": str(self.lrar_deposit_date or ""),
                "presented_on": str(self.lrar_presentation_date or ""),
                "delivery": self.lrar_status or "",
            }
        digits = self.currency_id.decimal_places

        def amount(value):
            return float_repr(value, digits)

        return content | {
            "debtor": self.partner_id.id,
            "recipient": self.contact_id.id,
            "level": self.level_id.id,
            "date": str(self.date),
            "currency": self.currency_id.name,
            "channels": [self.channel_email, self.channel_letter, self.channel_phone],
            "formal_notice": self.is_formal_notice,
            "late_fees": self.late_fees_allowed,
            "forced": self.forced,
            "force_reason": self.force_reason or "",
            "sent_again_from": self.retry_of_id.id or 0,
            "missing_rate": self.missing_rate or "",
            "letter_sha256": self.letter_sha256 or "",
            "amount_claimed": amount(self.amount_claimed),
            "lines": [
                {
                    "invoice": line.move_id.id,
                    "level": line.level_id.id,
                    "escalation": line.is_escalation,
                    "invoice_date": str(line.invoice_date or ""),
                    "due_date": str(line.invoice_date_due or ""),
                    "days_overdue": line.days_overdue,
                    "total": amount(line.amount_total),
                    "still_due": amount(line.amount_residual),
                    "penalties": amount(line.penalty_amount),
                    "indemnity": amount(line.indemnity_amount),
                }
                for line in self.line_ids.sorted("id")
            ],
        }

    # -------------------------------------------------------------------------
    # SCHEDULED ACTIONS
    # -------------------------------------------------------------------------

    @api.model
    def _cron_run_dunning(self):
        """The daily run's scheduled action as databases installed before the run became the
        ``dunning.run`` service still call it (the scheduled action is ``noupdate`` data)."""
        self.env["dunning.run"]._cron_run()

    # -------------------------------------------------------------------------
    # CHECKS
    # -------------------------------------------------------------------------

    def _first_unrecoverable_move(self):
        """First invoice of this communication that became blocked or prescribed, if any."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        return next(
            (
                move
                for move in self.line_ids.move_id
                if move.is_collection_blocked or move._prescribed_on(today)
            ),
            None,
        )

    def _check_still_collectable(self):
        """Never send a communication about a debt that became blocked or prescribed."""
        for action in self:
            move = action._first_unrecoverable_move()
            if move:
                raise UserError(
                    self.env._(
                        "The communication %(action)s cannot be sent: invoice %(invoice)s is "
                        "no longer recoverable (%(reason)s). Cancel it.",
                        action=action.display_name,
                        invoice=move.name,
                        reason=move.collection_status,
                    )
                )

    def _check_formal_notice_allowed(self):
        """No formal notice on a prescribed, disputed or otherwise blocked debt, nor when a
        debt prescribes before the court action it would announce: say which."""
        for action in self:
            move = action._first_unrecoverable_move()
            if move:
                raise UserError(
                    self.env._(
                        "No formal notice can be generated for %(debtor)s: invoice "
                        "%(invoice)s is not recoverable (%(reason)s).",
                        debtor=action.partner_id.display_name,
                        invoice=move.name,
                        reason=move.collection_status,
                    )
                )
            last_day = action._court_filing_deadline() if action.line_ids else None
            if last_day:
                raise UserError(
                    self.env._(
                        "No formal notice can be generated for %(debtor)s: a debt is "
                        "prescribed on %(date)s, before the end of the payment deadline plus "
                        "the margin to file. A formal notice interrupts nothing: file a claim "
                        "in court before %(date)s.",
                        debtor=action.partner_id.display_name,
                        date=format_date(self.env, last_day),
                    )
                )

    def _check_contact_allowed_today(self, exclude=None):
        """The contact cap, as a run would apply it today (``exclude``: communications that
        do not count, e.g. the failed one being sent again)."""
        today = fields.Date.context_today(self)
        run = self.env["dunning.run"]
        history = run._contact_history(self.partner_id, today, exclude=exclude)
        for action in self:
            past = history.get(action.partner_id.id, empty_history())
            allowed = run._contact_allowed(action.partner_id, action.company_id, past, today)
            if not action.forced and not allowed:
                raise UserError(
                    self.env._(
                        "%(debtor)s was contacted too recently or too often (at most %(max)s "
                        "contacts per 30 days, %(gap)s days apart). A manager may force a "
                        "contact with a reason.",
                        debtor=action.partner_id.display_name,
                        max=action.company_id.dunning_max_contacts,
                        gap=action.company_id.dunning_min_contact_gap,
                    )
                )

    def _refresh_lines(self, today):
        """Approved later than prepared: the communication states the amounts of its day."""
        self._internal().write({"date": today})
        for line in self.line_ids:
            line.write(
                {
                    "days_overdue": (today - line.invoice_date_due).days,
                    "amount_total": line.move_id.amount_total,
                    "amount_residual": line.move_id.amount_residual,
                }
            )
