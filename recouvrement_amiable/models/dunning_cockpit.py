# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

import pytz

from odoo import api, fields, models
from odoo.tools import SQL

from ..rules import cockpit

# A card of the cockpit per company: the whole team, then each collection responsible.
TEAM_USER = 0

# Each counter: the SQL rows (company_id, collector_id, res_id, amount) it counts, the model
# its list opens and the title of that list. The collector is the debtor's collection
# responsible, else the company's credit controller.
COLLECTOR = "COALESCE(cp.dunning_user_id, comp.dunning_responsible_id)"
OPEN_INVOICE = """
    m.state = 'posted' AND m.move_type IN ('out_invoice', 'out_refund')
    AND m.payment_state IN ('not_paid', 'partial', 'in_payment')
    AND m.amount_residual_signed > 0
"""
COUNTER_SOURCES = {
    "call": (
        "res.partner",
        f"""
        SELECT da.company_id, {COLLECTOR} AS collector_id, cp.id AS res_id, 0 AS amount
          FROM mail_activity a
          JOIN dunning_action da ON da.call_activity_id = a.id
          JOIN res_partner p ON p.id = da.partner_id
          JOIN res_partner cp ON cp.id = COALESCE(p.commercial_partner_id, p.id)
          JOIN res_company comp ON comp.id = da.company_id
         WHERE a.active AND a.date_deadline <= %(today)s
        """,
    ),
    "approval": (
        "dunning.action",
        f"""
        SELECT da.company_id, {COLLECTOR}, da.id, da.amount_due
          FROM dunning_action da
          JOIN res_partner p ON p.id = da.partner_id
          JOIN res_partner cp ON cp.id = COALESCE(p.commercial_partner_id, p.id)
          JOIN res_company comp ON comp.id = da.company_id
         WHERE da.state = 'to_approve'
        """,
    ),
    "promise": (
        "res.partner",
        f"""
        SELECT DISTINCT m.company_id, {COLLECTOR}, cp.id, 0
          FROM res_partner cp
          JOIN account_move m ON m.commercial_partner_id = cp.id
          JOIN res_company comp ON comp.id = m.company_id
         WHERE cp.dunning_promise_date IS NOT NULL
           AND (cp.dunning_promise_date = %(today)s
                OR cp.dunning_promise_date + comp.dunning_promise_grace_days < %(today)s)
           AND {OPEN_INVOICE} AND m.invoice_date_due < %(today)s
        """,
    ),
    "letter": (
        "dunning.action",
        f"""
        SELECT da.company_id, {COLLECTOR}, da.id, da.amount_due
          FROM dunning_action da
          JOIN res_partner p ON p.id = da.partner_id
          JOIN res_partner cp ON cp.id = COALESCE(p.commercial_partner_id, p.id)
          JOIN res_company comp ON comp.id = da.company_id
         WHERE da.state = 'sent' AND da.lrar_presentation_date IS NULL
           AND da.lrar_status IS NULL
           AND da.lrar_deposit_date + comp.dunning_lrar_followup_days <= %(today)s
        """,
    ),
    "plan_amend": (
        "dunning.payment.plan",
        f"""
        SELECT pl.company_id, {COLLECTOR}, pl.id, pl.amount_remaining
          FROM dunning_payment_plan pl
          JOIN res_partner p ON p.id = pl.partner_id
          JOIN res_partner cp ON cp.id = COALESCE(p.commercial_partner_id, p.id)
          JOIN res_company comp ON comp.id = pl.company_id
         WHERE pl.needs_amendment AND pl.state IN ('draft', 'proposed', 'signed', 'in_progress')
        """,
    ),
    "instalment": (
        "dunning.payment.plan.line",
        f"""
        SELECT pl.company_id, {COLLECTOR}, li.id, li.amount_residual
          FROM dunning_payment_plan_line li
          JOIN dunning_payment_plan pl ON pl.id = li.plan_id
          JOIN res_partner p ON p.id = pl.partner_id
          JOIN res_partner cp ON cp.id = COALESCE(p.commercial_partner_id, p.id)
          JOIN res_company comp ON comp.id = pl.company_id
         WHERE pl.state IN ('signed', 'in_progress') AND li.payment_state != 'paid'
           AND li.due_date < %(today)s
        """,
    ),
    "failure": (
        "dunning.action",
        f"""
        SELECT da.company_id, {COLLECTOR}, da.id, da.amount_due
          FROM dunning_action da
          JOIN res_partner p ON p.id = da.partner_id
          JOIN res_partner cp ON cp.id = COALESCE(p.commercial_partner_id, p.id)
          JOIN res_company comp ON comp.id = da.company_id
         WHERE (da.state = 'failed' OR da.delivery_failed) AND da.state != 'cancelled'
           AND NOT EXISTS (SELECT 1 FROM dunning_action r WHERE r.retry_of_id = da.id)
        """,
    ),
    "overdue": (
        "account.move",
        f"""
        SELECT m.company_id, {COLLECTOR}, m.id, m.amount_residual_signed
          FROM account_move m
          JOIN res_partner cp ON cp.id = m.commercial_partner_id
          JOIN res_company comp ON comp.id = m.company_id
         WHERE {OPEN_INVOICE} AND m.invoice_date_due < %(today)s
        """,
    ),
    # debtors in insolvency proceedings whose claim is not declared yet, deadline within 30 days
    "claim": (
        "res.partner",
        f"""
        SELECT DISTINCT m.company_id, {COLLECTOR}, cp.id, 0
          FROM res_partner cp
          JOIN account_move m ON m.commercial_partner_id = cp.id
          JOIN res_company comp ON comp.id = m.company_id
         WHERE cp.collection_freeze = 'insolvency' AND cp.claim_declaration_date IS NULL
           AND cp.claim_declaration_deadline >= %(today)s
           AND cp.claim_declaration_deadline < %(today)s + 30
           AND {OPEN_INVOICE}
        """,
    ),
}
# Prescription at risk: open invoices whose last day to claim falls in the next N days;
# "prescribed": open invoices whose prescription was reached in the last 12 months.
for _days in (30, 90, 180):
    COUNTER_SOURCES[f"risk_{_days}"] = (
        "account.move",
        f"""
        SELECT m.company_id, {COLLECTOR}, m.id, m.amount_residual_signed
          FROM account_move m
          JOIN res_partner cp ON cp.id = m.commercial_partner_id
          JOIN res_company comp ON comp.id = m.company_id
         WHERE {OPEN_INVOICE} AND NOT m.is_in_litigation
           AND m.prescription_date >= %(today)s
           AND m.prescription_date < %(today)s + {_days}
        """,
    )
COUNTER_SOURCES["prescribed"] = (
    "account.move",
    f"""
    SELECT m.company_id, {COLLECTOR}, m.id, m.amount_residual_signed
      FROM account_move m
      JOIN res_partner cp ON cp.id = m.commercial_partner_id
      JOIN res_company comp ON comp.id = m.company_id
     WHERE {OPEN_INVOICE} AND NOT m.is_in_litigation
       AND m.prescription_date < %(today)s
       AND m.prescription_date >= %(today)s - 365
    """,
)
# Payment plans that ended in the last 12 months, completed or broken.
for _state, _date in (("completed", "completed_date"), ("broken", "broken_date")):
    COUNTER_SOURCES[f"plan_{_state}"] = (
        "dunning.payment.plan",
        f"""
        SELECT pl.company_id, {COLLECTOR}, pl.id, pl.amount_total
          FROM dunning_payment_plan pl
          JOIN res_partner p ON p.id = pl.partner_id
          JOIN res_partner cp ON cp.id = COALESCE(p.commercial_partner_id, p.id)
          JOIN res_company comp ON comp.id = pl.company_id
         WHERE pl.state = '{_state}' AND pl.{_date} > %(today)s - 365
        """,
    )
COUNT_FIELDS = {
    "call": "call_count",
    "approval": "approval_count",
    "promise": "promise_count",
    "letter": "letter_count",
    "plan_amend": "plan_amend_count",
    "instalment": "instalment_count",
    "failure": "failure_count",
    "overdue": "overdue_count",
    "claim": "claim_count",
    "risk_30": "risk_30_count",
    "risk_90": "risk_90_count",
    "risk_180": "risk_180_count",
    "prescribed": "prescribed_count",
    "plan_completed": "plan_completed_count",
    "plan_broken": "plan_broken_count",
}
AMOUNT_FIELDS = {
    "overdue": "overdue_amount",
    "risk_30": "risk_30_amount",
    "risk_90": "risk_90_amount",
    "risk_180": "risk_180_amount",
    "prescribed": "prescribed_amount",
}


class DunningCockpit(models.Model):
    """Today's work, one card per company and collector: counters, each opening its list."""

    _name = "dunning.cockpit"
    _description = "Collection Cockpit"
    _auto = False
    _order = "company_id, is_team desc, user_id"
    _depends = {
        "res.partner": ["company_id", "dunning_user_id"],
        "res.company": ["dunning_responsible_id"],
    }

    company_id = fields.Many2one(comodel_name="res.company", readonly=True)
    user_id = fields.Many2one(comodel_name="res.users", string="Collector", readonly=True)
    is_team = fields.Boolean(string="Whole Team", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    # Counters
    call_count = fields.Integer(string="Calls Due", compute="_compute_counters")
    calling_now = fields.Boolean(string="Within Calling Hours", compute="_compute_calling_now")
    next_call_slot = fields.Datetime(string="Next Calling Slot", compute="_compute_calling_now")
    approval_count = fields.Integer(string="Formal Notices to Approve", compute="_compute_counters")
    promise_count = fields.Integer(string="Promises Due or Broken", compute="_compute_counters")
    letter_count = fields.Integer(
        string="Registered Letters Without Presentation", compute="_compute_counters"
    )
    plan_amend_count = fields.Integer(string="Plans to Amend", compute="_compute_counters")
    instalment_count = fields.Integer(string="Missed Instalments", compute="_compute_counters")
    failure_count = fields.Integer(string="Failed Deliveries", compute="_compute_counters")
    claim_count = fields.Integer(
        string="Claims to Declare",
        compute="_compute_counters",
        help="Debtors in insolvency proceedings whose claim is not declared yet, the deadline "
        "falling within 30 days (L622-24 C. com.).",
    )
    overdue_count = fields.Integer(string="Overdue Invoices", compute="_compute_counters")
    overdue_amount = fields.Monetary(string="Overdue", compute="_compute_counters")
    # Prescription at risk
    risk_30_count = fields.Integer(
        string="Invoices Prescribed Within 30 Days", compute="_compute_counters"
    )
    risk_30_amount = fields.Monetary(
        string="Prescribed Within 30 Days", compute="_compute_counters"
    )
    risk_90_count = fields.Integer(
        string="Invoices Prescribed Within 90 Days", compute="_compute_counters"
    )
    risk_90_amount = fields.Monetary(
        string="Prescribed Within 90 Days", compute="_compute_counters"
    )
    risk_180_count = fields.Integer(
        string="Invoices Prescribed Within 180 Days", compute="_compute_counters"
    )
    risk_180_amount = fields.Monetary(
        string="Prescribed Within 180 Days", compute="_compute_counters"
    )
    prescribed_count = fields.Integer(
        string="Invoices Lost to Prescription", compute="_compute_counters"
    )
    prescribed_amount = fields.Monetary(
        string="Lost to Prescription (12 Months)", compute="_compute_counters"
    )

    # Payment plans ended in the last 12 months
    plan_completed_count = fields.Integer(
        string="Plans Completed (12 Months)", compute="_compute_counters"
    )
    plan_broken_count = fields.Integer(
        string="Plans Broken (12 Months)", compute="_compute_counters"
    )
    plan_completion_rate = fields.Float(
        string="Completion Rate (%)", digits=(16, 1), compute="_compute_counters"
    )
    plan_broken_rate = fields.Float(
        string="Broken Rate (%)", digits=(16, 1), compute="_compute_counters"
    )

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT c.id::bigint * 2147483648 + COALESCE(u.user_id, %(team)s) AS id,
                   c.id AS company_id, u.user_id, u.user_id IS NULL AS is_team
              FROM res_company c
             CROSS JOIN LATERAL (
                   SELECT NULL::integer AS user_id
                    UNION
                   SELECT c.dunning_responsible_id WHERE c.dunning_responsible_id IS NOT NULL
                    UNION
                   SELECT p.dunning_user_id
                     FROM res_partner p
                    WHERE p.dunning_user_id IS NOT NULL
                      AND (p.company_id IS NULL OR p.company_id = c.id)
             ) u
            """,
            team=TEAM_USER,
        )

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends("is_team")
    def _compute_display_name(self):
        for card in self:
            card.display_name = (
                self.env._("Whole team") if card.is_team else card.user_id.display_name
            )

    def _compute_counters(self):
        """All counters of all cards in one query, grouped by company and collector."""
        totals = self._counter_totals()
        for card in self:
            for kind, field in COUNT_FIELDS.items():
                card[field] = card._card_total(totals, kind)[0]
            for kind, field in AMOUNT_FIELDS.items():
                card[field] = card._card_total(totals, kind)[1]
            ended = card.plan_completed_count + card.plan_broken_count
            card.plan_completion_rate = cockpit.share(card.plan_completed_count, ended)
            card.plan_broken_rate = cockpit.share(card.plan_broken_count, ended)

    def _card_total(self, totals, kind):
        rows = totals.get((kind, self.company_id.id), {})
        if self.is_team:
            return (
                sum(count for count, _amount in rows.values()),
                sum(a for _c, a in rows.values()),
            )
        return rows.get(self.user_id.id, (0, 0.0))

    def _compute_calling_now(self):
        now = fields.Datetime.now()
        for card in self:
            slot = card._next_call_slot_utc()
            card.next_call_slot = slot
            card.calling_now = slot <= now

    # -------------------------------------------------------------------------
    # ACTION METHODS
    # -------------------------------------------------------------------------

    def action_open_calls(self):
        return self._open_counter("call", self.env._("Calls due"))

    def action_open_approvals(self):
        return self._open_counter("approval", self.env._("Formal notices to approve"))

    def action_open_promises(self):
        return self._open_counter("promise", self.env._("Promises to pay due today or broken"))

    def action_open_letters(self):
        return self._open_counter(
            "letter", self.env._("Registered letters without presentation date")
        )

    def action_open_plans_to_amend(self):
        return self._open_counter("plan_amend", self.env._("Payment plans to amend"))

    def action_open_instalments(self):
        return self._open_counter("instalment", self.env._("Missed instalments"))

    def action_open_failures(self):
        return self._open_counter("failure", self.env._("Failed deliveries"))

    def action_open_claims(self):
        return self._open_counter("claim", self.env._("Claims to declare within 30 days"))

    def action_open_overdue(self):
        return self._open_counter("overdue", self.env._("Overdue invoices"))

    def action_open_risk_30(self):
        return self._open_counter("risk_30", self.env._("Prescribed within 30 days"))

    def action_open_risk_90(self):
        return self._open_counter("risk_90", self.env._("Prescribed within 90 days"))

    def action_open_risk_180(self):
        return self._open_counter("risk_180", self.env._("Prescribed within 180 days"))

    def action_open_plans_completed(self):
        return self._open_counter("plan_completed", self.env._("Plans completed (12 months)"))

    def action_open_plans_broken(self):
        return self._open_counter("plan_broken", self.env._("Plans broken (12 months)"))

    def action_open_prescribed(self):
        return self._open_counter("prescribed", self.env._("Lost to prescription (12 months)"))

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _counter_totals(self):
        """{(kind, company_id): {collector_id: (count, amount)}} for the companies of ``self``."""
        if not self:
            return {}
        self.env.flush_all()
        parts = [
            SQL(
                "SELECT %s AS kind, s.* FROM (%s) s(company_id, collector_id, res_id, amount)",
                kind,
                SQL(source, today=fields.Date.context_today(self)),
            )
            for kind, (_model, source) in COUNTER_SOURCES.items()
        ]
        rows = self.env.execute_query(
            SQL(
                """
                SELECT kind, company_id, collector_id, COUNT(DISTINCT res_id), SUM(amount)
                  FROM (%s) counters
                 WHERE company_id IN %s
                 GROUP BY kind, company_id, collector_id
                """,
                SQL(" UNION ALL ").join(parts),
                tuple(self.company_id.ids),
            )
        )
        totals = {}
        for kind, company_id, collector_id, count, amount in rows:
            totals.setdefault((kind, company_id), {})[collector_id] = (count, amount or 0.0)
        return totals

    def _counter_ids(self, kind):
        """Ids of the records behind one counter of this card."""
        self.ensure_one()
        self.env.flush_all()
        _model, source = COUNTER_SOURCES[kind]
        collector = SQL() if self.is_team else SQL("AND s.collector_id = %s", self.user_id.id)
        rows = self.env.execute_query(
            SQL(
                """
                SELECT DISTINCT s.res_id
                  FROM (%s) s(company_id, collector_id, res_id, amount)
                 WHERE s.company_id = %s %s
                """,
                SQL(source, today=fields.Date.context_today(self)),
                self.company_id.id,
                collector,
            )
        )
        return [row[0] for row in rows]

    def _open_counter(self, kind, title):
        self.ensure_one()
        model = COUNTER_SOURCES[kind][0]
        action = {
            "type": "ir.actions.act_window",
            "name": title,
            "res_model": model,
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
            "domain": [("id", "in", self._counter_ids(kind))],
            "context": {"create": False, "allowed_company_ids": self.company_id.ids},
        }
        if kind == "call":
            view = self.env.ref("recouvrement_amiable.view_partner_call_list")
            action["views"] = [(view.id, "list"), (False, "form")]
        return action

    @api.model
    def _cron_refresh_payment_scores(self):
        self._refresh_payment_scores(fields.Date.context_today(self))

    @api.model
    def _refresh_payment_scores(self, today):
        """Score every debtor on its last 12 months (``rules.cockpit.payment_score``, with
        the weights of the current company: a debtor's score is one figure for all companies).

        Days late: per invoice due in the period, from its due date to its last payment, or to
        today while it is still open. Broken promise: the promised date plus the grace period
        passed with invoices still overdue. Plans broken and invoices disputed in the period.
        Debtors without any of these are at 100.
        """
        self.env.flush_all()
        rows = self.env.execute_query(
            SQL(
                """
                WITH late AS (
                    SELECT m.commercial_partner_id AS partner_id,
                           AVG(GREATEST(0, CASE
                               WHEN m.payment_state IN ('not_paid', 'partial')
                               THEN %(today)s - m.invoice_date_due
                               ELSE COALESCE(paid.last, m.invoice_date_due) - m.invoice_date_due
                           END)) AS days
                      FROM account_move m
                      LEFT JOIN LATERAL (
                           SELECT MAX(pr.max_date) AS last
                             FROM account_move_line l
                             JOIN account_partial_reconcile pr ON pr.debit_move_id = l.id
                            WHERE l.move_id = m.id
                      ) paid ON TRUE
                     WHERE m.move_type = 'out_invoice' AND m.state = 'posted'
                       AND m.invoice_date_due <= %(today)s
                       AND (m.payment_state IN ('not_paid', 'partial')
                            OR paid.last >= %(since)s)
                     GROUP BY 1
                ), promises AS (
                    SELECT DISTINCT cp.id AS partner_id
                      FROM res_partner cp
                      JOIN account_move m ON m.commercial_partner_id = cp.id
                      JOIN res_company comp ON comp.id = m.company_id
                     WHERE cp.dunning_promise_date + comp.dunning_promise_grace_days < %(today)s
                       AND m.move_type = 'out_invoice' AND m.state = 'posted'
                       AND m.payment_state IN ('not_paid', 'partial')
                       AND m.invoice_date_due <= cp.dunning_promise_date
                ), plans AS (
                    SELECT p.commercial_partner_id AS partner_id, COUNT(*) AS broken
                      FROM dunning_payment_plan pl
                      JOIN res_partner p ON p.id = pl.partner_id
                     WHERE pl.state = 'broken' AND pl.broken_date >= %(since)s
                     GROUP BY 1
                ), disputes AS (
                    SELECT m.commercial_partner_id AS partner_id, COUNT(*) AS disputed
                      FROM account_move m
                     WHERE m.is_disputed AND m.dispute_date >= %(since)s
                     GROUP BY 1
                )
                SELECT partner_id, COALESCE(MAX(late.days), 0),
                       COUNT(promises.partner_id), COALESCE(MAX(plans.broken), 0),
                       COALESCE(MAX(disputes.disputed), 0)
                  FROM late
                  FULL JOIN promises USING (partner_id)
                  FULL JOIN plans USING (partner_id)
                  FULL JOIN disputes USING (partner_id)
                 GROUP BY partner_id
                """,
                today=today,
                since=today - timedelta(days=365),
            )
        )
        weights = self.env.company._dunning_score_weights()
        scores = [
            (partner_id, cockpit.payment_score(float(days), promises, plans, disputes, weights))
            for partner_id, days, promises, plans, disputes in rows
        ]
        if scores:
            self.env.execute_query(
                SQL(
                    """
                    UPDATE res_partner p SET dunning_score = s.score
                      FROM (VALUES %s) AS s(id, score)
                     WHERE p.id = s.id AND p.dunning_score IS DISTINCT FROM s.score
                    """,
                    SQL(", ").join(SQL("(%s, %s)", pid, score) for pid, score in scores),
                )
            )
        self.env.execute_query(
            SQL(
                """
                UPDATE res_partner SET dunning_score = 100
                 WHERE dunning_score IS DISTINCT FROM 100 AND id != ALL(%s)
                """,
                [pid for pid, _score in scores],
            )
        )
        self.env["res.partner"].invalidate_model(["dunning_score"])

    def _next_call_slot_utc(self):
        """First moment debtors may be called, as the dunning run plans its calls (UTC)."""
        slot = self.env["dunning.action"].with_company(self.company_id)._next_call_slot()
        tz = pytz.timezone(self.env.user.tz or "Europe/Paris")
        return tz.localize(slot).astimezone(pytz.utc).replace(tzinfo=None)
