# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Calendar arithmetic for legal periods (arts. 2228-2229 C. civ.)."""

import calendar
from datetime import date


def add_months(start: date, months: int) -> date:
    """Same day ``months`` later; clamped to the last day of a shorter month."""
    month_index = start.month - 1 + months
    year = start.year + month_index // 12
    month = month_index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return date(year, month, min(start.day, last_day))


def add_years(start: date, years: int) -> date:
    """Same calendar day ``years`` later ("de quantième à quantième").

    [UNSURE] A start on 29 February ends on 28 February of a common year: the earlier,
    safer date for the creditor (law file, section 1).
    """
    return add_months(start, 12 * years)


def days_between(start: date, end: date) -> int:
    """Whole days from ``start`` to ``end`` (negative when ``end`` is earlier)."""
    return (end - start).days
