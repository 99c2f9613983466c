# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from decimal import Decimal

from odoo import api, fields, models

from ..rules import penalties


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
        string="Legal Rate, Individual Creditor (%)", digits=(6, 3), required=True
    )
    legal_rate_other = fields.Float(
        string="Legal Rate, Other Cases (%)",
        digits=(6, 3),
        required=True,
        help="Applies to a company creditor.",
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
                Decimal(str(rate.legal_rate_individual)),
                Decimal(str(rate.legal_rate_other)),
            )
            for rate in self.search([])
        }
