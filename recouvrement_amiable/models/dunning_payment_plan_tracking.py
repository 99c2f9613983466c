# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, fields, models

from ..rules import schedule

_logger = logging.getLogger(__name__)

# Plans the daily follow-up watches: signed, their instalments running.
RUNNING_STATES = ("signed", "in_progress")
# Plans the follow-up closed: all paid, or broken (their page stays open for a while).
CLOSED_STATES = ("completed", "broken")
DEFAULT_BATCH_SIZE = 100


class DunningPaymentPlanTracking(models.AbstractModel):
    """The follow-up of signed payment plans, mixed into ``dunning.payment.plan``: the daily
    scheduled action (reminders, missed instalments, breaches, expired proposals) and the
    matching of the payments of the plan's invoices with its instalments."""

    _name = "dunning.payment.plan.tracking"
    _description = "Payment Plan Follow-up"

    # -------------------------------------------------------------------------
    # SCHEDULED ACTION: THE DAILY FOLLOW-UP
    # -------------------------------------------------------------------------

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
        self.env["dunning.scheduled.job"]._process_in_batches(
            plans,
            lambda batch: batch._process_batch_safely(today),
            self.env.context.get("payment_plan_batch_size", DEFAULT_BATCH_SIZE),
        )

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

    # -------------------------------------------------------------------------
    # PAYMENT MATCHING
    # -------------------------------------------------------------------------

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

    # -------------------------------------------------------------------------
    # BREACH
    # -------------------------------------------------------------------------

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
        self.env["dunning.run"]._run(moves=moves, today=today)

    def _formal_notice_level(self):
        self.ensure_one()
        policy = self.partner_id.dunning_policy_id or self.company_id._dunning_policy()
        return policy.level_ids.filtered("is_formal_notice")[:1]
