# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
import os
import socket
import threading
import uuid

from psycopg2 import errors as pg_errors

from odoo import Command, api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL

from ..rules import debtor_category, dunning, penalties, phone, prescription

_logger = logging.getLogger(__name__)

CONTACT_STATES = ("sent", "failed", "handover")  # a failed e-mail was still an attempt
DEFAULT_BATCH_SIZE = 200
DEBTOR_LOCK_KEY = 0x44554E  # "DUN": namespace of the per-debtor advisory locks
DEBTOR_LOCKS_PER_TRANSACTION = 1000  # a run in one transaction takes no more (see _lock_debtors)
PLAN_LOCK_KEY = 0x44554F  # namespace of the lock taken while a day's run is split into units


def empty_history():
    """Contact history of a debtor never contacted (see ``dunning.run._contact_history``)."""
    return {"last": None, "count": 0, "pending": False, "today": False}


class DunningRun(models.AbstractModel):
    """The dunning run: which debtors to contact today, at which level, for which invoices.

    A service without records, like Odoo's own scheduled services: the daily scheduled
    action, the "Relancer" server actions, the partner button, the forced contact and a
    broken payment plan all call ``_run``; it creates the communications
    (``dunning.action``), which then send themselves. It also computes a debtor's late
    costs for the run, the payment plans and their wizard.
    """

    _name = "dunning.run"
    _description = "Dunning Run"

    # -------------------------------------------------------------------------
    # SCHEDULED ACTION AND ENTRY POINT
    # -------------------------------------------------------------------------

    @api.model
    def _cron_run(self):
        """The daily scheduled action, one worker of the day's run: every invoice.

        Odoo runs one scheduled action in one cron worker at a time (it locks the job's row),
        so the add-on ships two scheduled actions calling this method; each copy is one more
        worker. The first worker of the day splits the run into work units (batches of
        debtors); every worker claims units with a row lock that skips the units another
        worker holds, and commits each unit with its progress.
        """
        run = self.sudo()
        today = fields.Date.context_today(run)
        commit = run.env["dunning.scheduled.job"]._in_scheduled_job()
        run._plan_units(today, commit=commit)
        return run._work_units(today, commit=commit)

    @api.model
    def _run(self, moves=None, today=None, force_reason=None, commit=False):
        """Contact every debtor that has invoices due for a dunning level: one communication per
        debtor and currency, at the highest level due among its invoices, listing each invoice
        due.

        Called by the daily scheduled action (all invoices, ``commit``), the "Relancer" server
        actions and the partner button (``moves`` given, never committed half-way). Debtors are
        processed by batches, each batch committed by the scheduled action (which stops when its
        time is up and goes on at its next call), so that a crash loses nothing and sends
        nothing twice; each debtor is locked, and the database accepts
        one communication per debtor, currency and day, so that two runs never contact the
        same debtor twice.
        """
        today = today or fields.Date.context_today(self)
        groups, by_debtor = self._group_by_debtor(self._candidates(moves, today))
        actions = self.env["dunning.action"]

        def run_batch(debtors):
            nonlocal actions
            keys = [key for debtor in debtors for key in by_debtor[debtor]]
            # the batch's own prefetch sets: a field read loads this batch's invoices and
            # debtors, not 1,000 of other batches (at 20,000 debtors, a query for every few
            # debtors of the batch)
            prefetch = tuple(move_id for key in keys for move_id in groups[key]._ids)
            debtor_ids = tuple(debtor.id for debtor in debtors)
            batch = {}
            for company, debtor, currency in keys:
                moves = groups[company, debtor, currency].with_prefetch(prefetch)
                batch[company, debtor.with_prefetch(debtor_ids), currency] = moves
            actions |= self._run_batch_safely(batch, today, force_reason)

        self.env["dunning.scheduled.job"]._process_in_batches(
            list(by_debtor),
            run_batch,
            self.env.context.get("dunning_batch_size", DEFAULT_BATCH_SIZE),
            commit=commit,
        )
        self._trigger_letters(actions)
        return actions

    @api.model
    def _group_by_debtor(self, candidates):
        """The candidates by (company, debtor, currency), and those keys by debtor, in order."""
        groups = candidates.grouped(
            lambda m: (m.company_id, m.commercial_partner_id, m.currency_id)
        )
        by_debtor = {}
        for key in sorted(groups, key=lambda key: (key[1].id, key[0].id, key[2].id)):
            by_debtor.setdefault(key[1], []).append(key)
        return groups, by_debtor

    @api.model
    def _trigger_letters(self, actions):
        if actions.filtered("letter_state"):
            # the letters job seals what it printed; e-mails are sealed by the hourly job
            self.env.ref("recouvrement_amiable.ir_cron_dunning_letters").sudo()._trigger()

    # -------------------------------------------------------------------------
    # WORK UNITS: SEVERAL WORKERS SHARE ONE RUN
    # -------------------------------------------------------------------------

    @api.model
    def _plan_units(self, today, commit=False):
        """Split the day's run into work units of debtors, once a day, whichever worker comes
        first. Returns the units created (none when the day is already planned).

        With ``commit`` (a scheduled action), the worker that plans holds a session lock while
        the others wait for it, then they see its units in the snapshot that follows its
        commit; the units of earlier days are removed. One query finds the day's debtors.
        """
        Unit = self.env["dunning.run.unit"]
        cr = self.env.cr
        if commit:
            cr.execute(SQL("SELECT pg_advisory_lock(%s, %s)", PLAN_LOCK_KEY, today.toordinal()))
            # committed: the next statement takes a snapshot that sees the other's units
            self.env["ir.cron"]._commit_progress()
        try:
            if Unit.search_count(Domain("date", "=", today), limit=1):
                return Unit
            Unit.search(Domain("date", "<", today)).unlink()
            debtor_ids = sorted(
                partner.id
                for [partner] in self.env["account.move"]._read_group(
                    self._candidate_domain(today), ["commercial_partner_id"]
                )
            )
            size = self.env.context.get("dunning_batch_size", DEFAULT_BATCH_SIZE)
            vals_list = [
                {
                    "date": today,
                    "sequence": index,
                    "partner_ids": [Command.set(debtor_ids[start : start + size])],
                }
                for index, start in enumerate(range(0, len(debtor_ids), size))
            ]
            try:
                with cr.savepoint():
                    units = Unit.create(vals_list)
            except (pg_errors.UniqueViolation, pg_errors.SerializationFailure):
                # planned by a worker outside a scheduled action, which our snapshot predates
                return Unit
            if units:
                self._wake_workers()
            if commit:
                self.env["ir.cron"]._commit_progress()
            return units
        except Exception:
            if commit:
                cr.rollback()
            raise
        finally:
            if commit:
                cr.execute(
                    SQL("SELECT pg_advisory_unlock(%s, %s)", PLAN_LOCK_KEY, today.toordinal())
                )

    @api.model
    def _wake_workers(self):
        """Every scheduled action of the run starts now (on commit): they share the units."""
        crons = (
            self.env["ir.cron"]
            .sudo()
            .search(
                Domain("model_id.model", "=", self._name)
                & Domain("code", "=like", "%_cron_run()%")
                & Domain("id", "!=", self.env.context.get("cron_id") or 0)
            )
        )
        for cron in crons:
            cron._trigger()

    @api.model
    def _work_units(self, today, commit=False):
        """Claim the day's work units one at a time, skipping those another worker holds, and
        contact their debtors. With ``commit``, each unit is committed with the job's progress;
        when the job's time is up, the rest is left for its next call (or the other workers).
        """
        Unit = self.env["dunning.run.unit"]
        cron = self.env["ir.cron"]
        worker = f"{socket.gethostname()}:{os.getpid()}/{threading.current_thread().name}"
        actions = self.env["dunning.action"]
        while unit := self._claim_unit(today, commit):
            started = fields.Datetime.now()
            done = self._run_unit(unit, today)
            unit.write(
                {
                    "state": "done",
                    "worker": worker,
                    "started_at": started,
                    "done_at": fields.Datetime.now(),
                    "action_count": len(done),
                }
            )
            actions |= done
            self._trigger_letters(done)
            if commit:
                remaining = Unit.search_count(
                    Domain("date", "=", today) & Domain("state", "=", "todo")
                )
                time_left = cron._commit_progress(len(unit.partner_ids), remaining=remaining)
                if remaining and not time_left:
                    if self.env.context.get("cron_id"):
                        cron.browse(self.env.context["cron_id"])._trigger()  # wake up soon
                    return actions
        if commit:
            cron._commit_progress(0, remaining=0)  # the others finish the units they hold
        return actions

    @api.model
    def _claim_unit(self, today, commit=False):
        """The next unit of the day no worker holds, locked for this transaction, or none.

        ``FOR NO KEY UPDATE SKIP LOCKED``, as Odoo's scheduler claims its jobs. A unit another
        worker committed after this transaction's snapshot makes the lock fail: after a commit
        the claim is tried again on a fresh snapshot; in one transaction, the others finish.
        """
        Unit = self.env["dunning.run.unit"]
        Unit.flush_model(["date", "state"])
        query = SQL(
            """SELECT id FROM dunning_run_unit
                WHERE date = %s AND state = 'todo'
             ORDER BY sequence
                LIMIT 1
           FOR NO KEY UPDATE SKIP LOCKED""",
            today,
        )
        for _attempt in range(10):
            try:
                with self.env.cr.savepoint(flush=False):
                    self.env.cr.execute(query, log_exceptions=False)
                    row = self.env.cr.fetchone()
                return Unit.browse(row[0]) if row else Unit
            except pg_errors.SerializationFailure:
                if not commit:
                    return Unit
                self.env.cr.rollback()
        return Unit

    @api.model
    def _run_unit(self, unit, today):
        """Contact the debtors of one work unit: their candidates in one query, one batch."""
        groups, by_debtor = self._group_by_debtor(
            self._candidates(None, today, debtors=unit.partner_ids)
        )
        batch = {key: groups[key] for debtor in by_debtor for key in by_debtor[debtor]}
        if not batch:
            return self.env["dunning.action"]
        return self._run_batch_safely(batch, today, None)

    @api.model
    def _run_batch_safely(self, batch, today, force_reason):
        """The batch at once; when another run contacted one of its debtors meanwhile (the
        database refuses a second communication that day), debtor by debtor, skipping it."""
        try:
            with self.env.cr.savepoint():
                return self._run_batch(batch, today, force_reason)
        except (
            pg_errors.UniqueViolation,
            pg_errors.SerializationFailure,
            pg_errors.DeadlockDetected,
        ):
            debtors = {key[1] for key in batch}
            if len(debtors) == 1:
                _logger.info("Debtor %s was contacted by another run today: skipped", debtors)
                return self.env["dunning.action"]
        actions = self.env["dunning.action"]
        for debtor in sorted(debtors, key=lambda debtor: debtor.id):
            sub_batch = {key: moves for key, moves in batch.items() if key[1] == debtor}
            actions |= self._run_batch_safely(sub_batch, today, force_reason)
        return actions

    # -------------------------------------------------------------------------
    # CANDIDATES
    # -------------------------------------------------------------------------

    @api.model
    def _candidates(self, moves, today, debtors=None):
        """Open, overdue, recoverable customer invoices of debtors that may be dunned."""
        domain = self._candidate_domain(today)
        if moves is not None:
            domain &= Domain("id", "in", moves.ids)
        if debtors is not None:
            domain &= Domain("commercial_partner_id", "in", debtors.ids)
        return self.env["account.move"].search_fetch(
            domain,
            [
                "company_id",
                "commercial_partner_id",
                "currency_id",
                "invoice_date",
                "invoice_date_due",
                "amount_total",
                "amount_residual",
                "dunning_level_id",
                "dunning_last_date",
                "dunning_resume_level_id",
            ],
            order="invoice_date_due, id",
        )

    @api.model
    def _candidate_domain(self, today):
        """Extension point: what may be dunned. Never a blocked or prescribed debt."""
        return (
            Domain(
                [
                    ("move_type", "=", "out_invoice"),
                    ("state", "=", "posted"),
                    ("payment_state", "in", ("not_paid", "partial")),
                    ("invoice_date_due", "<", today),
                    ("amount_residual", ">", 0),
                    ("is_collection_blocked", "=", False),
                    ("commercial_partner_id.dunning_excluded", "=", False),
                    # handed over to litigation: the amicable phase is over for the debtor
                    ("commercial_partner_id.dunning_handover_date", "=", False),
                    ("line_ids", "not any", [("no_followup", "=", True)]),
                ]
            )
            & (Domain("prescription_date", "=", False) | Domain("prescription_date", ">=", today))
            & (
                # a proposed or respected payment plan pauses dunning
                Domain("payment_plan_id", "=", False)
                | Domain("payment_plan_id.state", "=", "draft")
            )
        )

    # -------------------------------------------------------------------------
    # BATCH: LOCKS AND GUARDRAILS
    # -------------------------------------------------------------------------

    @api.model
    def _run_batch(self, groups, today, force_reason):
        debtors = self.env["res.partner"].union(*(debtor for _company, debtor, _cur in groups))
        locked = self._lock_debtors(debtors)
        run = {
            "today": today,
            "force_reason": force_reason,
            "history": self._contact_history(locked, today),
            "rates": self.env["dunning.interest.rate"]._rates_by_half(),
        }
        batch_moves = self.env["account.move"].union(*groups.values())
        run["written"] = self._last_written_reminders(batch_moves)
        run["plan_bases"] = self._plan_cost_bases(batch_moves)
        run["court"] = []
        vals_list = []
        for (company, debtor, _currency), moves in groups.items():
            if debtor in locked:
                vals = self._plan_for_debtor(company, debtor, moves, run)
                if vals:
                    vals_list.append(vals)
        for moves, last_day in run["court"]:
            moves._schedule_court_filing(last_day)
        actions = self.env["dunning.action"]._internal().create(vals_list)
        actions._dispatch()
        return actions

    @api.model
    def _lock_debtors(self, debtors):
        """Lock each debtor for this transaction; skip those another run is processing.

        A lock per debtor, never on the whole table. A run that started before another one
        committed, and then contacts the same debtor, fails on the debtor's row update
        (``dunning_last_contact_date``, repeatable read) or on the one-contact-a-day index,
        and rolls back its batch: the debtor is never contacted twice.

        The locks are held until the commit, and PostgreSQL's lock table is shared and small
        (``max_locks_per_transaction`` times connections, about 6,400 by default): a run in one
        transaction stops taking them after ``DEBTOR_LOCKS_PER_TRANSACTION``, and then only
        skips the debtors another transaction holds; the row update and the index keep
        protecting the rest.
        """
        if not debtors:
            return debtors
        rows = self.env.execute_query(
            SQL(
                """
                WITH budget AS (
                    SELECT count(*) < %(budget)s AS available
                      FROM pg_locks
                     WHERE locktype = 'advisory' AND pid = pg_backend_pid()
                       AND classid = %(key)s AND objsubid = 2
                ), held AS (
                    SELECT objid::bigint AS id
                      FROM pg_locks
                     WHERE locktype = 'advisory' AND pid <> pg_backend_pid()
                       AND classid = %(key)s AND objsubid = 2
                )
                SELECT debtor.id
                  FROM unnest(%(ids)s::int[]) AS debtor(id), budget
                 WHERE CASE WHEN budget.available THEN pg_try_advisory_xact_lock(%(key)s, debtor.id)
                            ELSE debtor.id NOT IN (SELECT id FROM held) END
                """,
                budget=DEBTOR_LOCKS_PER_TRANSACTION,
                key=DEBTOR_LOCK_KEY,
                ids=list(debtors.ids),
            )
        )
        return debtors.browse([row[0] for row in rows])

    @api.model
    def _contact_history(self, debtors, today, exclude=None):
        """Per debtor: last contact day, contact days in the last 30 days, a communication
        pending approval, contacted today. All channels and currencies together: the
        communications of one day are one contact.

        One grouped query for the whole batch.
        """
        since = fields.Date.subtract(today, days=dunning.CONTACT_WINDOW_DAYS - 1)
        domain = Domain("partner_id", "in", debtors.ids) & (
            Domain("date", ">=", since) | Domain("state", "=", "to_approve")
        )
        if exclude:
            domain &= Domain("id", "not in", exclude.ids)
        groups = self.env["dunning.action"]._read_group(
            domain, groupby=["partner_id", "state", "date:day"], aggregates=["__count"]
        )
        history, days = {}, {}
        for partner, state, day, _count in groups:
            entry = history.setdefault(partner.id, empty_history())
            entry["pending"] = entry["pending"] or state == "to_approve"
            entry["today"] = entry["today"] or (day == today and state != "cancelled")
            if state in CONTACT_STATES:
                days.setdefault(partner.id, set()).add(day)
        for partner_id, contact_days in days.items():
            history[partner_id]["count"] = len(contact_days)
            history[partner_id]["last"] = max(contact_days)
        return history

    @api.model
    def _plan_for_debtor(self, company, debtor, moves, run):
        """Values of the communication to send this debtor now, or None. Guardrails first."""
        today, force_reason = run["today"], run["force_reason"]
        past = run["history"].get(debtor.id, empty_history())
        if past["pending"] or past["today"]:
            return None  # waiting for approval, or already contacted today (even when forced)
        if not force_reason and not self._contact_allowed(debtor, company, past, today):
            return None
        policy = debtor.dunning_policy_id or company._dunning_policy()
        if not policy:
            return None
        targets = self._target_levels(policy._sorted_levels(), moves, today, run)
        if not targets:
            return None
        top = max(targets.values(), key=lambda level: (level.sequence, level.id))
        # a formal notice interrupts nothing: too close to prescription, tell to file instead
        refused = top.is_formal_notice and self._court_filing_refusal(company, top, targets, run)
        too_soon = past["last"] and (today - past["last"]).days < top.min_days_since_contact
        if refused or (too_soon and not force_reason):
            return None
        vals = self._prepare_action_vals(debtor, top, moves, targets, run)
        if force_reason:
            vals.update(forced=True, force_reason=force_reason)
        return vals

    @api.model
    def _court_filing_refusal(self, company, level, targets, run):
        """Whether the formal notice ``level`` would announce a court action after a debt is
        prescribed; if so, the invoices concerned get a to-do to file (after the batch)."""
        last_day = prescription.court_filing_deadline(
            [move.prescription_date for move in targets],
            run["today"],
            level.payment_deadline_days,
            company.dunning_court_filing_margin_days,
        )
        if not last_day:
            return False
        close = [move.id for move in targets if move.prescription_date == last_day]
        run["court"].append((self.env["account.move"].browse(close), last_day))
        return True

    @api.model
    def _contact_allowed(self, debtor, company, past, today):
        if dunning.promise_pending(
            today, debtor.dunning_promise_date, company.dunning_promise_grace_days
        ):
            return False
        return dunning.contact_allowed(
            today,
            past["last"],
            past["count"],
            company.dunning_min_contact_gap,
            company.dunning_max_contacts,
        )

    @api.model
    def _last_written_reminders(self, moves):
        """{invoice id: date of the last written reminder (e-mail or letter, not a formal
        notice) sent about it}. One query for the whole batch."""
        if not moves:
            return {}
        self.env["dunning.action"].flush_model(
            ["date", "state", "channel_email", "channel_letter", "is_formal_notice"]
        )
        self.env["dunning.action.line"].flush_model(["move_id", "action_id"])
        rows = self.env.execute_query(
            SQL(
                """SELECT line.move_id, max(action.date)
                     FROM dunning_action_line line
                     JOIN dunning_action action ON action.id = line.action_id
                    WHERE line.move_id = ANY(%s)
                      AND action.state = 'sent'
                      AND (action.channel_email OR action.channel_letter)
                      AND NOT COALESCE(action.is_formal_notice, FALSE)
                 GROUP BY line.move_id""",
                list(moves.ids),
            )
        )
        return dict(rows)

    # -------------------------------------------------------------------------
    # LEVELS AND VALUES OF THE COMMUNICATIONS
    # -------------------------------------------------------------------------

    @api.model
    def _target_levels(self, levels, moves, today, run=None):
        """Level each invoice escalates to now: {invoice: level}, only for escalating ones.

        With progressive escalation (policy option), a formal notice only comes after a
        written reminder about the invoice and the policy's gap; a broken payment plan keeps
        its direct route to the formal notice.
        """
        rules = [level._to_rule() for level in levels]
        index_of = {level.id: index for index, level in enumerate(levels)}
        policy = levels[:1].policy_id
        progressive = policy.progressive_escalation
        written = (run or {}).get("written")
        if progressive and written is None:
            written = self._last_written_reminders(moves)
        targets = {}
        for move in moves:
            current = index_of.get(move.dunning_level_id.id, -1)
            since = (today - move.dunning_last_date).days if move.dunning_last_date else None
            days = (today - move.invoice_date_due).days
            target = dunning.target_level(rules, current, days, since)
            if progressive:
                target = dunning.progressive_target(
                    rules,
                    current,
                    target,
                    written.get(move.id),
                    today,
                    gap_days=policy.formal_notice_gap_days,
                )
            resume = index_of.get(move.dunning_resume_level_id.id, -1)
            if resume > max(current, -1 if target is None else target):
                target = resume  # a broken payment plan: straight to the formal notice
            if target is not None:
                targets[move] = levels[target]
        return targets

    @api.model
    def _prepare_action_vals(self, debtor, level, moves, targets, run):
        today = run["today"]
        contact = debtor._dunning_contact()
        company = moves[0].company_id
        # an address that bounced too often is as good as none: a letter instead
        has_email = bool(contact.email) and (
            contact.message_bounce < company.dunning_email_bounce_limit
        )
        sms = level.channel_sms and phone.sends_sms(debtor.debtor_type, level.sms_recipients)
        # an SMS-only level and no mobile to text: the e-mail (else the letter) instead
        written = level.channel_email or level.channel_letter or level.is_formal_notice
        unreachable = (
            sms
            and not (written or level.channel_phone)
            and not self.env["dunning.action"]._mobile_e164(contact | debtor)
        )
        wants_email = level.channel_email or level.is_formal_notice or unreachable
        late_fees = level.allow_late_fees and debtor_category.owes_late_costs(debtor.debtor_type)
        costs = (
            self._late_costs(debtor, moves, today, run["rates"], run.get("plan_bases"))
            if late_fees
            else {}
        )
        if level.is_litigation_handover:
            state = "handover"
        else:
            state = "to_approve" if level.needs_approval else "sent"
        return {
            "company_id": company.id,
            "currency_id": moves[0].currency_id.id,
            "partner_id": debtor.id,
            "contact_id": contact.id,
            "level_id": level.id,
            "date": today,
            "state": state,
            "channel_email": wants_email and has_email,
            # no e-mail address: a letter instead
            "channel_letter": level.channel_letter
            or level.is_formal_notice
            or (wants_email and not has_email),
            "channel_phone": level.channel_phone,
            "channel_sms": sms,
            "is_formal_notice": level.is_formal_notice,
            "late_fees_allowed": late_fees,
            "missing_rate": costs.get("missing"),
            # the e-mail's payment link: given here, Odoo's _portal_ensure_token would write
            # each communication again on its own
            "access_token": str(uuid.uuid4()),
            "line_ids": [
                Command.create(
                    self._prepare_line_vals(move, targets.get(move), today) | costs.get(move, {})
                )
                for move in moves
            ],
        }

    # -------------------------------------------------------------------------
    # LATE COSTS
    # -------------------------------------------------------------------------

    @api.model
    def _plan_cost_bases(self, moves):
        """{invoice id: (broken on, late costs acknowledged, is an invoice of late costs)} for
        the invoices a payment plan touched. One query for the whole batch."""
        if not moves:
            return {}
        plans = (
            self.env["dunning.payment.plan"]
            .sudo()
            .search_fetch(
                Domain("penalty_move_id", "in", moves.ids)
                | (Domain("state", "=", "broken") & Domain("move_ids", "in", moves.ids)),
                ["state", "move_ids", "penalty_move_id", "broken_date", "amount_late_costs"],
                order="broken_date, id",
            )
        )
        bases = {}
        for plan in plans:
            if plan.state == "broken":
                for move in plan.move_ids:
                    bases[move.id] = (plan.broken_date, bool(plan.amount_late_costs), False)
            if plan.penalty_move_id:
                bases[plan.penalty_move_id.id] = (None, True, True)
        return bases

    @api.model
    def _late_costs(self, debtor, moves, today, rates, bases=None):
        """Penalties and the €40 indemnity per invoice, for debtors that owe them (professionals:
        L441-10 and D441-5 C. com.; public-law debtors: R2192-31 and D2192-35 CCP).

        {invoice: {"penalty_amount", "indemnity_amount"}, "missing": "2026 S2"}: penalties
        over a half-year without a rate are reported missing, never computed with an old rate;
        the indemnity does not depend on rates. After a payment plan (law file, section 7):
        nothing on an invoice of late costs; a broken plan's invoices run from the breach,
        without a second €40 when the plan acknowledged the late costs.
        """
        contract_rate = debtor._late_payment_contract_rate()
        indemnity = float(penalties.fixed_indemnity(debtor.debtor_type, True))
        judgment = debtor._insolvency_judgment_date()
        if bases is None:
            bases = self._plan_cost_bases(moves)
        costs = {}
        for move in moves:
            broken_on, acknowledged, costs_invoice = bases.get(move.id, (None, False, False))
            start, indemnity_due = penalties.cost_basis_after_plan(
                move.invoice_date_due,
                broken_on=broken_on,
                acknowledged=acknowledged,
                costs_invoice=costs_invoice,
            )
            # insolvency: interest stops at the opening judgment, no €40 when it forbade paying
            until, not_forbidden = penalties.cost_basis_in_insolvency(
                move.invoice_date, move.invoice_date_due, today, judgment
            )
            indemnity_due = indemnity_due and not_forbidden
            penalty = 0.0
            try:
                if start:
                    penalty = penalties.late_penalties(
                        move.amount_residual,
                        start,
                        until,
                        rates,
                        contract_rate,
                        debtor_type=debtor.debtor_type or prescription.PROFESSIONAL,
                    )
            except penalties.MissingRate as missing:
                costs["missing"] = f"{missing.year} S{missing.half}"
                penalty = 0.0  # stated as missing on the letter, never guessed
            costs[move] = {
                "penalty_amount": float(penalty),
                "indemnity_amount": indemnity if indemnity_due else 0.0,
            }
        return costs

    # -------------------------------------------------------------------------
    # LINES
    # -------------------------------------------------------------------------

    @api.model
    def _prepare_line_vals(self, move, target_level, today):
        return {
            "move_id": move.id,
            "company_id": move.company_id.id,
            "level_id": (target_level or move.dunning_level_id).id,
            "is_escalation": bool(target_level),
            "currency_id": move.currency_id.id,
            "invoice_date": move.invoice_date,
            "invoice_date_due": move.invoice_date_due,
            "days_overdue": (today - move.invoice_date_due).days,
            "amount_total": move.amount_total,
            "amount_residual": move.amount_residual,
        }
