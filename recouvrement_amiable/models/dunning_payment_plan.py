# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import logging

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_repr, format_amount, format_date

from ..rules import amount_words, debtor_category, payment, prescription, schedule, uploads

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
ACTIVE_STATES = ("draft", "proposed", "signed", "in_progress")
# While the plan is proposed or respected, the dunning run leaves its invoices alone.
PAUSING_STATES = ("proposed", "signed", "in_progress")
RUNNING_STATES = ("signed", "in_progress")
DEFAULT_BATCH_SIZE = 100
CLOSED_STATES = ("completed", "broken")
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

_logger = logging.getLogger(__name__)


class DunningPaymentPlan(models.Model):
    """A payment plan (échéancier): instalments the debtor commits to, an acknowledgement of
    the debt once signed (art. 2240 C. civ.), tracked against the payments of its invoices."""

    _name = "dunning.payment.plan"
    _description = "Payment Plan"
    _inherit = ["portal.mixin", "mail.thread", "mail.activity.mixin", "dunning.evidence.mixin"]
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

    # CRUD METHODS

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

    # COMPUTE METHODS

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

    # CONSTRAINT METHODS

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

    # ACTION METHODS

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

    # EVIDENCE

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
        }

    # BUSINESS METHODS: customer portal

    def _amount_total_display(self):
        self.ensure_one()
        return format_amount(self.env, self.amount_total, self.currency_id)

    def _portal_link_valid(self):
        """A link opens a plan while it runs, and for a while after it ended; never once
        cancelled (a lapsed proposal)."""
        self.ensure_one()
        if self.state == "cancelled":
            return False
        ended = self.completed_date or self.broken_date
        if self.state in CLOSED_STATES and ended:
            validity = self.company_id.dunning_link_validity_days
            return fields.Date.add(ended, days=validity) >= fields.Date.context_today(self)
        return True

    def _sign_on_portal(
        self, name, signature, words, ip_address, access_token=None, *, figures=None
    ):
        """The customer signs a proposed plan online: drawn signature and the amount in words
        and in figures (art. 1376 C. civ.).

        Only the debtor signs (its portal user, or a visitor with the plan's link); the
        signature is a PNG or JPEG image that decodes, the name at most 128 characters.
        """
        self.ensure_one()
        author = self.partner_id._portal_debtor_author(self, access_token)
        if self.state != "proposed":
            raise UserError(self.env._("This payment plan is not waiting for your signature."))
        try:
            name = uploads.check_signer_name(name)
            image = uploads.check_signature(signature)
        except uploads.UploadError as error:
            raise self.env["ir.attachment"]._dunning_upload_error(error) from error
        if not (figures or "").strip() or not (words or "").strip():
            raise UserError(self.env._("Write the amount you acknowledge in figures and in words."))
        return self._sign(
            name,
            words,
            figures=figures,
            author=author,
            signature=base64.b64encode(image),
            signature_ip=(ip_address or "")[:64],
        )

    def _portal_payable_line(self, line_id, access_token=None):
        """The instalment the debtor may pay online now, or a refusal saying why."""
        self.ensure_one()
        self.partner_id._portal_debtor_author(self, access_token)
        line = self.line_ids.filtered(lambda line: line.id == line_id)
        if not line:
            raise UserError(self.env._("This instalment does not belong to this payment plan."))
        line._check_payable_online()
        return line

    def _portal_payment_invoices(self):
        """Open invoices a payment on the plan settles, oldest first."""
        self.ensure_one()
        return (
            (self.move_ids | self.penalty_move_id)
            .filtered(lambda move: move.state == "posted" and move.amount_residual > 0)
            .sorted(lambda move: (move.invoice_date_due, move.id))
        )

    def _portal_history(self):
        """[(date, label)] of what happened to the plan, in date order, for the customer's
        page: drawn up, proposed, signed, each instalment's reminder, payment and notice, the
        end."""
        self.ensure_one()
        events = [(self.date, "drawn_up", self.env._("Plan drawn up"))]
        if self.proposal_date:
            events.append((self.proposal_date, "proposed", self.env._("Plan proposed")))
        if self.signed_on:
            events.append((self.signed_on, "signed", self.env._("Signed by %s", self.signed_by)))
        events += self.line_ids._portal_history_events()
        closing = {
            "completed": (self.completed_date, self.env._("Plan completed")),
            "broken": (self.broken_date, self.env._("Plan broken: the balance fell due")),
        }.get(self.state)
        if closing:
            events.append((closing[0], "closed", closing[1]))
        return schedule.plan_timeline(events)

    @api.model
    def _request_from_portal(
        self, moves, instalment_count, token_record=None, access_token=None, ip_address=None
    ):
        """The debtor asks for a plan: a draft for the collection responsible, who reviews it.

        Only the debtor asks (its portal user, or a visitor with the link of a communication
        listing these invoices); the plan is the responsible's work, never the visitor's.
        """
        moves = moves.with_env(self.env)  # whoever asks is this method's user
        author = moves._portal_debtor_author(token_record, access_token)
        # the chatter says who asked (below), never the visitor's technical user
        self = self.with_context(mail_create_nolog=True, mail_create_nosubscribe=True)
        if not 2 <= instalment_count <= 24:
            raise UserError(
                self.env._("Choose between 2 and 24 instalments; for more, please contact us.")
            )
        wizard = self.env["dunning.payment.plan.wizard"]._new_for(moves)
        wizard.instalment_count = instalment_count
        plan = wizard._create_plan()
        responsible = plan.partner_id._collection_responsible(plan.company_id)
        plan.write({"requested_on_portal": True, "user_id": responsible.id})
        plan.message_post(
            body=self.env._(
                "Requested by the customer on the portal (IP address %(ip)s): %(count)s "
                "instalments.",
                ip=ip_address or "?",
                count=instalment_count,
            ),
            author_id=author.id,
        )
        plan.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=self.env._("Payment plan requested on the portal"),
            note=self.env._("Review the plan, adjust it if needed and send it to the debtor."),
            user_id=responsible.id,
        )
        return plan

    def _review_dispute(self, move, author, reason):
        """An invoice of this running plan is disputed: the plan keeps running (its reminders
        and its breach are not suspended); its responsible reviews it."""
        for plan in self.filtered(lambda plan: plan.state in RUNNING_STATES):
            plan.message_post(
                body=self.env._(
                    "Invoice %(invoice)s of this plan is disputed by the customer: %(reason)s",
                    invoice=move.name,
                    reason=reason,
                ),
                author_id=author.id,
            )
            plan.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Dispute on an invoice of a signed payment plan"),
                note=self.env._(
                    "The plan keeps running: its reminders and its breach are not suspended. "
                    "Settle the dispute, or cancel the plan with a reason."
                ),
                user_id=(
                    plan.user_id or plan.partner_id._collection_responsible(plan.company_id)
                ).id,
            )

    # BUSINESS METHODS: creation

    @api.model
    def _check_plannable(self, moves, plan=None):
        """Refuse, with the reason, invoices that cannot go into a new payment plan (or, with
        ``plan``, that can no longer be signed in it)."""
        if not moves:
            raise UserError(self.env._("Select the invoices the payment plan covers."))
        if len(moves.commercial_partner_id) > 1:
            raise UserError(
                self.env._(
                    "A payment plan covers the invoices of one debtor only; the selection "
                    "has several: %(debtors)s.",
                    debtors=", ".join(moves.commercial_partner_id.mapped("display_name")),
                )
            )
        if len(moves.company_id) > 1 or len(moves.currency_id) > 1:
            raise UserError(
                self.env._("A payment plan covers invoices of one company and one currency.")
            )
        if moves.currency_id.name != "EUR":
            raise UserError(
                self.env._(
                    "Payment plans are in euros: the debtor writes the amount acknowledged in "
                    "words, in euros (art. 1376 C. civ.)."
                )
            )
        for move in moves:
            reason = self._unplannable_reason(move, plan)
            if reason:
                raise UserError(
                    self.env._(
                        "Invoice %(invoice)s cannot go into a payment plan: %(reason)s.",
                        invoice=move.display_name,
                        reason=reason,
                    )
                )

    @api.model
    def _unplannable_reason(self, move, plan=None):
        """Why ``move`` cannot go into a new plan (or stay in ``plan``), or None."""
        paid = move.payment_state not in ("not_paid", "partial") or move.amount_residual <= 0
        other_plan = move.payment_plan_id.state in ACTIVE_STATES and move.payment_plan_id != plan
        not_invoice = move.move_type != "out_invoice"
        cancelled = move.state == "cancel"
        not_posted = move.state != "posted"
        checks = [
            (not_invoice, self.env._("it is not a customer invoice")),
            (cancelled, self.env._("it is cancelled")),
            (not_posted, self.env._("it is not posted")),
            # paid since the proposal: counts towards the plan being signed
            (paid and not plan, self.env._("it is already paid")),
            (move.is_disputed, self.env._("it is disputed")),
            (move.is_prescribed, self.env._("it is prescribed")),
            (
                move.is_collection_blocked,
                move.collection_status or self.env._("its collection is blocked"),
            ),
            (
                other_plan,
                self.env._(
                    "it is already in payment plan %(plan)s", plan=move.payment_plan_id.name
                ),
            ),
        ]
        return next((reason for failed, reason in checks if failed), None)

    def _check_invoices_still_plannable(self):
        for plan in self:
            self._check_plannable(plan.move_ids, plan)

    # BUSINESS METHODS: signature

    def _sign(
        self,
        signer,
        words,
        signed_on=None,
        scan=None,
        scan_name=None,
        *,
        author=None,
        figures=None,
        **signature,
    ):
        """Record the debtor's signature: an acknowledgement of the debt that interrupts the
        prescription of every invoice of the plan (art. 2240 C. civ.).

        ``words``: the amount as the debtor wrote it, checked against the figures (art. 1376
        C. civ.). ``scan``: the signed paper (base64); ``signature``: ``signature`` (image,
        base64) and ``signature_ip`` when signed on the portal; ``author``: the partner who
        signed on the portal, named as the author in the chatter.
        """
        self = self._internal()
        self.ensure_one()
        today = fields.Date.context_today(self)
        signed_on = signed_on or today
        self._check_signable(signer, words, signed_on, today, figures=figures)
        scan_attachment = self._store_scan(scan, scan_name) if scan else None
        if author:
            self._track_set_author(author)
        self.write(
            {
                "state": "signed",
                "signed_by": signer.strip(),
                "signed_on": signed_on,
                "signed_words": words.strip(),
                "signed_figures": (figures or "").strip()[:64] or False,
                "signed_scan_id": scan_attachment.id if scan_attachment else False,
                "penalty_move_id": self._create_late_costs_invoice(signed_on).id,
                **signature,
            }
        )
        self._create_acknowledgement_events(scan_attachment)
        self._store_signed_pdf()
        self.message_post(
            body=self.env._(
                "Plan signed by %(signer)s on %(date)s: the debt of %(amount)s is "
                "acknowledged; prescription is interrupted on every invoice.",
                signer=self.signed_by,
                date=format_date(self.env, signed_on),
                amount=format_amount(self.env, self.amount_total, self.currency_id),
            ),
            attachment_ids=scan_attachment.ids if scan_attachment else [],
            author_id=author.id if author else None,
        )
        return True

    def _check_signable(self, signer, words, signed_on, today, figures=None):
        if self.state not in ("draft", "proposed"):
            raise UserError(self.env._("Plan %(plan)s cannot be signed any more.", plan=self.name))
        if self.state == "proposed" and self.proposal_deadline and self.proposal_deadline < today:
            raise UserError(
                self.env._(
                    "This proposal lapsed on %(date)s: ask us for a new payment plan.",
                    date=format_date(self.env, self.proposal_deadline),
                )
            )
        try:
            uploads.check_signer_name(signer)
        except uploads.UploadError as error:
            raise self.env["ir.attachment"]._dunning_upload_error(error) from error
        if signed_on > today or signed_on < self.date:
            raise UserError(
                self.env._("The signature date must be between the plan's date and today.")
            )
        # the expected words are never given: the debtor writes the amount (art. 1376)
        if not amount_words.matches(words or "", self.amount_total):
            raise UserError(
                self.env._(
                    "The amount written in words (“%(words)s”) is not the amount of the plan. "
                    "Words prevail over figures (art. 1376 C. civ.): the plan cannot be signed "
                    "with a different amount.",
                    words=(words or "").strip()[:200],
                )
            )
        if figures is not None and amount_words.parse_figures(figures) != amount_words.parse_words(
            words
        ):
            raise UserError(
                self.env._(
                    "The amount written in figures (“%(figures)s”) differs from the amount "
                    "written in words: write the same amount twice.",
                    figures=(figures or "").strip()[:64],
                )
            )
        self._check_invoices_still_plannable()

    def _store_signed_pdf(self):
        """Print the plan as signed and keep it: later downloads give this very document."""
        self = self._internal()
        self.ensure_one()
        self.env.flush_all()  # the signature must be in the printed document
        pdf, _type = (
            self.env["ir.actions.report"]
            .sudo()
            ._render_qweb_pdf("recouvrement_amiable.action_report_payment_plan", self.ids)
        )
        self.env.ref("recouvrement_amiable.ir_cron_seal_evidence").sudo()._trigger()
        self.signed_pdf_id = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": f"{self.name.replace('/', '-')} - signé.pdf",
                    "raw": pdf,
                    "res_model": self._name,
                    "res_id": self.id,
                    "mimetype": "application/pdf",
                }
            )
        )

    def _store_scan(self, scan, scan_name):
        return (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": scan_name or f"{self.name} - signé.pdf",
                    "datas": scan,
                    "res_model": self._name,
                    "res_id": self.id,
                }
            )
        )

    def _create_late_costs_invoice(self, invoice_date):
        """The penalties and indemnities acknowledged in the plan become an invoice, so that
        payments are tracked on them like on the others (no VAT: they are damages)."""
        if not self.amount_late_costs:
            return self.env["account.move"]
        journal = self.env["account.journal"].search(
            [
                *self.env["account.journal"]._check_company_domain(self.company_id),
                ("type", "=", "sale"),
            ],
            limit=1,
        )
        if not journal.default_account_id:
            raise UserError(self.env._("A sales journal with a default income account is needed."))
        late_costs = self.env["dunning.action"]._late_costs(
            self.partner_id,
            self.move_ids,
            self.date,
            self.env["dunning.interest.rate"]._rates_by_half(),
        )
        line_vals = []
        for move in self.move_ids:
            costs = late_costs.get(move, {})
            for label, amount in (
                (self.env._("Late-payment penalties, invoice %s", move.name), "penalty_amount"),
                (self.env._("Fixed recovery indemnity, invoice %s", move.name), "indemnity_amount"),
            ):
                if costs.get(amount):
                    line_vals.append(
                        Command.create(
                            {
                                "name": label,
                                "quantity": 1,
                                "price_unit": costs[amount],
                                "account_id": journal.default_account_id.id,
                                "tax_ids": [Command.clear()],
                            }
                        )
                    )
        invoice = (
            self.env["account.move"]
            .sudo()
            .create(
                {
                    "move_type": "out_invoice",
                    "company_id": self.company_id.id,
                    "journal_id": journal.id,
                    "partner_id": self.partner_id.id,
                    "currency_id": self.currency_id.id,
                    "invoice_date": invoice_date,
                    "invoice_date_due": invoice_date,
                    "invoice_origin": self.name,
                    "invoice_line_ids": line_vals,
                }
            )
        )
        # the amounts acknowledged are those of the plan, computed when it was made
        difference = self.currency_id.round(self.amount_late_costs - invoice.amount_total)
        if difference and invoice.invoice_line_ids:
            last = invoice.invoice_line_ids[-1]
            last.price_unit = self.currency_id.round(last.price_unit + difference)
        invoice.action_post()
        invoice.payment_plan_id = self
        return invoice

    def _create_acknowledgement_events(self, scan_attachment):
        self.env["dunning.prescription.event"].sudo().create(
            [
                {
                    "move_id": move.id,
                    "event_type": prescription.PAYMENT_PLAN,
                    "date": self.signed_on,
                    "note": self.env._("Payment plan %s signed", self.name),
                    "attachment_id": scan_attachment.id if scan_attachment else False,
                    "payment_plan_id": self.id,
                }
                for move in self.move_ids
            ]
        )

    # BUSINESS METHODS: follow-up

    @api.model
    def _cron_process_payment_plans(self):
        self.sudo()._process_payment_plans()

    @api.model
    def _process_payment_plans(self, today=None):
        """Daily: payments, reminders, missed instalments, breaches, expired proposals.

        Plans are processed by batches (committed by the scheduled action); every step
        records what it did on the instalment (dates of reminders), so that a run started
        again does nothing twice.
        """
        self = self._internal()
        today = today or fields.Date.context_today(self)
        plans = self.search(
            [
                "|",
                ("state", "in", RUNNING_STATES),
                "&",
                ("state", "=", "proposed"),
                ("proposal_deadline", "<", today),
            ],
            order="id",
        )
        batch_size = self.env.context.get("payment_plan_batch_size", DEFAULT_BATCH_SIZE)
        for start in range(0, len(plans), batch_size):
            batch = plans[start : start + batch_size]
            batch._process_batch_safely(today)
            if self._in_scheduled_job():
                remaining = len(plans) - start - len(batch)
                self.env["ir.cron"]._commit_progress(len(batch), remaining=remaining)

    def _process_batch_safely(self, today):
        """The batch at once; when it fails, plan by plan, so that one plan in error (a
        template that no longer renders…) never holds up the others. Errors are logged."""
        try:
            with self.env.cr.savepoint():
                self._process_batch(today)
        except Exception:
            _logger.warning("Payment plans batch failed, retrying plan by plan", exc_info=True)
            for plan in self:
                try:
                    with self.env.cr.savepoint():
                        plan._process_batch(today)
                except Exception:
                    _logger.exception("Payment plan %s could not be processed", plan.name)

    def _process_batch(self, today):
        expired = self.filtered(lambda plan: plan.state == "proposed")
        expired._close("cancelled", cancel_reason=self.env._("Proposal expired unsigned"))
        running = (self - expired)._sync_payments()
        running = running.filtered(lambda plan: plan.state in RUNNING_STATES)
        reminders, missed, broken = running._due_notifications(today)
        reminders._notify_instalments(
            "recouvrement_amiable.mail_template_payment_plan_reminder", "reminder_date", today
        )
        missed._notify_instalments(
            "recouvrement_amiable.mail_template_payment_plan_missed", "missed_date", today
        )
        broken._break(today)

    def _due_notifications(self, today):
        """(instalments to remind, instalments missed, plans broken) as of ``today``."""
        self = self._internal()
        reminders = missed = self.env["dunning.payment.plan.line"]
        broken = self.browse()
        for plan in self.filtered(lambda plan: not plan.needs_amendment):
            company = plan.company_id
            if plan.state == "signed" and plan.first_due_date <= today:
                plan.state = "in_progress"
            for line in plan.line_ids.filtered(lambda line: line.payment_state != "paid"):
                stage = schedule.instalment_stage(
                    line.due_date,
                    today,
                    reminder_days=company.payment_plan_reminder_days,
                    grace_days=company.payment_plan_grace_days,
                    breach_days=plan._breach_days(),
                    missed_on=line.missed_date,
                )
                if stage == schedule.BREACH:
                    broken |= plan
                    break
                if stage == schedule.MISSED and not line.missed_date:
                    missed |= line
                elif stage == schedule.REMIND and not line.reminder_date:
                    reminders |= line
        return reminders, missed.filtered(lambda line: line.plan_id not in broken), broken

    def _sync_payments(self):
        """Bring instalments, events and states in line with the payments: each instalment
        paid interrupts the prescription of every invoice of the plan; all paid, completed."""
        self = self._internal()
        today = fields.Date.context_today(self)
        (self.move_ids | self.penalty_move_id).fetch(
            ["amount_residual"]
        )  # one query, not one a plan
        reopened = self.filtered(
            lambda plan: (
                plan.state == "completed"
                and any(line.payment_state != "paid" for line in plan.line_ids)
                and not plan.currency_id.is_zero(plan._outstanding())
            )
        )
        if reopened:  # a payment was unreconciled (a bounced cheque…)
            reopened.write({"state": "in_progress", "completed_date": False})
            for plan in reopened:
                (plan.move_ids | plan.penalty_move_id).filtered(
                    lambda move: not move.payment_plan_id
                ).sudo().payment_plan_id = plan
        running = self.filtered(lambda plan: plan.state in RUNNING_STATES)
        lines = running.line_ids
        newly_paid = lines.filtered(
            lambda line: line.payment_state == "paid" and not line.paid_date
        )
        unpaid = lines.filtered(lambda line: line.payment_state != "paid" and line.paid_date)
        if unpaid:
            unpaid.event_ids.sudo().unlink()
            unpaid.paid_date = False
        if newly_paid:
            last_payment = running._last_payment_dates()
            for line in newly_paid:
                line.paid_date = min(last_payment.get(line.plan_id.id) or today, today)
            newly_paid._create_payment_events()
        started = running.filtered(lambda plan: plan.state == "signed" and plan.amount_paid)
        started.state = "in_progress"
        done = running.filtered(
            lambda plan: (
                plan.line_ids
                and (
                    all(line.payment_state == "paid" for line in plan.line_ids)
                    or plan.currency_id.is_zero(plan._outstanding())
                )
            )
        )
        done._close("completed", completed_date=today)
        return self

    def _outstanding(self):
        """What is still open on the plan's invoices."""
        self.ensure_one()
        return sum((self.move_ids | self.penalty_move_id).mapped("amount_residual"))

    def _last_payment_dates(self):
        """{plan id: date of the latest payment reconciled with one of its invoices}."""
        moves = self.move_ids | self.penalty_move_id
        groups = self.env["account.partial.reconcile"]._read_group(
            [("debit_move_id.move_id", "in", moves.ids)],
            groupby=["debit_move_id"],
            aggregates=["max_date:max"],
        )
        by_move = {}
        for line, last in groups:
            move_id = line.move_id.id
            by_move[move_id] = max(filter(None, (by_move.get(move_id), last)))
        return {
            plan.id: max(
                (
                    by_move[move.id]
                    for move in plan.move_ids | plan.penalty_move_id
                    if move.id in by_move
                ),
                default=None,
            )
            for plan in self
        }

    def _break(self, today):
        """Acceleration clause: the whole balance falls due and dunning resumes at the
        formal-notice level (a formal notice precedes the acceleration)."""
        self = self._internal()
        if not self:
            return
        self._close("broken", broken_date=today)
        for formal_notice, plans in self.grouped(lambda plan: plan._formal_notice_level()).items():
            moves = plans.move_ids | plans.penalty_move_id
            moves.sudo().dunning_resume_level_id = formal_notice
        self._notify_debtors("recouvrement_amiable.mail_template_payment_plan_broken")
        moves = self.move_ids | self.penalty_move_id
        # never committed on its own: this runs inside the payment plans' own batch
        self.env["dunning.action"]._run_dunning(moves=moves, today=today)

    def _formal_notice_level(self):
        self.ensure_one()
        policy = self.partner_id.dunning_policy_id or self.company_id._dunning_policy()
        return policy.level_ids.filtered("is_formal_notice")[:1]

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

    # BUSINESS METHODS: e-mails

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
