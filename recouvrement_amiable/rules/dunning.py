# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Dunning escalation and contact guardrails (law file, section 6).

Harassment is unlawful (L121-7 C. conso., 222-16 C. pén.): contacts are capped per debtor
across every channel, spaced out, and calls are only placed on weekdays within quiet hours,
never on public holidays (default policy borrowed from D223-9, not a statute).
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

DUE_DATE = "due_date"
PREVIOUS_LEVEL = "previous_level"

# Calls: weekdays 10:00-13:00 and 14:00-20:00 (D223-9 C. conso. by analogy).
CALL_WINDOWS = ((time(10, 0), time(13, 0)), (time(14, 0), time(20, 0)))
CONTACT_WINDOW_DAYS = 30


@dataclass(frozen=True)
class LevelRule:
    """What the engine needs of a dunning level, in escalation order."""

    key: object
    delay_days: int
    reference: str = DUE_DATE
    formal_notice: bool = False
    written: bool = False  # sends an e-mail or a letter (a written reminder)


def target_level(levels, current_index, days_overdue, days_since_last_level):
    """Index of the level an invoice should reach now, or None when nothing is due.

    ``levels`` are in escalation order; ``current_index`` is the index of the level already
    reached (-1 for none). A level counted from the due date is reached once the invoice is
    that many days overdue (so an invoice found very late goes straight to the level its age
    calls for); a level counted from the previous level needs that previous level reached and
    the delay elapsed since. An invoice never goes back down.
    """
    reached = None
    for index in range(current_index + 1, len(levels)):
        level = levels[index]
        if level.reference == PREVIOUS_LEVEL:
            previous_done = index - 1 == current_index or reached == index - 1
            since = days_since_last_level if index - 1 == current_index else 0
            if not (previous_done and since is not None and since >= level.delay_days):
                break
        elif days_overdue < level.delay_days:
            break
        reached = index
    return reached


def progressive_target(levels, current_index, target, last_written_reminder, today, *, gap_days):
    """Progressive escalation: a formal notice only after a written reminder, and a gap.

    Levels may be skipped for a very late invoice, but a formal notice (and anything after
    it) is only reached once at least one written reminder (e-mail or letter) reached the
    debtor for that invoice (``last_written_reminder``: its date, or None), ``gap_days`` or
    more before ``today``. Until then the invoice gets the highest written reminder level
    between the level already reached and the formal notice, or nothing.
    """
    if target is None:
        return None
    notice = next(
        (i for i in range(current_index + 1, target + 1) if levels[i].formal_notice), None
    )
    if notice is None:
        return target
    if last_written_reminder and (today - last_written_reminder).days >= gap_days:
        return target
    if last_written_reminder:
        return None  # a reminder went out: give it time before the formal notice
    reminders = [
        i
        for i in range(current_index + 1, notice)
        if levels[i].written and not levels[i].formal_notice
    ]
    return reminders[-1] if reminders else None


def contact_allowed(today, last_contact, contacts_in_window, min_gap_days, max_contacts):
    """Whether a debtor may be contacted today (all channels counted together).

    ``last_contact`` is the date of the last contact or None; ``contacts_in_window`` the number
    of contacts in the last 30 days (today included).
    """
    if last_contact and (today - last_contact).days < min_gap_days:
        return False
    return contacts_in_window < max_contacts


def promise_pending(today, promise_date, grace_days):
    """A promise to pay holds escalation until its date plus a grace period."""
    return bool(promise_date) and today <= promise_date + timedelta(days=grace_days)


def easter_sunday(year):
    """Gregorian Easter (anonymous algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month = (h + ell - 7 * m + 114) // 31
    day = (h + ell - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def french_public_holidays(year):
    """The eleven public holidays of metropolitan France (art. L3133-1 C. trav.)."""
    easter = easter_sunday(year)
    return {
        date(year, 1, 1),
        easter + timedelta(days=1),  # lundi de Pâques
        date(year, 5, 1),
        date(year, 5, 8),
        easter + timedelta(days=39),  # Ascension
        easter + timedelta(days=50),  # lundi de Pentecôte
        date(year, 7, 14),
        date(year, 8, 15),
        date(year, 11, 1),
        date(year, 11, 11),
        date(year, 12, 25),
    }


def is_calling_day(day):
    return day.weekday() < 5 and day not in french_public_holidays(day.year)


def next_call_slot(now):
    """First moment at or after ``now`` (local time) when a debtor may be called."""
    moment = now
    for _ in range(30):
        if is_calling_day(moment.date()):
            for start, end in CALL_WINDOWS:
                if moment.time() < end:
                    return max(moment, datetime.combine(moment.date(), start))
        moment = datetime.combine(moment.date() + timedelta(days=1), time(0, 0))
    raise ValueError("no calling day within 30 days")  # cannot happen with the French calendar
