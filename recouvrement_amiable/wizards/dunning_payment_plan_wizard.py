# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models

from ..models.dunning_payment_plan import FREQUENCIES
from ..rules import schedule


class DunningPaymentPlanWizard(models.TransientModel):
    """Negotiate a payment plan on invoices of one debtor, with a live preview."""

    _name = "dunning.payment.plan.wizard"
    _description = "Create a Payment Plan"

    company_id = fields.Many2one(comodel_name="res.company", required=True, readonly=True)
    currency_id = fields.Many2one(comodel_name="res.currency", required=True, readonly=True)
    partner_id = fields.Many2one(comodel_name="res.partner", string="Debtor", readonly=True)
    debtor_type = fields.Selection(related="partner_id.debtor_type")
    move_ids = fields.Many2many(comodel_name="account.move", string="Invoices", readonly=True)
    amount_invoices = fields.Monetary(string="Invoices Still Due", compute="_compute_amounts")
    include_late_costs = fields.Boolean(
        string="Include Penalties and Indemnities",
        help="Professional debtors only: late-payment penalties and the €40 recovery "
        "indemnity per invoice (L441-10 C. com.), computed today.",
    )
    amount_late_costs = fields.Monetary(
        string="Penalties and Indemnities", compute="_compute_amounts"
    )
    amount_total = fields.Monetary(string="Amount of the Plan", compute="_compute_amounts")
    split_mode = fields.Selection(
        selection=[("count", "Number of Instalments"), ("amount", "Instalment Amount")],
        string="Split By",
        required=True,
        default="count",
    )
    instalment_count = fields.Integer(string="Number of Instalments", default=3)
    instalment_amount = fields.Monetary()
    frequency = fields.Selection(selection=FREQUENCIES, required=True, default=schedule.MONTHLY)
    first_due_date = fields.Date(
        required=True,
        default=lambda self: self.env["dunning.payment.plan"]._default_first_due_date(),
    )
    down_payment = fields.Monetary(
        help="Paid first, on the first due date; the rest is split into instalments."
    )
    line_ids = fields.One2many(
        comodel_name="dunning.payment.plan.wizard.line",
        inverse_name="wizard_id",
        string="Schedule",
        compute="_compute_line_ids",
        store=True,
        readonly=False,
    )
    preview_error = fields.Char(compute="_compute_line_ids", store=True)
    grace_warning = fields.Boolean(compute="_compute_grace_warning")
    lines_total = fields.Monetary(
        string="Total of the Instalments", compute="_compute_grace_warning"
    )

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends("move_ids", "include_late_costs")
    def _compute_amounts(self):
        for wizard in self:
            wizard.amount_invoices = sum(wizard.move_ids.mapped("amount_residual"))
            wizard.amount_late_costs = (
                self.env["dunning.payment.plan"]._late_costs_total(wizard.move_ids)
                if wizard.include_late_costs
                else 0.0
            )
            wizard.amount_total = wizard.currency_id.round(
                wizard.amount_invoices + wizard.amount_late_costs
            )

    @api.depends(
        "amount_total",
        "split_mode",
        "instalment_count",
        "instalment_amount",
        "frequency",
        "first_due_date",
        "down_payment",
    )
    def _compute_line_ids(self):
        for wizard in self:
            if wizard.frequency == "custom":
                wizard.preview_error = False
                if not wizard.line_ids:
                    wizard.line_ids = [Command.create({"due_date": wizard.first_due_date})]
                continue
            try:
                rows = wizard._build_schedule()
            except schedule.ScheduleError as error:
                wizard.line_ids = [Command.clear()]
                wizard.preview_error = self.env["dunning.payment.plan"]._schedule_error_message(
                    error
                )
                continue
            wizard.preview_error = False
            wizard.line_ids = [Command.clear()] + [
                Command.create({"due_date": due, "amount": cents / 100}) for due, cents in rows
            ]

    @api.depends("line_ids.due_date", "line_ids.amount")
    def _compute_grace_warning(self):
        today = fields.Date.context_today(self)
        for wizard in self:
            dates = [line.due_date for line in wizard.line_ids if line.due_date]
            wizard.grace_warning = bool(dates) and schedule.exceeds_grace_cap(
                min(today, *dates), max(dates)
            )
            wizard.lines_total = sum(wizard.line_ids.mapped("amount"))

    # -------------------------------------------------------------------------
    # ACTION METHODS
    # -------------------------------------------------------------------------

    @api.model
    def _new_for(self, moves):
        self.env["dunning.payment.plan"]._check_plannable(moves)
        return self.create(
            {
                "company_id": moves.company_id.id,
                "currency_id": moves.currency_id.id,
                "partner_id": moves.commercial_partner_id.id,
                "move_ids": [Command.set(moves.ids)],
            }
        )

    @api.model
    def _action_open(self, moves):
        wizard = self._new_for(moves)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Payment Plan"),
            "res_model": self._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_create_plan(self):
        self.ensure_one()
        plan = self._create_plan()
        return {
            "type": "ir.actions.act_window",
            "res_model": "dunning.payment.plan",
            "res_id": plan.id,
            "view_mode": "form",
        }

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _create_plan(self):
        """The draft plan negotiated here, after every check of the plan."""
        self.ensure_one()
        return self.env["dunning.payment.plan"]._create_from_invoices(
            self.move_ids,
            instalments=[(line.due_date, line.amount) for line in self.line_ids],
            frequency=self.frequency,
            include_late_costs=self.include_late_costs,
            schedule_error=self.preview_error,
        )

    def _build_schedule(self):
        self.ensure_one()
        by_amount = self.split_mode == "amount"
        if by_amount and self.instalment_amount <= 0:
            raise schedule.ScheduleError("instalment", "an instalment must be positive")
        return schedule.build_schedule(
            self.amount_total,
            self.first_due_date,
            self.frequency,
            count=None if by_amount else self.instalment_count,
            instalment=self.instalment_amount if by_amount else None,
            down_payment=self.down_payment or 0,
        )
