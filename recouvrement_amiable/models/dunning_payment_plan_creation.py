# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from ..rules import debtor_category, schedule

# A plan in these states holds its invoices: they go into no other plan.
ACTIVE_STATES = ("draft", "proposed", "signed", "in_progress")
FIRST_DUE_DAYS = 15  # a new plan's first instalment falls due in 15 days


class DunningPaymentPlanCreation(models.AbstractModel):
    """How a payment plan is made from invoices, mixed into ``dunning.payment.plan``: which
    invoices may go into a plan, its amounts (late costs on request, computed by
    ``dunning.run``) and its schedule; the wizard and the portal request call
    ``_create_from_invoices``."""

    _name = "dunning.payment.plan.creation"
    _description = "Payment Plan Creation"

    # -------------------------------------------------------------------------
    # CREATION FROM INVOICES
    # -------------------------------------------------------------------------

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

    @api.model
    def _default_first_due_date(self):
        """First due date of a new plan: in 15 days."""
        return fields.Date.add(fields.Date.context_today(self), days=FIRST_DUE_DAYS)

    @api.model
    def _create_from_invoices(
        self,
        moves,
        *,
        instalments=None,
        frequency=schedule.MONTHLY,
        instalment_count=None,
        include_late_costs=False,
        schedule_error=None,
    ):
        """The draft plan on the invoices ``moves`` of one debtor, after every check; nothing
        is written when one fails.

        ``instalments``: [(due date, amount)] as negotiated in the wizard, or
        ``schedule_error`` when its schedule is refused; without them (a request on the
        portal), ``instalment_count`` instalments of ``frequency`` from the default first due
        date.
        """
        self._check_plannable(moves)
        debtor = moves.commercial_partner_id
        if include_late_costs and not debtor_category.owes_late_costs(debtor.debtor_type):
            raise UserError(
                self.env._(
                    "Consumers and non-professional legal persons never owe collection costs: "
                    "untick the penalties."
                )
            )
        amount_invoices = sum(moves.mapped("amount_residual"))
        amount_late_costs = self._late_costs_total(moves) if include_late_costs else 0.0
        amount_total = moves.currency_id.round(amount_invoices + amount_late_costs)
        if instalments is None and not schedule_error:
            try:
                rows = schedule.build_schedule(
                    amount_total,
                    self._default_first_due_date(),
                    frequency,
                    count=instalment_count,
                    instalment=None,
                    down_payment=0,
                )
                instalments = [(due, cents / 100) for due, cents in rows]
            except schedule.ScheduleError as error:
                schedule_error = self._schedule_error_message(error)
        if schedule_error:
            raise UserError(schedule_error)
        return self.create(
            {
                "company_id": moves.company_id.id,
                "currency_id": moves.currency_id.id,
                "partner_id": debtor.id,
                "move_ids": [Command.set(moves.ids)],
                "frequency": frequency,
                "amount_invoices": amount_invoices,
                "amount_late_costs": amount_late_costs,
                "amount_total": amount_total,
                "line_ids": [
                    Command.create({"sequence": index, "due_date": due_date, "amount": amount})
                    for index, (due_date, amount) in enumerate(instalments)
                ],
            }
        )

    @api.model
    def _late_costs_total(self, moves):
        """Penalties and indemnities today of the invoices ``moves`` of one debtor (the run's
        ``_late_costs``); refused when a rate is missing."""
        debtor = moves.commercial_partner_id
        if not debtor_category.owes_late_costs(debtor.debtor_type):
            return 0.0
        costs = self.env["dunning.run"]._late_costs(
            debtor,
            moves,
            fields.Date.context_today(self),
            self.env["dunning.interest.rate"]._rates_by_half(),
        )
        if costs.get("missing"):
            raise UserError(
                self.env._(
                    "The ECB reference rate of %(half)s is missing (Configuration > Late-payment "
                    "Rates): penalties cannot be computed.",
                    half=costs["missing"],
                )
            )
        return moves.currency_id.round(
            sum(costs[move]["penalty_amount"] + costs[move]["indemnity_amount"] for move in moves)
        )
