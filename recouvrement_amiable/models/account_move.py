# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain
from odoo.tools import format_date, formatLang

from ..rules import prescription, recoverability, uploads

DEBT_NATURES = [
    (prescription.STANDARD, "Standard (by debtor type)"),
    (prescription.CARRIAGE, "Carriage of goods (1 year)"),
    (prescription.RESIDENTIAL_RENT, "Residential rent (3 years)"),
]
OPEN_PAYMENT_STATES = ("not_paid", "partial")


class AccountMove(models.Model):
    _inherit = "account.move"

    # The run looks up the open invoices of a batch of debtors (a work unit): without it, each
    # unit scans every invoice of the company (18.6 ms a unit at 10k invoices, 1.9 ms with it).
    _dunning_open_invoices_idx = models.Index(
        "(commercial_partner_id) WHERE move_type = 'out_invoice' AND state = 'posted' "
        "AND payment_state IN ('not_paid', 'partial')"
    )

    # Collection status (recouvrement)
    debtor_type = fields.Selection(related="commercial_partner_id.debtor_type")
    debt_nature = fields.Selection(
        selection=DEBT_NATURES,
        string="Nature of the Debt",
        default=prescription.STANDARD,
        required=True,
        help="A few debts have their own prescription period: carriage of goods (L133-6 C. "
        "com.) and residential rent (art. 7-1 loi du 6 juillet 1989).",
    )
    days_overdue = fields.Integer(
        compute="_compute_days_overdue",
        search="_search_days_overdue",
    )
    # Prescription
    prescription_event_ids = fields.One2many(
        comodel_name="dunning.prescription.event",
        inverse_name="move_id",
        string="Prescription Events",
    )
    prescription_start_date = fields.Date(
        string="Prescription Start",
        compute="_compute_prescription",
        store=True,
        help="Due date, or the invoice date when there is none, or the delivery date when it "
        "is earlier: invoicing late does not push the start back. Carriage: the delivery "
        "date, else the invoice date (L133-6 C. com.). Public-law debtor: the service date, "
        "the four years running from the next 1 January (loi 68-1250).",
    )
    prescription_years = fields.Integer(
        string="Prescription Period (years)",
        compute="_compute_prescription",
        store=True,
    )
    prescription_date = fields.Date(
        compute="_compute_prescription",
        store=True,
        index="btree_not_null",
        help="Last day on which the debt can still be claimed. Only an acknowledgement, a "
        "payment, a signed payment plan, a court claim or an enforcement act interrupts it; "
        "reminders and formal notices do not.",
    )
    prescription_review_needed = fields.Boolean(
        string="Prescription to Review",
        compute="_compute_prescription",
        store=True,
        help="An event (often a payment) came after the prescription date: it revives nothing.",
    )
    is_in_litigation = fields.Boolean(
        string="In Litigation",
        compute="_compute_prescription",
        store=True,
        help="A court claim was filed: the amicable phase is over.",
    )
    is_prescription_imminent = fields.Boolean(
        string="Imminent Prescription",
        compute="_compute_is_prescription_imminent",
        search="_search_is_prescription_imminent",
        help="Recoverable, and the prescription date falls within the company's alert delay: "
        "go to court (or obtain an acknowledgement) before it.",
    )
    prescription_alert_date = fields.Date(
        readonly=True,
        copy=False,
        help="Prescription date for which the imminent-prescription activity was created.",
    )
    is_prescribed = fields.Boolean(
        string="Prescribed",
        compute="_compute_is_prescribed",
        search="_search_is_prescribed",
    )
    # Blocking
    is_disputed = fields.Boolean(string="Disputed", copy=False, tracking=True)
    dispute_date = fields.Date(copy=False)
    dispute_reason = fields.Text(copy=False)
    is_collection_blocked = fields.Boolean(
        string="Collection Blocked",
        compute="_compute_is_collection_blocked",
        store=True,
        help="Disputed, in litigation, or the debtor is in insolvency proceedings or "
        "over-indebtedness.",
    )
    collection_status = fields.Char(
        compute="_compute_collection_status",
    )
    is_recoverable = fields.Boolean(
        string="Recoverable",
        compute="_compute_collection_status",
        search="_search_is_recoverable",
        help="Certain, liquid and due: not disputed, not frozen, not prescribed.",
    )
    claim_declaration_deadline = fields.Date(
        related="commercial_partner_id.claim_declaration_deadline"
    )
    # Dunning
    dunning_level_id = fields.Many2one(
        comodel_name="dunning.level",
        compute="_compute_dunning_level",
        store=True,
        index="btree_not_null",
        help="Last dunning level reached by this invoice, from the communications sent.",
    )
    dunning_last_date = fields.Date(
        string="Last Dunning", compute="_compute_dunning_level", store=True
    )
    dunning_action_line_ids = fields.One2many(
        comodel_name="dunning.action.line", inverse_name="move_id", string="Dunning History"
    )
    dunning_action_count = fields.Integer(compute="_compute_dunning_action_count")
    dunning_resume_level_id = fields.Many2one(
        comodel_name="dunning.level",
        string="Resume Dunning At",
        readonly=True,
        copy=False,
        help="Set when a payment plan is broken: dunning resumes at this level (formal "
        "notice) instead of starting over.",
    )
    # Payment plans
    payment_plan_id = fields.Many2one(
        comodel_name="dunning.payment.plan",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The active payment plan (échéancier) of this invoice: while it is proposed or "
        "respected, dunning leaves the invoice alone.",
    )
    payment_plan_state = fields.Selection(related="payment_plan_id.state", string="Plan Status")

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    def _is_collection_tracked(self):
        self.ensure_one()
        return (
            self.move_type == "out_invoice"
            and self.state == "posted"
            and self.payment_state in OPEN_PAYMENT_STATES
        )

    @api.depends("invoice_date_due", "state", "payment_state", "move_type")
    @api.depends_context("date")
    def _compute_days_overdue(self):
        today = fields.Date.context_today(self)
        for move in self:
            tracked = move._is_collection_tracked()
            move.days_overdue = (
                prescription.days_overdue(move.invoice_date_due, today) if tracked else 0
            )

    def _search_days_overdue(self, operator, value):
        # days_overdue > N  <=>  due date < today - N
        flipped = {">": "<", ">=": "<=", "<": ">", "<=": ">=", "in": "in"}.get(operator)
        if not flipped:
            return NotImplemented
        today = fields.Date.context_today(self)
        if operator == "in":
            due_dates = [fields.Date.subtract(today, days=int(days)) for days in value]
            return self._open_invoice_domain() & Domain("invoice_date_due", "in", due_dates)
        due_date = fields.Date.subtract(today, days=int(value))
        return self._open_invoice_domain() & Domain("invoice_date_due", flipped, due_date)

    @api.depends(
        "move_type",
        "state",
        "invoice_date",
        "invoice_date_due",
        "delivery_date",
        "debt_nature",
        "commercial_partner_id.debtor_type",
        "prescription_event_ids.event_type",
        "prescription_event_ids.date",
        "prescription_event_ids.end_date",
    )
    def _compute_prescription(self):
        for move in self:
            start = move._prescription_start()
            if move.move_type != "out_invoice" or move.state != "posted" or not start:
                move.update(self._empty_prescription_values())
                continue
            result = move._prescription_result()
            move.update(
                {
                    "prescription_start_date": start,
                    "prescription_years": move._prescription_period(),
                    "prescription_date": result.deadline,
                    "prescription_review_needed": result.needs_review,
                    "is_in_litigation": result.litigation,
                }
            )

    @api.model
    def _empty_prescription_values(self):
        return {
            "prescription_start_date": False,
            "prescription_years": 0,
            "prescription_date": False,
            "prescription_review_needed": False,
            "is_in_litigation": False,
        }

    @api.depends("prescription_date", "payment_state")
    @api.depends_context("date")
    def _compute_is_prescribed(self):
        today = fields.Date.context_today(self)
        for move in self:
            move.is_prescribed = move._is_collection_tracked() and prescription.is_prescribed(
                move.prescription_date, today
            )

    def _search_is_prescribed(self, operator, value):
        if operator != "in":
            return NotImplemented
        prescribed = self._open_invoice_domain() & Domain(
            "prescription_date", "<", fields.Date.context_today(self)
        )
        if True in value:
            return prescribed
        return ~prescribed

    @api.depends("prescription_date", "is_collection_blocked", "payment_state")
    @api.depends_context("date")
    def _compute_is_prescription_imminent(self):
        today = fields.Date.context_today(self)
        for move in self:
            horizon = fields.Date.add(
                today, days=move.company_id.litigation_prescription_alert_days
            )
            move.is_prescription_imminent = bool(
                move._is_collection_tracked()
                and not move.is_collection_blocked
                and move.prescription_date
                and today <= move.prescription_date <= horizon
            )

    def _search_is_prescription_imminent(self, operator, value):
        if operator != "in":
            return NotImplemented
        imminent = self._prescription_imminent_domain(fields.Date.context_today(self))
        return imminent if True in value else ~imminent

    @api.model
    def _prescription_imminent_domain(self, today):
        """Recoverable invoices whose prescription date falls within their company's delay."""
        delays = (
            self.env["res.company"]
            .sudo()
            ._read_group([], ["litigation_prescription_alert_days"], ["id:array_agg"])
        )
        by_company = Domain.OR(
            Domain("company_id", "in", company_ids)
            & Domain("prescription_date", "<=", fields.Date.add(today, days=days or 0))
            for days, company_ids in delays
        )
        return (
            self._open_invoice_domain()
            & Domain("is_collection_blocked", "=", False)
            & Domain("prescription_date", ">=", today)
            & by_company
        )

    @api.depends("is_disputed", "is_in_litigation", "commercial_partner_id.collection_freeze")
    def _compute_is_collection_blocked(self):
        for move in self:
            move.is_collection_blocked = bool(
                move.is_disputed
                or move.is_in_litigation
                or move.commercial_partner_id.collection_freeze
            )

    @api.depends(
        "is_disputed",
        "is_in_litigation",
        "is_prescribed",
        "commercial_partner_id.collection_freeze",
        "payment_state",
        "payment_plan_id.state",
    )
    @api.depends_context("date")
    def _compute_collection_status(self):
        labels = self._blocking_reason_labels()
        for move in self:
            reasons = move._blocking_reasons()
            move.is_recoverable = move._is_collection_tracked() and not reasons
            if reasons:
                move.collection_status = ", ".join(labels[r] for r in reasons)
            elif move.is_recoverable and move._is_in_pausing_plan():
                move.collection_status = self.env._("Payment plan %s", move.payment_plan_id.name)
            else:
                move.collection_status = self.env._("Recoverable") if move.is_recoverable else False

    def _search_is_recoverable(self, operator, value):
        if operator != "in":
            return NotImplemented
        recoverable = (
            self._open_invoice_domain()
            & Domain("is_collection_blocked", "=", False)
            & (
                Domain("prescription_date", "=", False)
                | Domain("prescription_date", ">=", fields.Date.context_today(self))
            )
        )
        return recoverable if True in value else ~recoverable

    @api.depends(
        "dunning_action_line_ids.is_escalation",
        "dunning_action_line_ids.action_id.state",
        "dunning_action_line_ids.action_id.date",
    )
    def _compute_dunning_level(self):
        for move in self:
            reached = move.dunning_action_line_ids.filtered(lambda line: line._counts_as_reached())
            last = max(reached, key=lambda line: (line.action_id.date, line.id), default=None)
            move.dunning_level_id = last.level_id if last else False
            move.dunning_last_date = last.action_id.date if last else False

    def _compute_dunning_action_count(self):
        counts = dict(
            self.env["dunning.action.line"]._read_group(
                [("move_id", "in", self.ids)], groupby=["move_id"], aggregates=["__count"]
            )
        )
        for move in self:
            move.dunning_action_count = counts.get(move, 0)

    # -------------------------------------------------------------------------
    # ACTION METHODS
    # -------------------------------------------------------------------------

    def _action_dunning_run(self):
        """Server action "Relancer" (and partner button): dun the selected invoices now."""
        actions = self.env["dunning.run"]._run(moves=self)
        message = (
            self.env._("%(count)s communication(s) prepared.", count=len(actions))
            if actions
            else self.env._(
                "Nothing to send: no invoice is due for a new level, or the debtors were "
                "contacted too recently."
            )
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": message,
                "type": "success" if actions else "warning",
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def action_view_dunning_actions(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "recouvrement_amiable.action_dunning_action"
        )
        action["domain"] = [("line_ids.move_id", "in", self.ids)]
        return action

    def action_create_payment_plan(self):
        """List action and partner button: the payment plan wizard on these invoices."""
        return self.env["dunning.payment.plan.wizard"]._action_open(self)

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _mark_disputed(self, reason):
        """Disputed today for ``reason``: blocked from dunning until the dispute is settled."""
        self.write(
            {
                "is_disputed": True,
                "dispute_date": fields.Date.context_today(self),
                "dispute_reason": reason,
            }
        )

    def _portal_debtor_author(self, token_record=None, access_token=None):
        """The partner acting on the portal for the one debtor of these invoices, or a
        refusal. A visitor with a link (``token_record``: a communication) acts only on the
        invoices that communication lists."""
        debtor = self.commercial_partner_id
        if len(debtor) != 1:
            raise AccessError(self.env._("Select invoices of one customer."))
        author = debtor._portal_debtor_author(token_record, access_token)
        if self.env.user._is_public() and self - token_record._portal_invoices():
            raise AccessError(self.env._("This invoice is not part of this reminder."))
        return author

    def _dispute_from_portal(
        self, reason, attachment=None, token_record=None, access_token=None, ip_address=None
    ):
        """The debtor disputes the invoice online: dunning stops, the accountant reviews it.

        Only the debtor disputes (its portal user, or a visitor with the link of a
        communication listing the invoice). ``attachment``: optional (file name, bytes), a
        PDF, PNG or JPEG of 10 MB at most. An invoice of a signed payment plan also opens a
        review of the plan, which keeps running meanwhile.
        """
        self.ensure_one()
        author = self._portal_debtor_author(token_record, access_token)
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Tell us why you dispute this invoice."))
        if not self._is_collection_tracked():
            raise UserError(self.env._("Only an unpaid invoice can be disputed."))
        if self.is_disputed:
            raise UserError(self.env._("This invoice is already disputed."))
        document = None
        if attachment and attachment[1]:
            try:
                document = uploads.check_dispute_file(attachment[0], attachment[1])
            except uploads.UploadError as error:
                raise self.env["ir.attachment"]._dunning_upload_error(error) from error
        self._track_set_author(author)
        self._mark_disputed(reason)
        attachments = self.env["ir.attachment"]
        if document:
            attachments = attachments.create(
                {
                    "name": document[0],
                    "raw": attachment[1],
                    "mimetype": document[1],
                    "res_model": self._name,
                    "res_id": self.id,
                }
            )
        self.message_post(
            body=self.env._(
                "Disputed by the customer on the portal (IP address %(ip)s): %(reason)s",
                ip=ip_address or "?",
                reason=reason,
            ),
            attachment_ids=attachments.ids,
            author_id=author.id,
        )
        self.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=self.env._("Invoice disputed on the portal"),
            note=reason,
            user_id=self.commercial_partner_id._collection_responsible(self.company_id).id,
        )
        self.payment_plan_id._review_dispute(self, author, reason)
        return True

    def _is_in_pausing_plan(self):
        self.ensure_one()
        return self.payment_plan_id.state in ("proposed", "signed", "in_progress")

    def _prescribed_on(self, day):
        self.ensure_one()
        return prescription.is_prescribed(self.prescription_date, day)

    @api.model
    def _open_invoice_domain(self):
        return Domain(
            [
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("payment_state", "in", OPEN_PAYMENT_STATES),
            ]
        )

    def _debtor_category_key(self):
        self.ensure_one()
        return self.commercial_partner_id.debtor_type or prescription.PROFESSIONAL

    def _prescription_start(self):
        """Start of the period. Public-law debtor: the service date (delivery, else invoice
        date); the four years run from the next 1 January (loi 68-1250)."""
        self.ensure_one()
        if prescription.quadrennial(self._debtor_category_key()):
            return self.delivery_date or self.invoice_date or self.invoice_date_due
        return prescription.prescription_start(
            self.invoice_date_due, self.invoice_date, self.delivery_date, self.debt_nature
        )

    def _prescription_period(self):
        self.ensure_one()
        return prescription.prescription_years(self._debtor_category_key(), self.debt_nature)

    def _written_request_events(self):
        """Our reminders and formal notices that went out in writing (e-mail or letter)."""
        self.ensure_one()
        return [
            prescription.Event(prescription.WRITTEN_REQUEST, line.action_id.date)
            for line in self.dunning_action_line_ids
            if (line.action_id.state == "sent" and line.action_id.channel_email)
            or (line.action_id.state in ("sent", "failed") and line.action_id.channel_letter)
        ]

    def _refresh_public_prescription(self):
        """A written request for payment interrupts a public-law debtor's prescription: the
        dates of those invoices are computed again (the others never depend on it)."""
        public = self.filtered(lambda move: prescription.quadrennial(move._debtor_category_key()))
        if public:
            self.env.add_to_compute(self._fields["prescription_date"], public)
            public._recompute_recordset(["prescription_date"])

    def _prescription_result(self):
        """Apply the rules to this invoice's start, period and events."""
        self.ensure_one()
        start = self._prescription_start()
        if not start:
            return prescription.PrescriptionResult(None)
        quadrennial = prescription.quadrennial(self._debtor_category_key())
        events = [event._to_rule_event() for event in self.prescription_event_ids]
        if quadrennial:
            events += self._written_request_events()
        return prescription.compute_prescription(
            start,
            self._prescription_period(),
            events,
            as_of=fields.Date.context_today(self),
            from_january_after=quadrennial,
        )

    def _blocking_reasons(self):
        self.ensure_one()
        return recoverability.blocking_reasons(
            disputed=self.is_disputed,
            debtor_block=self.commercial_partner_id.collection_freeze or None,
            prescribed=self.is_prescribed,
            litigation=self.is_in_litigation,
        )

    def _blocking_reason_labels(self):
        return {
            recoverability.LITIGATION: self.env._("In litigation"),
            recoverability.PRESCRIBED: self.env._("Prescribed"),
            recoverability.INSOLVENCY: self.env._("Debtor in insolvency proceedings"),
            recoverability.OVER_INDEBTEDNESS: self.env._("Debtor over-indebted"),
            recoverability.DISPUTED: self.env._("Disputed"),
        }

    def _schedule_court_filing(self, last_day):
        """To-do “File a claim in court before …” on each invoice (once per day and invoice):
        its prescription is too close for a formal notice, which interrupts nothing."""
        todo = self.env.ref("mail.mail_activity_data_todo")
        for move in self:
            summary = self.env._(
                "File a claim in court before %(date)s", date=format_date(self.env, last_day)
            )
            if any(activity.summary == summary for activity in move.activity_ids):
                continue
            company = move.company_id
            debtor = move.commercial_partner_id
            responsible = debtor.user_id or company.dunning_responsible_id or self.env.user
            move.sudo().activity_schedule(
                activity_type_id=todo.id,
                date_deadline=last_day,
                summary=summary,
                note=self.env._(
                    "This debt is prescribed after %(date)s. A formal notice or a reminder "
                    "interrupts nothing: only a claim in court or the debtor's acknowledgement "
                    "does.",
                    date=format_date(self.env, last_day),
                ),
                user_id=responsible.id,
            )

    @api.model
    def _cron_prescription_alerts(self):
        """An activity for every recoverable invoice close to its prescription date, once per
        prescription date (a new date after an interruption gets its own alert)."""
        today = fields.Date.context_today(self)
        moves = self.search(self._prescription_imminent_domain(today)).filtered(
            lambda move: move.prescription_alert_date != move.prescription_date
        )
        todo = self.env.ref("mail.mail_activity_data_todo")
        for move in moves:
            move.activity_schedule(
                activity_type_id=todo.id,
                date_deadline=move.prescription_date,
                summary=self.env._(
                    "Prescription on %(date)s: go to court before",
                    date=format_date(self.env, move.prescription_date),
                ),
                note=self.env._(
                    "%(amount)s still due on %(invoice)s (%(debtor)s) will be prescribed after "
                    "%(date)s. Reminders and formal notices do not interrupt prescription: only a "
                    "court claim or the debtor's acknowledgement does.",
                    amount=formatLang(
                        self.env, move.amount_residual, currency_obj=move.currency_id
                    ),
                    invoice=move.name,
                    debtor=move.commercial_partner_id.display_name,
                    date=format_date(self.env, move.prescription_date),
                ),
                user_id=move.commercial_partner_id._collection_responsible(move.company_id).id,
            )
        for day, group in moves.grouped("prescription_date").items():
            group.write({"prescription_alert_date": day})
        return moves

    @api.model
    def _cron_refresh_open_suspensions(self):
        """An open suspension counts until today: refresh those prescription dates daily."""
        events = self.env["dunning.prescription.event"].search(
            [("event_type", "=", prescription.SUSPENSION), ("end_date", "=", False)]
        )
        self.env.add_to_compute(self._fields["prescription_date"], events.move_id)
        events.move_id._recompute_recordset(["prescription_date"])
