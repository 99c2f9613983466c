# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

from ..rules import cockpit

DSO_MONTHS = 24  # months shown
HISTORY_MONTHS = 48  # months of sales the countback may walk back through


class DunningDso(models.Model):
    """Days sales outstanding by the countback method, month by month, for the company (no
    debtor) and for each debtor with receivables open at the end of the month.

    Computed by ``_refresh`` (daily job, and when the report is opened on a new day): the
    balance of the receivable accounts at the end of the month (every posted receivable item
    dated up to then, in company currency) is taken back through the sales (posted customer
    invoices less credit notes, taxes included, as in the receivables) of that month, then
    of the months before it, until it is used up.
    """

    _name = "dunning.dso"
    _description = "Days Sales Outstanding"
    _order = "date desc, partner_id"

    company_id = fields.Many2one(comodel_name="res.company", required=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one(comodel_name="res.partner", string="Debtor", index=True)
    date = fields.Date(string="Month End", required=True, index=True)
    balance = fields.Monetary(string="Receivables", aggregator="sum")
    sales = fields.Monetary(string="Sales of the Month", aggregator="sum")
    dso = fields.Float(string="DSO (days)", digits=(16, 1), aggregator="avg")
    computed_on = fields.Date(readonly=True)

    # -------------------------------------------------------------------------
    # ACTION METHODS
    # -------------------------------------------------------------------------

    @api.model
    def action_open_report(self):
        """The report, refreshed once a day for the companies of the user."""
        companies = self.env.companies
        today = fields.Date.context_today(self)
        fresh = self.search_count(
            [("company_id", "in", companies.ids), ("computed_on", "=", today)], limit=1
        )
        if not fresh:
            self._refresh(companies, today)
        return self.env["ir.actions.act_window"]._for_xml_id(
            "recouvrement_amiable.action_dunning_dso"
        )

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    @api.model
    def _cron_refresh(self):
        companies = self.env["res.company"].search([("active", "=", True)])
        self._refresh(companies, fields.Date.context_today(self))

    @api.model
    def _refresh(self, companies, today):
        """Recompute the 24 completed months before ``today`` for ``companies``."""
        month_ends = cockpit.last_month_ends(today.replace(day=1) - timedelta(days=1), DSO_MONTHS)
        self.env.flush_all()
        rows = self.env.execute_query(
            SQL(
                """
                SELECT l.company_id, cp.id, date_trunc('month', l.date)::date,
                       SUM(l.balance),
                       SUM(CASE WHEN m.move_type IN ('out_invoice', 'out_refund')
                                THEN l.balance ELSE 0 END)
                  FROM account_move_line l
                  JOIN account_account a ON a.id = l.account_id
                  JOIN account_move m ON m.id = l.move_id
                  JOIN res_partner p ON p.id = l.partner_id
                  JOIN res_partner cp ON cp.id = COALESCE(p.commercial_partner_id, p.id)
                 WHERE l.parent_state = 'posted' AND a.account_type = 'asset_receivable'
                   AND l.company_id IN %s AND l.date <= %s
                 GROUP BY 1, 2, 3
                """,
                tuple(companies.ids) or (0,),
                month_ends[-1],
            )
        )
        # movements and sales by (company, debtor) and month; the company itself as debtor 0
        movements = defaultdict(lambda: defaultdict(float))
        sales = defaultdict(lambda: defaultdict(float))
        for company_id, partner_id, month, movement, sale in rows:
            for key in ((company_id, partner_id), (company_id, 0)):
                movements[key][month] += movement
                sales[key][month] += sale
        for company in companies:  # an empty company has its (empty) figures too
            movements.setdefault((company.id, 0), defaultdict(float))
        values = []
        for key, by_month in movements.items():
            values += self._countback_rows(key, by_month, sales[key], month_ends, today)
        # derived figures: written by the add-on only, read by everyone of the company
        dso = self.sudo()
        dso.search([("company_id", "in", companies.ids)]).unlink()
        dso.create(values)

    @api.model
    def _countback_rows(self, key, movements, sales, month_ends, today):
        """The rows of one (company, debtor), debtor 0 being the company itself: one per
        month end the debtor owed something."""
        company_id, partner_id = key
        months = cockpit.last_month_ends(month_ends[-1], HISTORY_MONTHS)
        start = months[0].replace(day=1)
        opening = sum(amount for month, amount in movements.items() if month < start)
        balances = {}
        running = opening
        for month_end in months:
            running += movements.get(month_end.replace(day=1), 0.0)
            balances[month_end] = running
        rows = []
        for index, month_end in enumerate(months):
            if month_end < month_ends[0] or (partner_id and balances[month_end] <= 0.005):
                continue
            back = [
                (sales.get(month.replace(day=1), 0.0), month.day)
                for month in reversed(months[: index + 1])
            ]
            rows.append(
                {
                    "company_id": company_id,
                    "partner_id": partner_id or False,
                    "date": month_end,
                    "balance": balances[month_end],
                    "sales": sales.get(month_end.replace(day=1), 0.0),
                    "dso": cockpit.countback_dso(balances[month_end], back),
                    "computed_on": today,
                }
            )
        return rows
