# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Figures of the collection cockpit: ageing buckets, DSO (countback), payment score."""

import calendar
from collections import namedtuple
from datetime import date

# Ageing buckets of a receivable, by days past its due date at the date of the balance:
# (key, first day, last day); None = no bound. "not_due" also holds items not yet due.
AGEING_BUCKETS = (
    ("not_due", None, 0),
    ("1_30", 1, 30),
    ("31_60", 31, 60),
    ("61_90", 61, 90),
    ("91_180", 91, 180),
    ("181_365", 181, 365),
    ("over_365", 366, None),
)

# Recovery probability: ages of a debt (days past due) and horizons after them (days).
RECOVERY_AGES = (0, 30, 90, 180, 365)
RECOVERY_HORIZONS = (30, 90, 365)
# What the trade quotes (share recovered, %) for a debt of that age: about 75 % at three
# months, 20 % after a year. Shown beside the company's own figures, never used in a rule.
TRADE_RECOVERY_RULE = {90: 75.0, 365: 20.0}

# Payment-behaviour score, 100 = pays on time, 0 = worst. Each penalty is capped so that one
# cause alone never brings a debtor below the others' reach. The company may change the
# weights (Settings); these are the defaults shipped.
ScoreWeights = namedtuple(
    "ScoreWeights",
    "days_late_points days_late_cap broken_promise broken_plan dispute events_cap",
)
DEFAULT_SCORE_WEIGHTS = ScoreWeights(
    days_late_points=0.5,  # points per average day late
    days_late_cap=45,
    broken_promise=15,
    broken_plan=20,
    dispute=5,
    events_cap=55,
)


def ageing_bucket(days_overdue):
    """Key of the bucket of a receivable ``days_overdue`` days past due (≤ 0: not due)."""
    for key, low, high in AGEING_BUCKETS:
        if (low is None or days_overdue >= low) and (high is None or days_overdue <= high):
            return key
    raise ValueError(days_overdue)  # cannot happen: the buckets cover every integer


def month_end(year, month):
    return date(year, month, calendar.monthrange(year, month)[1])


def last_month_ends(until, count):
    """The ``count`` month ends up to ``until``'s month (included), oldest first."""
    year, month = until.year, until.month
    ends = []
    for _ in range(count):
        ends.append(month_end(year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return ends[::-1]


def countback_dso(balance, months):
    """Days sales outstanding by the countback method.

    ``balance``: receivables open at the end of the month; ``months``: (sales, days) of that
    month and the ones before it, most recent first. Whole months of sales are taken back
    from the balance while it exceeds them (their days count in full); the rest counts as the
    same share of the month in which it is exhausted. A month without sales counts in full.
    When the history runs out, the days counted so far are returned. Nothing open: 0.
    """
    remaining = balance
    days_counted = 0.0
    if remaining <= 0:
        return 0.0
    for sales, days in months:
        if sales > 0 and remaining <= sales:
            return round(days_counted + days * remaining / sales, 1)
        remaining -= max(sales, 0)
        days_counted += days
    return round(days_counted, 1)


def payment_score(avg_days_late, broken_promises, broken_plans, disputes, weights=None):
    """Payment-behaviour score from 0 (worst) to 100 (pays on time)."""
    weights = weights or DEFAULT_SCORE_WEIGHTS
    late = min(max(avg_days_late, 0) * weights.days_late_points, weights.days_late_cap)
    events = min(
        broken_promises * weights.broken_promise
        + broken_plans * weights.broken_plan
        + disputes * weights.dispute,
        weights.events_cap,
    )
    return max(0, round(100 - late - events))


def share(part, whole):
    """``part`` / ``whole`` as a percentage with one decimal; 0 when nothing to share."""
    return round(100.0 * part / whole, 1) if whole else 0.0


def median(values):
    """Median of ``values`` (0 when empty)."""
    ordered = sorted(values)
    count = len(ordered)
    if not count:
        return 0.0
    middle = count // 2
    if count % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2
