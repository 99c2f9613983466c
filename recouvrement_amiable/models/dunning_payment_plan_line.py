# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import SQL, format_date

from ..rules import prescription, schedule

# Kept by the daily follow-up of the plan, never by hand.
FOLLOW_UP_FIELDS = frozenset({"paid_date", "reminder_date", "paper_notice_requested"})
# The accountant records the date of the registered letter sent to a debtor without e-mail.
LETTER_FIELDS = frozenset({"missed_date"})

# A payment started and left in draft (tab closed…) holds the instalment this long.
DRAFT_TRANSACTION_HOLD = timedelta(hours=1)

PAYMENT_STATES = [
    ("to_pay", "To Pay"),
    ("partial", "Partially Paid"),
    ("paid", "Paid"),
]


class DunningPaymentPlanLine(models.Model):
    """One instalment of a payment plan; payments are allocated in due-date order."""

    _name = "dunning.payment.plan.line"
    _description = "Payment Plan Instalment"
    _order = "plan_id, due_date, sequence, id"

    plan_id = fields.Many2one(
        comodel_name="dunning.payment.plan",
        string="Payment Plan",
        required=True,
        ondelete="cascade",
        index=True,
    )
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="plan_id.currency_id")
    partner_id = fields.Many2one(related="plan_id.partner_id", string="Debtor")
    due_date = fields.Date(required=True)
    amount = fields.Monetary(required=True)
    amount_paid = fields.Monetary(string="Paid", compute="_compute_amount_paid", store=True)
    amount_residual = fields.Monetary(
        string="Still Due", compute="_compute_amount_paid", store=True
    )
    payment_state = fields.Selection(
        selection=PAYMENT_STATES,
        string="Payment",
        compute="_compute_amount_paid",
        store=True,
        index=True,
    )
    is_late = fields.Boolean(string="Late", compute="_compute_is_late")
    paid_date = fields.Date(readonly=True, copy=False)
    reminder_date = fields.Date(
        string="Reminder Sent", readonly=True, copy=False, help="Reminder before the due date."
    )
    missed_date = fields.Date(
        string="Formal Notice Sent",
        copy=False,
        help="Formal notice to pay the instalment, sent when it was still unpaid after the "
        "grace period: e-mailed by the daily job, or the date of the registered letter for a "
        "debtor without e-mail. The plan breaks some days later.",
    )
    paper_notice_requested = fields.Date(
        string="Letter Requested",
        readonly=True,
        copy=False,
        help="The debtor has no e-mail: a to-do asked for the formal notice by letter.",
    )
    event_ids = fields.One2many(
        comodel_name="dunning.prescription.event",
        inverse_name="payment_plan_line_id",
        string="Prescription Events",
    )
    transaction_ids = fields.One2many(
        comodel_name="payment.transaction",
        inverse_name="dunning_plan_line_id",
        string="Online Payments",
        readonly=True,
    )

    # -------------------------------------------------------------------------
    # CRUD METHODS
    # -------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._check_schedule_open()
        return lines

    def write(self, vals):
        internal = self.env["dunning.payment.plan"]._is_internal()
        if FOLLOW_UP_FIELDS & set(vals) and not internal:
            raise UserError(
                self.env._("The follow-up dates of an instalment are kept by the daily job.")
            )
        if LETTER_FIELDS & set(vals):
            self._check_letter_date(vals)
        if set(vals) - FOLLOW_UP_FIELDS - LETTER_FIELDS:
            self._check_schedule_open()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sent(self):
        self._check_schedule_open()

    def _check_schedule_open(self):
        """The schedule is the debtor's commitment: it changes only while the plan is a draft."""
        if self.plan_id.filtered(lambda plan: plan.state != "draft"):
            raise UserError(
                self.env._(
                    "The schedule of a payment plan sent to the debtor cannot be changed: cancel "
                    "the plan and make a new one."
                )
            )

    def _check_letter_date(self, vals):
        today = fields.Date.context_today(self)
        letter_date = fields.Date.to_date(vals["missed_date"])
        for line in self:
            if line.missed_date and line.missed_date != letter_date:
                raise UserError(
                    self.env._(
                        "The formal notice of this instalment is already recorded on %(date)s.",
                        date=format_date(self.env, line.missed_date),
                    )
                )
            if letter_date and (letter_date > today or letter_date < line.due_date):
                raise UserError(
                    self.env._(
                        "The date of the formal notice must be after the due date and not in "
                        "the future."
                    )
                )

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends("plan_id.amount_paid", "plan_id.line_ids.amount", "plan_id.line_ids.due_date")
    def _compute_amount_paid(self):
        # the ORM may recompute only some instalments of a plan (at most 1,000 records at
        # once): the others are assigned only when they are being computed, never written
        computing = set(self._ids)
        for plan in self.plan_id:
            lines = plan.line_ids.sorted(lambda line: (line.due_date, line.sequence, line.id))
            parts = schedule.allocate(
                schedule.to_cents(plan.amount_paid),
                [schedule.to_cents(line.amount) for line in lines],
            )
            for line, part in zip(lines, parts, strict=True):
                if line.id not in computing:
                    continue
                paid = part / 100
                line.amount_paid = paid
                line.amount_residual = line.currency_id.round(line.amount - paid)
                if line.currency_id.is_zero(line.amount_residual):
                    line.payment_state = "paid"
                else:
                    line.payment_state = "partial" if paid else "to_pay"
        orphans = self.filtered(lambda line: not line.plan_id)
        orphans.update({"amount_paid": 0.0, "payment_state": "to_pay"})
        for line in orphans:
            line.amount_residual = line.amount

    @api.depends("due_date", "payment_state")
    @api.depends_context("date")
    def _compute_is_late(self):
        today = fields.Date.context_today(self)
        for line in self:
            line.is_late = (
                line.payment_state != "paid" and bool(line.due_date) and (line.due_date < today)
            )

    @api.depends("plan_id.name", "due_date", "amount")
    def _compute_display_name(self):
        for line in self:
            line.display_name = "%s — %s" % (
                line.plan_id.name or "",
                format_date(self.env, line.due_date),
            )

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _number(self):
        """Rank of the instalment in its plan, 1-based, in due-date order."""
        self.ensure_one()
        lines = self.plan_id.line_ids.sorted(lambda line: (line.due_date, line.sequence, line.id))
        return list(lines).index(self) + 1

    def _portal_history_events(self):
        """``(date, step, label)`` of what happened to these instalments, for the plan's history
        on the portal (``rules.schedule.plan_timeline``): reminder sent before the due date,
        instalment paid, formal notice to pay it."""
        events = []
        for line in self:
            number = line._number()
            if line.reminder_date:
                events.append(
                    (
                        line.reminder_date,
                        "reminder",
                        self.env._("Reminder of instalment %(number)s sent", number=number),
                    )
                )
            if line.paid_date:
                events.append(
                    (
                        line.paid_date,
                        "paid",
                        self.env._("Instalment %(number)s paid", number=number),
                    )
                )
            if line.missed_date:
                events.append(
                    (
                        line.missed_date,
                        "notice",
                        self.env._(
                            "Formal notice to pay instalment %(number)s sent", number=number
                        ),
                    )
                )
        return events

    def _check_payable_online(self):
        """Refuse paying this instalment online when it is not due to anyone any more: plan
        not signed, instalment paid, or another payment of it under way (started less than
        an hour ago, pending, authorized, or done but not yet recorded)."""
        self.ensure_one()
        if self.plan_id.state not in ("signed", "in_progress"):
            raise UserError(self.env._("Only the instalments of a signed plan can be paid."))
        if self.payment_state == "paid":
            raise UserError(self.env._("This instalment is already paid."))
        if self._live_transactions():
            raise UserError(self.env._("A payment of this instalment is already being processed."))

    def _check_debtor_pays(self):
        """Online payments of instalments are the debtor's: its portal users, or a visitor
        whose link the plan's page checked (``dunning.payment.plan._portal_payable_line``).
        Employees register payments in the back-office."""
        if self.env.user._is_public():
            return
        for plan in self.plan_id:
            plan.partner_id._portal_debtor_author()

    def _live_transactions(self):
        """Online payments of these instalments that may still pay them."""
        started = fields.Datetime.now() - DRAFT_TRANSACTION_HOLD
        live = (
            Domain("state", "in", ("pending", "authorized"))
            | (Domain("state", "=", "done") & Domain("is_post_processed", "=", False))
            | (Domain("state", "=", "draft") & Domain("create_date", ">=", started))
        )
        return (
            self.env["payment.transaction"]
            .sudo()
            .search(Domain("dunning_plan_line_id", "in", self.ids) & live)
        )

    def _lock_for_payment(self):
        """Serialize two payments of the same instalment (two tabs): the second request
        waits for the first, then fails to serialize and is retried by the server, when it
        sees the first payment."""
        self.env.cr.execute(
            SQL(
                "UPDATE %s SET write_date = write_date WHERE id IN %s",
                SQL.identifier(self._table),
                tuple(self.ids),
            )
        )

    def _create_payment_events(self):
        """A paid instalment acknowledges the whole debt of the plan: an interruption on
        every invoice of the plan, dated on the payment (art. 2240 C. civ.)."""
        vals_list = [
            {
                "move_id": move.id,
                "event_type": prescription.PARTIAL_PAYMENT,
                "date": max(line.paid_date, move.invoice_date or line.paid_date),
                "note": self.env._(
                    "Instalment %(number)s of payment plan %(plan)s paid",
                    number=line._number(),
                    plan=line.plan_id.name,
                ),
                "payment_plan_id": line.plan_id.id,
                "payment_plan_line_id": line.id,
            }
            for line in self
            for move in line.plan_id.move_ids | line.plan_id.penalty_move_id
        ]
        self.env["dunning.prescription.event"].sudo().create(vals_list)

    def _notify_instalments(self, template_xmlid, date_field, today):
        """E-mail each debtor about its earliest instalment among these; record the date on
        every instalment concerned, so that nothing goes out twice.

        A formal notice (``missed_date``) counts only once sent: for a debtor without e-mail,
        a to-do asks for a registered letter, whose date the accountant records.
        """
        if not self:
            return
        emailed = self.filtered(lambda line: line.plan_id.contact_id.email)
        if date_field == "missed_date":
            (self - emailed)._request_paper_notice(today)
        else:
            emailed = self
        for plan, lines in emailed.grouped("plan_id").items():
            plan.notify_line_id = lines.sorted(lambda line: (line.due_date, line.id))[0]
        emailed.write({date_field: today})
        emailed.plan_id._notify_debtors(template_xmlid)

    def _request_paper_notice(self, today):
        lines = self.filtered(lambda line: not line.paper_notice_requested)
        if not lines:
            return
        lines.paper_notice_requested = today
        for plan in lines.plan_id:
            plan.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Instalment missed: send the formal notice by letter"),
                note=self.env._(
                    "The debtor has no e-mail address. Print the plan, send a formal notice to "
                    "pay the instalment by registered letter, then enter the date of the letter "
                    "in “Formal Notice Sent” on the instalment: the plan breaks after the set "
                    "delay."
                ),
                user_id=plan.partner_id._collection_responsible(plan.company_id).id,
            )
