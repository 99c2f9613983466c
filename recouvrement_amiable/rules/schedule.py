# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Payment plan (échéancier) schedules and the amount written in words (law file, section 7).

Amounts are handled in cents: every instalment is equal except the last, which absorbs the
rounding, so the schedule always sums to the exact amount acknowledged.
"""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise

from . import amount_words
from .dates import add_months

WEEKLY = "weekly"
MONTHLY = "monthly"
QUARTERLY = "quarterly"
GRACE_PERIOD_CAP_MONTHS = 24  # art. 1343-5 C. civ.: courts grant at most two years


class ScheduleError(ValueError):
    """A schedule that cannot be built; ``code`` says why (translated by the caller)."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


def to_cents(amount):
    return int((Decimal(str(amount)) * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def due_dates(first_due, count, frequency):
    """``count`` due dates from ``first_due``, weekly, monthly or quarterly."""
    if frequency == WEEKLY:
        return [date.fromordinal(first_due.toordinal() + 7 * i) for i in range(count)]
    months = {MONTHLY: 1, QUARTERLY: 3}.get(frequency)
    if not months:
        raise ScheduleError("frequency", f"unknown frequency {frequency!r}")
    return [add_months(first_due, months * i) for i in range(count)]


def split_amount(total_cents, count=None, instalment_cents=None):
    """Instalments in cents: equal ones, the last absorbing the rounding (or the remainder)."""
    if total_cents <= 0:
        raise ScheduleError("amount", "the amount of a plan must be positive")
    if instalment_cents is not None:
        if instalment_cents <= 0:
            raise ScheduleError("instalment", "an instalment must be positive")
        count = -(-total_cents // instalment_cents)  # ceiling division
        return [instalment_cents] * (count - 1) + [total_cents - instalment_cents * (count - 1)]
    if not count or count <= 0:
        raise ScheduleError("count", "a plan needs at least one instalment")
    regular = total_cents // count
    if regular == 0:
        raise ScheduleError("instalment", "an instalment must be positive")
    return [regular] * (count - 1) + [total_cents - regular * (count - 1)]


def build_schedule(
    total, first_due, frequency=MONTHLY, *, count=None, instalment=None, down_payment=0, dates=None
):
    """[(due date, amount in cents)] for ``total`` (a down payment first, on ``first_due``).

    ``dates`` gives custom due dates (frequency ignored); they must strictly increase.
    """
    total_cents, down_cents = to_cents(total), to_cents(down_payment)
    if total_cents <= 0:
        raise ScheduleError("amount", "the amount of a plan must be positive")
    if down_cents < 0 or down_cents >= total_cents:
        raise ScheduleError("down_payment", "the down payment must be below the amount")
    rest = total_cents - down_cents
    if dates:
        amounts = split_amount(rest, count=len(dates) - (1 if down_cents else 0))
        schedule_dates = list(dates)
    else:
        amounts = split_amount(
            rest, count=count, instalment_cents=to_cents(instalment) if instalment else None
        )
        schedule_dates = due_dates(first_due, len(amounts) + (1 if down_cents else 0), frequency)
    if down_cents:
        amounts = [down_cents, *amounts]
    if any(b <= a for a, b in pairwise(schedule_dates)):
        raise ScheduleError("dates", "due dates must strictly increase")
    return list(zip(schedule_dates, amounts, strict=True))


def exceeds_grace_cap(first_due, last_due):
    """Warn beyond 24 months: courts cap grace periods at two years (art. 1343-5)."""
    return last_due > add_months(first_due, GRACE_PERIOD_CAP_MONTHS)


def words_match_amount(typed, amount):
    """Art. 1376 C. civ.: the amount the debtor typed in words matches the figures.

    The words are read back as a number (``rules/amount_words.py``): every spelling of the
    same number matches, any other number does not. If words and figures differ, the words
    prevail: the plan is refused.
    """
    return amount_words.matches(typed, amount)


def check_schedule(lines, total):
    """Check a schedule typed by hand: [(due date, amount)] against the plan's ``total``.

    Raises ScheduleError: no line, a missing date, a zero or negative instalment, dates not
    strictly increasing, or a sum that differs from the amount acknowledged (to the cent).
    """
    if not lines:
        raise ScheduleError("count", "a plan needs at least one instalment")
    if any(not due for due, _amount in lines):
        raise ScheduleError("dates", "every instalment needs a due date")
    if any(to_cents(amount) <= 0 for _due, amount in lines):
        raise ScheduleError("instalment", "an instalment must be positive")
    if any(b <= a for (a, _x), (b, _y) in pairwise(lines)):
        raise ScheduleError("dates", "due dates must strictly increase")
    if sum(to_cents(amount) for _due, amount in lines) != to_cents(total):
        raise ScheduleError("sum", "the instalments do not add up to the amount of the plan")


def allocate(paid_cents, amounts_cents):
    """Spread what was paid over the instalments in due-date order: the paid part of each.

    The earliest instalment is paid first; a payment larger than an instalment flows into the
    next ones; nothing is allocated beyond the last instalment.
    """
    allocation = []
    left = max(paid_cents, 0)
    for amount in amounts_cents:
        part = min(left, amount)
        allocation.append(part)
        left -= part
    return allocation


# Stages of an unpaid instalment, in the order the daily job meets them.
UPCOMING = "upcoming"
REMIND = "remind"  # due within the reminder window: courteous reminder
DUE = "due"  # due date passed, still within the grace period
MISSED = "missed"  # grace period over: missed-instalment reminder
BREACH = "breach"  # second delay over too: the plan is broken (acceleration clause)


def instalment_stage(due, today, *, reminder_days, grace_days, breach_days, missed_on=None):
    """Where an unpaid instalment due on ``due`` stands ``today``.

    A courteous reminder ``reminder_days`` before the due date; missed once ``grace_days``
    have passed; the plan breaks ``breach_days`` after the missed-instalment reminder
    (``missed_on``), never before that reminder was sent.
    """
    days = (today - due).days
    if days > grace_days:
        if missed_on and (today - missed_on).days >= breach_days:
            return BREACH
        return MISSED
    if days >= 0:
        return DUE
    if -days <= reminder_days:
        return REMIND
    return UPCOMING


# The steps of a payment plan's history, in the order they happen on the same day.
HISTORY_STEPS = ("drawn_up", "proposed", "signed", "reminder", "paid", "notice", "closed")


def plan_timeline(events):
    """A payment plan's history as it happened: ``events`` are ``(date, step, label)`` with a
    step of HISTORY_STEPS; events without a date did not happen and are left out. Sorted by
    date; on the same day the steps keep their natural order (drawn up, proposed, signed…),
    and events of the same step keep the order given. Returns ``[(date, label)]``."""
    dated = sorted(
        (event for event in events if event[0]),
        key=lambda event: (event[0], HISTORY_STEPS.index(event[1])),
    )
    return [(day, label) for day, _step, label in dated]
