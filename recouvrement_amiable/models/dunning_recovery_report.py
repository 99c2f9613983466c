# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL

from ..rules import cockpit
from .dunning_ageing_report import receivable_account_ids


class DunningRecoveryReport(models.Model):
    """Recovery probability by age, measured on the company's own history.

    For each age of a debt (days past due), the amount of customer invoices still open at that
    age and the share of it paid within the next 30, 90 and 365 days. A debt counts for a
    horizon only once that horizon has fully elapsed (no partial window). Beside it, the
    rule of thumb of the trade. Company currency; payments at their reconciliation date.
    """

    _name = "dunning.recovery.report"
    _description = "Recovery Probability by Age"
    _auto = False
    _order = "company_id, age_days"
    _depends = {
        "account.move.line": [
            "company_id",
            "move_id",
            "account_id",
            "balance",
            "date_maturity",
            "parent_state",
        ],
        "account.move": ["move_type", "invoice_date_due"],
        "account.account": ["account_type"],
        "account.partial.reconcile": ["debit_move_id", "amount", "max_date"],
    }

    company_id = fields.Many2one(comodel_name="res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    age_days = fields.Integer(string="Age (days past due)", readonly=True, aggregator=None)
    open_30 = fields.Monetary(string="Open (30-day horizon)", readonly=True)
    paid_30 = fields.Monetary(string="Paid Within 30 Days", readonly=True)
    share_30 = fields.Float(string="% Within 30 Days", digits=(16, 1), readonly=True)
    open_90 = fields.Monetary(string="Open (90-day horizon)", readonly=True)
    paid_90 = fields.Monetary(string="Paid Within 90 Days", readonly=True)
    share_90 = fields.Float(string="% Within 90 Days", digits=(16, 1), readonly=True)
    open_365 = fields.Monetary(string="Open (365-day horizon)", readonly=True)
    paid_365 = fields.Monetary(string="Paid Within 365 Days", readonly=True)
    share_365 = fields.Float(string="% Within 365 Days", digits=(16, 1), readonly=True)
    trade_rule = fields.Float(
        string="Rule of Thumb (%)",
        digits=(16, 1),
        readonly=True,
        aggregator=None,
        help="What the trade usually quotes: about 75 % recovered at 3 months, 20 % after a year.",
    )

    @property
    def _table_query(self):
        today = fields.Date.context_today(self)
        offsets = sorted(
            {
                age + horizon
                for age in cockpit.RECOVERY_AGES
                for horizon in (0, *cockpit.RECOVERY_HORIZONS)
            }
        )
        paid_by = SQL(", ").join(
            SQL(
                "COALESCE(SUM(pr.amount) FILTER (WHERE pr.max_date <= due.day + %s), 0) AS %s",
                offset,
                SQL.identifier(f"paid_{offset}"),
            )
            for offset in offsets
        )
        per_age = SQL(" UNION ALL ").join(
            self._age_select(age, today) for age in cockpit.RECOVERY_AGES
        )
        # the reconciliations joined and summed per item, not looked up item by item: a lookup
        # per invoice took most of the time at 100,000 invoices
        return SQL(
            """
            WITH items AS (
                SELECT l.company_id, l.balance, due.day, %s
                  FROM account_move_line l
                  JOIN account_move m ON m.id = l.move_id
                 CROSS JOIN LATERAL (
                       SELECT COALESCE(l.date_maturity, m.invoice_date_due) AS day
                 ) due
                  LEFT JOIN account_partial_reconcile pr ON pr.debit_move_id = l.id
                 WHERE m.move_type = 'out_invoice' AND l.parent_state = 'posted'
                   AND l.account_id = ANY(%s::int[]) AND l.balance > 0
                   AND due.day IS NOT NULL AND due.day < %s
                 GROUP BY l.id, due.day
            )
            %s
            """,
            paid_by,
            receivable_account_ids(self.env),
            today,
            per_age,
        )

    def _age_select(self, age, today):
        shares = []
        for horizon in cockpit.RECOVERY_HORIZONS:
            ripe = SQL(
                "items.day + %s <= %s AND items.balance > %s",
                age + horizon,
                today,
                SQL.identifier("items", f"paid_{age}"),
            )
            still_open = SQL("items.balance - %s", SQL.identifier("items", f"paid_{age}"))
            paid = SQL(
                "%s - %s",
                SQL.identifier("items", f"paid_{age + horizon}"),
                SQL.identifier("items", f"paid_{age}"),
            )
            shares.append(
                SQL(
                    """
                    COALESCE(SUM(%(open)s) FILTER (WHERE %(ripe)s), 0) AS %(open_col)s,
                    COALESCE(SUM(%(paid)s) FILTER (WHERE %(ripe)s), 0) AS %(paid_col)s,
                    COALESCE(ROUND(100 * SUM(%(paid)s) FILTER (WHERE %(ripe)s)
                                   / NULLIF(SUM(%(open)s) FILTER (WHERE %(ripe)s), 0), 1), 0)
                        AS %(share_col)s
                    """,
                    open=still_open,
                    paid=paid,
                    ripe=ripe,
                    open_col=SQL.identifier(f"open_{horizon}"),
                    paid_col=SQL.identifier(f"paid_{horizon}"),
                    share_col=SQL.identifier(f"share_{horizon}"),
                )
            )
        return SQL(
            """
            SELECT items.company_id * 1000 + %(age)s AS id, items.company_id,
                   %(age)s AS age_days, %(shares)s, %(rule)s::float AS trade_rule
              FROM items
             GROUP BY items.company_id
            """,
            age=age,
            shares=SQL(", ").join(shares),
            rule=cockpit.TRADE_RECOVERY_RULE.get(age),
        )
