# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from decimal import Decimal

import requests

from odoo import api, fields, models

from ..rules import ecb, penalties

_logger = logging.getLogger(__name__)
ECB_TIMEOUT = 20  # seconds


class DunningInterestRate(models.Model):
    """Rates in force for a half-year: ECB refinancing rate and legal interest rates.

    Published twice a year (ECB rate on 1 January and 1 July; legal rates by decree). A
    half-year without a row is reported, never filled with an older rate.
    """

    _name = "dunning.interest.rate"
    _description = "Late-payment Rates"
    _order = "year desc, half desc"

    name = fields.Char(compute="_compute_name", store=True)
    year = fields.Integer(required=True)
    half = fields.Selection(
        selection=[("1", "January-June"), ("2", "July-December")],
        string="Half-year",
        required=True,
    )
    ecb_rate = fields.Float(
        string="ECB Refinancing Rate (%)",
        digits=(6, 3),
        required=True,
        help="Main refinancing rate of the ECB in force on 1 January or 1 July.",
    )
    legal_rate_individual = fields.Float(
        string="Legal Rate, Individual Creditor (%)",
        digits=(6, 3),
        help="Published by decree each half-year; empty (0) until recorded: legal interest is "
        "then reported missing, never computed.",
    )
    legal_rate_other = fields.Float(
        string="Legal Rate, Other Cases (%)",
        digits=(6, 3),
        help="Applies to a company creditor. Empty (0) until recorded.",
    )
    penalty_rate = fields.Float(
        string="Default Penalty Rate (%)",
        digits=(6, 3),
        compute="_compute_penalty_rate",
        help="ECB rate + 10 points (L441-10 C. com.).",
    )

    _half_year_uniq = models.Constraint(
        "unique(year, half)", "There is already a rate for this half-year."
    )

    @api.depends("year", "half")
    def _compute_name(self):
        for rate in self:
            rate.name = f"{rate.year} S{rate.half}" if rate.year and rate.half else False

    @api.depends("ecb_rate")
    def _compute_penalty_rate(self):
        for rate in self:
            rate.penalty_rate = rate.ecb_rate + float(penalties.DEFAULT_MARGIN_POINTS)

    @api.model
    def _rates_by_half(self):
        """All rates as {(year, half): HalfYearRates} for the pure computation."""
        return {
            (rate.year, int(rate.half)): penalties.HalfYearRates(
                rate.year,
                int(rate.half),
                Decimal(str(rate.ecb_rate)),
                # [UNSURE] a legal rate of 0 means "not recorded yet" (never happened)
                Decimal(str(rate.legal_rate_individual)) if rate.legal_rate_individual else None,
                Decimal(str(rate.legal_rate_other)) if rate.legal_rate_other else None,
            )
            for rate in self.search([])
        }

    # -------------------------------------------------------------------------
    # ECB IMPORT
    # -------------------------------------------------------------------------

    @api.model
    def _cron_import_ecb_rate(self):
        """Daily: the current half-year gets its ECB rate from the ECB Data Portal when it has
        none (so on 1 January and 1 July, and again the next days after a failure); a
        half-year without legal rates gives the accountant a to-do."""
        year, half = penalties.half_year(fields.Date.context_today(self))
        row = self._half_year_row(year, half)
        if not row:
            self._import_ecb_rate(year, half)
            row = self._half_year_row(year, half)
        if row and not (row.legal_rate_individual and row.legal_rate_other):
            self._ask_accountant(
                year,
                half,
                self.env._(
                    "Record the legal interest rates of %(year)s S%(half)s", year=year, half=half
                ),
                self.env._(
                    "The legal interest rates of the half-year are published by decree "
                    "(Légifrance): record them in Late-payment Rates."
                ),
            )

    def action_import_ecb_rate(self):
        """Button: import the ECB rate of the current half-year now."""
        year, half = penalties.half_year(fields.Date.context_today(self))
        imported = self._import_ecb_rate(year, half)
        message = (
            self.env._("ECB rate of %(year)s S%(half)s imported.", year=year, half=half)
            if imported
            else self.env._(
                "The ECB rate could not be imported: see the to-do with the link to record it."
            )
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if imported else "warning",
                "message": message,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    @api.model
    def _half_year_row(self, year, half):
        return self.search([("year", "=", year), ("half", "=", str(half))], limit=1)

    @api.model
    def _import_ecb_rate(self, year, half):
        """Fetch and record the ECB main refinancing rate in force on the first day of the
        half-year. Any failure (network, timeout, bad answer) leaves the table unchanged,
        logs the reason and gives the accountant a to-do with the link."""
        try:
            response = requests.get(
                ecb.API_URL,
                params=ecb.query_params(year, half),
                headers={"Accept": "text/csv"},
                timeout=ECB_TIMEOUT,
            )
            response.raise_for_status()
            rate = ecb.rate_in_force(response.text, ecb.first_day_of_half(year, half))
        except (requests.RequestException, ecb.EcbPayloadError) as error:
            _logger.warning("ECB rate of %s S%s not imported: %s", year, half, error)
            self._ask_accountant(
                year,
                half,
                self.env._("Record the ECB rate of %(year)s S%(half)s", year=year, half=half),
                self.env._(
                    "The automatic import failed (%(reason)s). The rate in force on the first "
                    "day of the half-year is on the ECB Data Portal: %(url)s",
                    reason=str(error)[:200],
                    url=ecb.HUMAN_URL,
                ),
            )
            return False
        row = self.sudo()._half_year_row(year, half)
        if row:
            row.ecb_rate = float(rate)
        else:
            self.sudo().create({"year": year, "half": str(half), "ecb_rate": float(rate)})
        _logger.info("ECB rate of %s S%s imported: %s %%", year, half, rate)
        return True

    @api.model
    def _ask_accountant(self, year, half, summary, note):
        """A to-do for the credit controller on the company, once."""
        company = self.env.company
        partner = company.partner_id.sudo()
        if any(activity.summary == summary for activity in partner.activity_ids):
            return
        responsible = (
            company.dunning_responsible_id
            or self.env.ref("base.user_admin", raise_if_not_found=False)
            or self.env.user
        )
        partner.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=summary,
            note=note,
            user_id=responsible.id,
        )
