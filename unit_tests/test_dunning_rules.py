from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recouvrement_amiable.rules import dunning as d

DEFAULT = [
    d.LevelRule("courtoise", 5),
    d.LevelRule("ferme", 15),
    d.LevelRule("appel", 25),
    d.LevelRule("ultime", 35),
    d.LevelRule("mise_en_demeure", 45),
]


@pytest.mark.parametrize(
    ("days", "current", "expected"),
    [
        (3, -1, None),
        (5, -1, 0),
        (20, -1, 1),
        (40, -1, 3),
        (400, -1, 4),
        (20, 1, None),  # already at that level: nothing new
        (26, 1, 2),
        (400, 4, None),  # last level reached
    ],
)
def test_target_level_from_due_date(days, current, expected):
    assert d.target_level(DEFAULT, current, days, None) == expected


def test_level_counted_from_previous_level():
    levels = [d.LevelRule("a", 5), d.LevelRule("b", 10, d.PREVIOUS_LEVEL)]
    assert d.target_level(levels, -1, 100, None) == 0  # b needs a sent first
    assert d.target_level(levels, 0, 100, 9) is None
    assert d.target_level(levels, 0, 100, 10) == 1


def test_contact_cap():
    today = date(2026, 6, 10)
    assert d.contact_allowed(today, None, 0, 5, 4)
    assert not d.contact_allowed(today, date(2026, 6, 6), 1, 5, 4)  # 4 days ago
    assert d.contact_allowed(today, date(2026, 6, 5), 1, 5, 4)  # 5 days ago
    assert not d.contact_allowed(today, date(2026, 6, 1), 4, 5, 4)  # 4 in 30 days
    assert not d.contact_allowed(today, today, 1, 5, 4)  # twice the same day


def test_promise_pending_until_date_plus_grace():
    assert d.promise_pending(date(2026, 6, 13), date(2026, 6, 10), 3)
    assert not d.promise_pending(date(2026, 6, 14), date(2026, 6, 10), 3)
    assert not d.promise_pending(date(2026, 6, 14), None, 3)


def test_french_public_holidays_2026():
    holidays = d.french_public_holidays(2026)
    assert len(holidays) == 11
    assert date(2026, 4, 6) in holidays  # lundi de Pâques
    assert date(2026, 5, 14) in holidays  # Ascension
    assert date(2026, 5, 25) in holidays  # lundi de Pentecôte
    assert d.easter_sunday(2025) == date(2025, 4, 20)
    assert d.easter_sunday(2027) == date(2027, 3, 28)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime(2026, 6, 10, 9, 0), datetime(2026, 6, 10, 10, 0)),  # Wednesday morning
        (datetime(2026, 6, 10, 11, 30), datetime(2026, 6, 10, 11, 30)),
        (datetime(2026, 6, 10, 13, 15), datetime(2026, 6, 10, 14, 0)),  # lunch break
        (datetime(2026, 6, 10, 20, 30), datetime(2026, 6, 11, 10, 0)),
        (datetime(2026, 6, 12, 21, 0), datetime(2026, 6, 15, 10, 0)),  # Friday night → Monday
        (datetime(2026, 7, 13, 20, 5), datetime(2026, 7, 15, 10, 0)),  # 14 July is off
        (datetime(2026, 12, 24, 22, 0), datetime(2026, 12, 28, 10, 0)),  # Christmas, weekend
    ],
)
def test_next_call_slot(now, expected):
    assert d.next_call_slot(now) == expected


@given(st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2040, 12, 31)))
def test_property_call_slot_is_allowed(now):
    slot = d.next_call_slot(now)
    assert slot >= now
    assert d.is_calling_day(slot.date())
    assert any(start <= slot.time() < end for start, end in d.CALL_WINDOWS)


@given(
    days=st.integers(0, 2000),
    current=st.integers(-1, 4),
)
def test_property_never_goes_down(days, current):
    target = d.target_level(DEFAULT, current, days, None)
    assert target is None or target > current


# Progressive escalation: a written reminder before any formal notice -------------------------

PROGRESSIVE = [
    d.LevelRule("courtoise", 5, written=True),
    d.LevelRule("ferme", 15, written=True),
    d.LevelRule("appel", 25),
    d.LevelRule("ultime", 35, written=True),
    d.LevelRule("mise_en_demeure", 45, formal_notice=True, written=True),
    d.LevelRule("contentieux", 15, d.PREVIOUS_LEVEL),
]
TODAY = date(2026, 3, 2)


def test_never_contacted_very_late_invoice_gets_a_written_reminder_first():
    target = d.target_level(PROGRESSIVE, -1, 200, None)
    assert target == 4
    assert d.progressive_target(PROGRESSIVE, -1, target, None, TODAY, gap_days=8) == 3


def test_formal_notice_after_the_gap_since_a_written_reminder():
    reminded = TODAY - timedelta(days=8)
    assert d.progressive_target(PROGRESSIVE, 3, 4, reminded, TODAY, gap_days=8) == 4


def test_no_formal_notice_before_the_gap():
    reminded = TODAY - timedelta(days=3)
    assert d.progressive_target(PROGRESSIVE, 3, 4, reminded, TODAY, gap_days=8) is None


def test_levels_below_the_formal_notice_are_untouched():
    assert d.progressive_target(PROGRESSIVE, -1, 1, None, TODAY, gap_days=8) == 1
    assert d.progressive_target(PROGRESSIVE, -1, None, None, TODAY, gap_days=8) is None


def test_no_written_level_left_before_the_notice_sends_nothing():
    # already at the final reminder (by phone in a custom policy) and no written reminder
    phone_only = [d.LevelRule("appel", 5), d.LevelRule("med", 10, formal_notice=True)]
    assert d.progressive_target(phone_only, 0, 1, None, TODAY, gap_days=8) is None


@given(
    days=st.integers(min_value=0, max_value=3000),
    current=st.integers(min_value=-1, max_value=3),
    reminder_age=st.one_of(st.none(), st.integers(min_value=0, max_value=400)),
    gap=st.integers(min_value=0, max_value=60),
)
def test_property_formal_notice_only_after_a_reminder_and_the_gap(days, current, reminder_age, gap):
    reminded = None if reminder_age is None else TODAY - timedelta(days=reminder_age)
    target = d.target_level(PROGRESSIVE, current, days, None)
    result = d.progressive_target(PROGRESSIVE, current, target, reminded, TODAY, gap_days=gap)
    if result is not None and result >= 4:
        assert reminded is not None and reminder_age >= gap
    if result is not None:
        assert result > current
