# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_repr

from ..rules import debtor_category, payment, schedule
from .dunning_payment_plan_creation import ACTIVE_STATES
from .dunning_payment_plan_tracking import RUNNING_STATES

STATES = [
    ("draft", "Draft"),
    ("proposed", "Proposed"),
    ("signed", "Signed"),
    ("in_progress", "In Progress"),
    ("completed", "Completed"),
    ("broken", "Broken"),
    ("cancelled", "Cancelled"),
]
FREQUENCIES = [
    (schedule.WEEKLY, "Weekly"),
    (schedule.MONTHLY, "Monthly"),
    (schedule.QUARTERLY, "Quarterly"),
    ("custom", "Custom Dates"),
]
# While the plan is proposed or respected, the dunning run leaves its invoices alone.
PAUSING_STATES = ("proposed", "signed", "in_progress")
# A plan moves along these transitions only, through its methods.
TRANSITIONS = {
    "draft": ("proposed", "signed", "cancelled"),
    "proposed": ("signed", "cancelled"),
    "signed": ("in_progress", "completed", "broken", "cancelled"),
    "in_progress": ("completed", "broken", "cancelled"),
    "completed": ("in_progress",),  # a payment was unreconciled
}
# The signature and what it acknowledged: recorded once, never changed.
SIGNATURE_FIELDS = frozenset(
    {
        "proposal_date",
        "proposal_deadline",
        "signed_by",
        "signed_on",
        "signed_words",
        "signed_figures",
        "signature",
        "signature_ip",
        "signed_scan_id",
        "signed_pdf_id",
        "penalty_move_id",
    }
)
# What the plan's methods still record once it was sent to the debtor; the terms never change.
TRACKING_FIELDS = SIGNATURE_FIELDS | {
    "state",
    "notify_line_id",
    "completed_date",
    "broken_date",
    "cancel_reason",
    "sealed",
}


class DunningPaymentPlan(models.Model):
    """A payment plan (échéancier): instalments the debtor commits to, an acknowledgement of
    the debt once signed (art. 2240 C. civ.), tracked against the payments of its invoices."""

    _name = "dunning.payment.plan"
    _description = "Payment Plan"
    _inherit = [
        "portal.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "dunning.evidence.mixin",
        "dunning.payment.plan.creation",
        "dunning.payment.plan.portal",
        "dunning.payment.plan.signature",
        "dunning.payment.plan.tracking",
    ]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", required=True, readonly=True, copy=False, default="/")
    state = fields.Selection(
        selection=STATES, required=True, default="draft", readonly=True, tracking=True, index=True
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        readonly=True,
        index=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(comodel_name="res.currency", required=True, readonly=True)
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Debtor",
        required=True,
        readonly=True,
        index=True,
        check_company=True,
    )
    debtor_type = fields.Selection(related="partner_id.debtor_type")
    contact_id = fields.Many2one(
        comodel_name="res.partner",
        compute="_compute_contact_id",
        help="Who receives the plan and its reminders: the debtor's invoicing contact.",
    )
    user_id = fields.Many2one(
        comodel_name="res.users", string="Responsible", default=lambda self: self.env.user
    )
    date = fields.Date(required=True, readonly=True, default=fields.Date.context_today)
    move_ids = fields.Many2many(
        comodel_name="account.move",
        relation="dunning_payment_plan_account_move_rel",
        string="Invoices",
        readonly=True,
        check_company=True,
    )
    penalty_move_id = fields.Many2one(
        comodel_name="account.move",
        string="Late Costs Invoice",
        readonly=True,
        copy=False,
        help="Invoice of the late-payment penalties and €40 indemnities the debtor "
        "acknowledged, created when the plan is signed.",
    )
    frequency = fields.Selection(selection=FREQUENCIES, required=True, default=schedule.MONTHLY)
    amount_invoices = fields.Monetary(string="Invoices Still Due", readonly=True)
    acknowledged_amounts = fields.Json(
        string="Amounts Acknowledged per Invoice",
        readonly=True,
        copy=False,
        help="Amount still due of each invoice when the plan was made: the amounts the debtor "
        "acknowledges, printed on the plan whatever is paid later.",
    )
    amount_late_costs = fields.Monetary(
        string="Penalties and Indemnities",
        readonly=True,
        help="Late-payment penalties and €40 recovery indemnities (professional debtors only).",
    )
    amount_total = fields.Monetary(string="Amount Acknowledged", readonly=True)
    amount_total_words = fields.Char(
        string="Amount in Words", compute="_compute_amount_total_words"
    )
    amount_paid = fields.Monetary(string="Paid", compute="_compute_amount_paid", store=True)
    amount_remaining = fields.Monetary(
        string="Remaining", compute="_compute_amount_paid", store=True
    )
    needs_amendment = fields.Boolean(
        string="To Amend",
        compute="_compute_amount_paid",
        store=True,
        help="The debt of the plan changed otherwise than by payments (credit note, write-off, "
        "invoice reset to draft): no reminder and no breach until the plan is amended.",
    )
    line_ids = fields.One2many(
        comodel_name="dunning.payment.plan.line",
        inverse_name="plan_id",
        string="Instalments",
        copy=False,
    )
    instalment_count = fields.Integer(compute="_compute_schedule_info")
    first_due_date = fields.Date(compute="_compute_schedule_info")
    last_due_date = fields.Date(compute="_compute_schedule_info")
    next_line_id = fields.Many2one(
        comodel_name="dunning.payment.plan.line",
        string="Next Instalment",
        compute="_compute_schedule_info",
    )
    exceeds_grace_cap = fields.Boolean(
        string="Longer than 24 Months",
        compute="_compute_schedule_info",
        help="Courts cap grace periods at two years (art. 1343-5 C. civ.); a contractual plan "
        "may be longer, but the debtor could not get it from a judge.",
    )
    notify_line_id = fields.Many2one(
        comodel_name="dunning.payment.plan.line",
        string="Instalment Notified",
        readonly=True,
        copy=False,
        help="The instalment the last reminder e-mail was about.",
    )
    # Proposal and signature
    proposal_date = fields.Date(readonly=True, copy=False)
    proposal_deadline = fields.Date(
        string="Proposal Valid Until",
        readonly=True,
        copy=False,
        help="Not signed by then, the proposal is cancelled and dunning resumes.",
    )
    signed_by = fields.Char(readonly=True, copy=False)
    signed_on = fields.Date(string="Signature Date", readonly=True, copy=False)
    signed_figures = fields.Char(
        string="Amount Written in Figures",
        readonly=True,
        copy=False,
        help="The amount as the debtor typed it in figures when signing on the portal.",
    )
    signed_words = fields.Char(
        string="Amount Written by the Debtor",
        readonly=True,
        copy=False,
        help="The amount in words as the debtor wrote it (art. 1376 C. civ.).",
    )
    signature = fields.Image(readonly=True, copy=False, attachment=True, max_width=1024)
    signature_ip = fields.Char(string="Signature IP Address", readonly=True, copy=False)
    signed_scan_id = fields.Many2one(
        comodel_name="ir.attachment", string="Signed Plan (scan)", readonly=True, copy=False
    )
    signed_pdf_id = fields.Many2one(
        comodel_name="ir.attachment",
        string="Plan as Signed (PDF)",
        readonly=True,
        copy=False,
        help="The plan printed at the signature, kept unchanged as evidence.",
    )
    requested_on_portal = fields.Boolean(
        readonly=True, copy=False, help="Asked for by the customer on the portal."
    )
    broken_date = fields.Date(readonly=True, copy=False)
    completed_date = fields.Date(readonly=True, copy=False)
    cancel_reason = fields.Char(readonly=True, copy=False)
    sealed = fields.Boolean(
        readonly=True,
        copy=False,
        help="Sealed in the company's evidence chain (Collection > Evidence Integrity).",
    )

    _amount_total_positive = models.Constraint(
        "CHECK(amount_total > 0)", "The amount of a payment plan must be positive."
    )

    # -------------------------------------------------------------------------
    # CRUD METHODS
    # -------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self._is_internal() and any(
            vals.get("state", "draft") != "draft" or TRACKING_FIELDS & set(vals) - {"state"}
            for vals in vals_list
        ):
            raise UserError(
                self.env._("A payment plan starts as a draft: it is proposed and signed later.")
            )
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("dunning.payment.plan") or "/"
        for vals in vals_list:
            # computed here from the invoices, never taken from the caller
            vals.pop("acknowledged_amounts", None)
        plans = super().create(vals_list)
        plans._freeze_acknowledged_amounts()
        plans._check_schedule_sum()
        for plan in plans:
            taken = plan.move_ids.filtered(lambda move: move.payment_plan_id.state in ACTIVE_STATES)
            if taken:
                raise ValidationError(
                    self.env._(
                        "Invoice %(invoice)s is already in payment plan %(plan)s.",
                        invoice=taken[0].name,
                        plan=taken[0].payment_plan_id.name,
                    )
                )
            plan.move_ids.sudo().payment_plan_id = plan
        return plans

    def write(self, vals):
        if "state" in vals:
            self._check_state_transition(vals["state"], TRANSITIONS)
        sent = self.filtered(lambda plan: plan.state != "draft")
        # the instalments guard their own fields (the schedule never changes once sent)
        user_fields = {"user_id", "line_ids"}
        allowed = TRACKING_FIELDS | user_fields if self._is_internal() else user_fields
        self._check_frozen_fields(sent, vals, allowed)
        self._check_write_once(vals, SIGNATURE_FIELDS)
        if "acknowledged_amounts" in vals and not self._is_internal():
            raise UserError(
                self.env._("The amounts acknowledged come from the invoices of the plan.")
            )
        res = super().write(vals)
        if "move_ids" in vals:
            self.filtered(lambda plan: plan.state == "draft")._freeze_acknowledged_amounts()
        return res

    def _freeze_acknowledged_amounts(self):
        """Record the amount still due of each invoice as the plan counts it: the plan as
        signed shows these amounts, not what is left to pay on the day it is printed."""
        for plan in self._internal():
            plan.write(
                {
                    "acknowledged_amounts": {
                        str(move.id): move.amount_residual for move in plan.move_ids
                    }
                }
            )

    def _breach_days(self):
        """Days after the missed-instalment notice before the plan lapses: longer for
        consumers and non-professional legal persons (rules/debtor_category.py)."""
        self.ensure_one()
        return debtor_category.acceleration_notice_days(
            self.debtor_type,
            self.company_id.payment_plan_breach_days,
            self.company_id.payment_plan_consumer_breach_days,
        )

    def _acknowledged_rows(self):
        """(invoice, amount acknowledged) in the plan's order; plans made before the amounts
        were recorded fall back to the amount still due."""
        self.ensure_one()
        frozen = self.acknowledged_amounts or {}
        return [
            (move, frozen.get(str(move.id), move.amount_residual))
            for move in self.move_ids.sorted(lambda m: (m.invoice_date_due or m.date, m.id))
        ]

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if any(plan.state != "draft" for plan in self):
            raise UserError(
                self.env._(
                    "A payment plan sent to the debtor is evidence: it cannot be deleted. "
                    "Only a draft can be deleted; cancel the others."
                )
            )

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    # EXTENDS portal
    def _compute_access_url(self):
        for plan in self:
            plan.access_url = f"/my/payment_plans/{plan.id}"

    def _get_report_base_filename(self):
        # EXTENDS portal: name of the PDF downloaded from the portal
        self.ensure_one()
        return self.env._("Payment Plan %s", self.name)

    @api.depends("partner_id")
    def _compute_contact_id(self):
        for plan in self:
            plan.contact_id = plan.partner_id._dunning_contact()

    @api.depends("amount_total", "currency_id")
    def _compute_amount_total_words(self):
        for plan in self:
            plan.amount_total_words = payment.amount_in_words_fr(plan.amount_total)

    @api.depends(
        "state",
        "amount_total",
        "amount_late_costs",
        "move_ids.amount_residual",
        "move_ids.state",
        "penalty_move_id.amount_residual",
    )
    def _compute_amount_paid(self):
        """What the debtor paid towards the plan: real payments (payments, bank statement
        lines) reconciled with its invoices since the plan was made, never credit notes.

        A debt that fell otherwise (credit note, write-off, invoice reset to draft) marks the
        plan to amend: it is not the debtor's payment and interrupts nothing.
        """
        paid_by_plan = self._paid_by_payments()
        for plan in self:
            paid = plan.currency_id.round(paid_by_plan.get(plan.id, 0.0))
            plan.amount_paid = min(max(paid, 0.0), plan.amount_total)
            plan.amount_remaining = plan.amount_total - plan.amount_paid
            outstanding = sum(plan.move_ids.mapped("amount_residual"))
            if plan.penalty_move_id:
                outstanding += plan.penalty_move_id.amount_residual
            else:
                outstanding += plan.amount_late_costs
            reduced = plan.currency_id.compare_amounts(outstanding, plan.amount_remaining) < 0
            unposted = any(move.state != "posted" for move in plan.move_ids)
            plan.needs_amendment = plan.state in RUNNING_STATES and (reduced or unposted)

    def _paid_by_payments(self):
        """{plan id: amount of the payments reconciled with its invoices since its creation}."""
        plans = self.filtered(lambda plan: isinstance(plan.id, int) and plan.create_date)
        moves = plans.move_ids | plans.penalty_move_id
        if not moves:
            return {}
        partials = (
            self.env["account.partial.reconcile"]
            .sudo()
            .search([("debit_move_id.move_id", "in", moves.ids)])
        )
        payments_by_move = partials.filtered(
            lambda partial: partial._is_customer_invoice_payment()
        ).grouped(lambda partial: partial.debit_move_id.move_id)
        return {
            plan.id: sum(
                partial.debit_amount_currency
                for move in plan.move_ids | plan.penalty_move_id
                for partial in payments_by_move.get(move, [])
                if partial.create_date >= plan.create_date
            )
            for plan in plans
        }

    @api.depends("line_ids.due_date", "line_ids.payment_state", "date")
    def _compute_schedule_info(self):
        for plan in self:
            lines = plan.line_ids.sorted(lambda line: (line.due_date, line.sequence, line.id))
            plan.instalment_count = len(lines)
            plan.first_due_date = lines[:1].due_date
            plan.last_due_date = lines[-1:].due_date
            plan.next_line_id = lines.filtered(lambda line: line.payment_state != "paid")[:1]
            plan.exceeds_grace_cap = bool(lines) and schedule.exceeds_grace_cap(
                min(plan.date, lines[0].due_date), lines[-1].due_date
            )

    # -------------------------------------------------------------------------
    # CONSTRAINT METHODS
    # -------------------------------------------------------------------------

    @api.constrains("line_ids", "amount_total")
    def _check_schedule_sum(self):
        for plan in self:
            try:
                schedule.check_schedule(
                    [(line.due_date, line.amount) for line in plan.line_ids.sorted("sequence")],
                    plan.amount_total,
                )
            except schedule.ScheduleError as error:
                raise ValidationError(self._schedule_error_message(error)) from error

    @api.model
    def _schedule_error_message(self, error):
        messages = {
            "amount": self.env._("The amount of a payment plan must be positive."),
            "count": self.env._("A payment plan needs at least one instalment."),
            "instalment": self.env._("Every instalment must be a positive amount."),
            "down_payment": self.env._(
                "The down payment must be positive and below the amount of the plan."
            ),
            "dates": self.env._(
                "Every instalment needs a due date, and the due dates must strictly increase."
            ),
            "sum": self.env._(
                "The instalments do not add up to the amount of the plan: the sum must be "
                "exact to the cent."
            ),
            "frequency": self.env._("Choose a frequency or type the due dates."),
        }
        return messages.get(error.code, str(error))

    # -------------------------------------------------------------------------
    # ACTION METHODS
    # -------------------------------------------------------------------------

    def action_propose(self):
        """Send the plan to the debtor with its PDF; it then waits for the signature."""
        self = self._internal()
        for plan in self:
            if plan.state != "draft":
                raise UserError(self.env._("Only a draft payment plan can be proposed."))
            plan._check_invoices_still_plannable()
        today = fields.Date.context_today(self)
        for plan in self:
            plan.write(
                {
                    "state": "proposed",
                    "proposal_date": today,
                    "proposal_deadline": fields.Date.add(
                        today, days=plan.company_id.payment_plan_proposal_days
                    ),
                }
            )
        self._notify_debtors("recouvrement_amiable.mail_template_payment_plan_proposal")
        return True

    def action_open_sign_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Record the Signature"),
            "res_model": "dunning.payment.plan.sign",
            "view_mode": "form",
            "target": "new",
            "context": {"default_plan_id": self.id},
        }

    def action_cancel(self, reason=None):
        """Cancel plans; a signed plan (an acknowledgement of debt) only with a reason, which
        the cancellation wizard asks for."""
        for plan in self:
            if plan.state not in ACTIVE_STATES:
                raise UserError(
                    self.env._("Plan %(plan)s is already closed.", plan=plan.display_name)
                )
        reason = (reason or "").strip()
        if not reason and self.filtered(lambda plan: plan.state in RUNNING_STATES):
            return {
                "type": "ir.actions.act_window",
                "name": self.env._("Cancel the Payment Plan"),
                "res_model": "dunning.payment.plan.cancel",
                "view_mode": "form",
                "target": "new",
                "context": {"default_plan_ids": self.ids},
            }
        by_user = self.env._("Cancelled by %s", self.env.user.name)
        self._close("cancelled", cancel_reason=f"{by_user}: {reason}" if reason else by_user)
        return True

    def action_view_invoices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("id", "in", (self.move_ids | self.penalty_move_id).ids)]
        action["context"] = {"create": False}
        return action

    def action_print(self):
        return self.env.ref("recouvrement_amiable.action_report_payment_plan").report_action(self)

    # -------------------------------------------------------------------------
    # EVIDENCE
    # -------------------------------------------------------------------------

    def _evidence_refs(self, kind):
        """Documents sealed with the signature: the plan as signed, the scan, the drawn
        signature."""
        self.ensure_one()
        signature = (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "=", self.id),
                    ("res_field", "=", "signature"),
                ]
            )
        )
        return {"attachments": (self.signed_pdf_id | self.signed_scan_id | signature).ids}

    def _evidence_content(self, kind, refs):
        self.ensure_one()
        digits = self.currency_id.decimal_places

        def amount(value):
            return float_repr(value, digits)

        return {
            "kind": kind,
            "model": self._name,
            "id": self.id,
            "company": self.company_id.id,
            "documents": self._evidence_documents_sha256(refs),
            "reference": self.name,
            "debtor": self.partner_id.id,
            "date": str(self.date),
            "currency": self.currency_id.name,
            "invoices": sorted(self.move_ids.ids),
            "late_costs_invoice": self.penalty_move_id.id or 0,
            "amount_invoices": amount(self.amount_invoices),
            "amount_late_costs": amount(self.amount_late_costs),
            "amount_total": amount(self.amount_total),
            "schedule": [
                [str(line.due_date), amount(line.amount)]
                for line in self.line_ids.sorted(lambda li: (li.due_date, li.sequence, li.id))
            ],
            "proposed_on": str(self.proposal_date or ""),
            "signed_by": self.signed_by or "",
            "signed_on": str(self.signed_on or ""),
            "signed_words": self.signed_words or "",
            "signature_ip": self.signature_ip or "",
            # since 19.0.1.2.0: what the debtor acknowledged and wrote in figures
            "acknowledged_amounts": {
                move_id: amount(value)
                for move_id, value in sorted((self.acknowledged_amounts or {}).items())
            },
            "signed_figures": self.signed_figures or "",
        }

    # -------------------------------------------------------------------------
    # BUSINESS METHODS: closing
    # -------------------------------------------------------------------------

    def _close(self, state, **values):
        """End the plan: its invoices are free for dunning (or for another plan)."""
        self = self._internal()
        if not self:
            return
        self.write({"state": state, **values})
        moves = self.move_ids | self.penalty_move_id
        moves.filtered(lambda move: move.payment_plan_id in self).sudo().payment_plan_id = False
        if state == "cancelled" and self.penalty_move_id:
            self.penalty_move_id.sudo().message_post(
                body=self.env._("The payment plan of these late costs was cancelled.")
            )

    # -------------------------------------------------------------------------
    # BUSINESS METHODS: e-mails
    # -------------------------------------------------------------------------

    def _notify_debtors(self, template_xmlid):
        """One mass-mail composer for all plans: rendered in batch, queued, kept as evidence."""
        plans = self.filtered(lambda plan: plan.contact_id.email)
        if plans:
            self.env.ref(template_xmlid)._queue_as_evidence(plans)
        for plan in self - plans:
            plan.message_post(
                body=self.env._(
                    "The debtor has no e-mail address: print the plan and send it by post."
                )
            )
