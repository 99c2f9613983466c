from datetime import date
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recouvrement_amiable.rules import schedule as s


def test_equal_instalments_last_absorbs_rounding():
    plan = s.build_schedule(100, date(2026, 1, 31), count=3)
    assert plan == [
        (date(2026, 1, 31), 3333),
        (date(2026, 2, 28), 3333),
        (date(2026, 3, 31), 3334),
    ]


def test_instalment_amount_and_down_payment():
    plan = s.build_schedule(1000, date(2026, 1, 10), instalment=300, down_payment=100)
    assert [cents for _d, cents in plan] == [10000, 30000, 30000, 30000]
    assert sum(cents for _d, cents in plan) == 100000


def test_weekly_and_quarterly_dates():
    assert [d for d, _c in s.build_schedule(90, date(2026, 1, 1), s.WEEKLY, count=3)] == [
        date(2026, 1, 1),
        date(2026, 1, 8),
        date(2026, 1, 15),
    ]
    assert [d for d, _c in s.build_schedule(90, date(2026, 1, 31), s.QUARTERLY, count=2)] == [
        date(2026, 1, 31),
        date(2026, 4, 30),
    ]


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"total": 0, "count": 2}, "amount"),
        ({"total": 100, "count": 0}, "count"),
        ({"total": 0.02, "count": 3}, "instalment"),
        ({"total": 100, "instalment": -5}, "instalment"),
        ({"total": 100, "count": 2, "down_payment": 100}, "down_payment"),
        ({"total": 100, "dates": [date(2026, 2, 1), date(2026, 1, 1)]}, "dates"),
    ],
)
def test_refusals(kwargs, code):
    with pytest.raises(s.ScheduleError) as caught:
        s.build_schedule(first_due=date(2026, 1, 1), **kwargs)
    assert caught.value.code == code


def test_grace_cap_warning():
    assert not s.exceeds_grace_cap(date(2026, 1, 1), date(2028, 1, 1))
    assert s.exceeds_grace_cap(date(2026, 1, 1), date(2028, 1, 2))


def test_amount_in_words_must_match_figures():
    assert s.words_match_amount("Mille deux cent cinquante euros et cinquante centimes", 1250.50)
    assert s.words_match_amount("mille-deux-cent-cinquante euros cinquante centimes", 1250.50)
    assert not s.words_match_amount("mille deux cent cinquante euros", 1250.50)


@given(
    total=st.integers(1, 10**9),
    count=st.integers(1, 60),
    first=st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)),
    frequency=st.sampled_from([s.WEEKLY, s.MONTHLY, s.QUARTERLY]),
)
def test_property_exact_sum_increasing_dates_rounding_on_last(total, count, first, frequency):
    cents = total
    if cents // count == 0:
        return
    plan = s.build_schedule(cents / 100, first, frequency, count=count)
    amounts = [c for _d, c in plan]
    assert sum(amounts) == cents
    days = [d for d, _c in plan]
    assert all(b > a for a, b in pairwise(days))
    assert len(set(amounts[:-1])) <= 1
    assert 0 <= amounts[-1] - amounts[0] < count


# Hand-typed schedules, allocation of payments, stages of an instalment


def test_check_schedule_accepts_exact_sum():
    s.check_schedule([(date(2026, 1, 5), 100), (date(2026, 2, 5), 50.5)], 150.5)


@pytest.mark.parametrize(
    ("lines", "code"),
    [
        ([], "count"),
        ([(None, 100)], "dates"),
        ([(date(2026, 1, 5), 0), (date(2026, 2, 5), 100)], "instalment"),
        ([(date(2026, 1, 5), -10), (date(2026, 2, 5), 110)], "instalment"),
        ([(date(2026, 2, 5), 50), (date(2026, 1, 5), 50)], "dates"),
        ([(date(2026, 1, 5), 50), (date(2026, 1, 5), 50)], "dates"),
        ([(date(2026, 1, 5), 50), (date(2026, 2, 5), 49.99)], "sum"),
    ],
)
def test_check_schedule_refusals(lines, code):
    with pytest.raises(s.ScheduleError) as caught:
        s.check_schedule(lines, 100)
    assert caught.value.code == code


def test_allocate_partial_and_overpayment():
    assert s.allocate(0, [100, 100, 50]) == [0, 0, 0]
    assert s.allocate(60, [100, 100, 50]) == [60, 0, 0]
    assert s.allocate(150, [100, 100, 50]) == [100, 50, 0]
    assert s.allocate(999, [100, 100, 50]) == [100, 100, 50]


@given(st.integers(0, 10**7), st.lists(st.integers(1, 10**6), min_size=1, max_size=30))
def test_allocate_properties(paid, amounts):
    parts = s.allocate(paid, amounts)
    assert sum(parts) == min(paid, sum(amounts))
    assert all(0 <= part <= amount for part, amount in zip(parts, amounts, strict=True))
    # due-date order: an instalment is touched only once all earlier ones are fully paid
    for index, part in enumerate(parts):
        if part:
            assert parts[:index] == amounts[:index]


@pytest.mark.parametrize(
    ("today", "missed_on", "stage"),
    [
        (date(2026, 3, 1), None, s.UPCOMING),
        (date(2026, 3, 5), None, s.REMIND),  # 5 days before
        (date(2026, 3, 9), None, s.REMIND),
        (date(2026, 3, 10), None, s.DUE),
        (date(2026, 3, 18), None, s.DUE),  # grace: 8 days
        (date(2026, 3, 19), None, s.MISSED),
        (date(2026, 4, 2), date(2026, 3, 19), s.MISSED),  # 14 days after the reminder
        (date(2026, 4, 3), date(2026, 3, 19), s.BREACH),  # 15 days
        (date(2026, 6, 1), None, s.MISSED),  # never broken before the missed reminder
    ],
)
def test_instalment_stage(today, missed_on, stage):
    assert (
        s.instalment_stage(
            date(2026, 3, 10),
            today,
            reminder_days=5,
            grace_days=8,
            breach_days=15,
            missed_on=missed_on,
        )
        == stage
    )


def test_words_typographic_apostrophe():
    assert s.words_match_amount("Un million d\u2019euros", 1000000)  # typographic apostrophe


def test_plan_timeline_in_date_order_whatever_the_recording_order():
    # the demo's plan: drawn up and proposed, signed 5 days later, first instalment paid
    events = [
        (date(2026, 9, 26), "drawn_up", "drawn up"),
        (date(2026, 9, 26), "proposed", "proposed"),
        (date(2026, 10, 1), "signed", "signed"),
        (date(2026, 10, 23), "paid", "instalment 1 paid"),
        (date(2026, 11, 20), "reminder", "reminder 2"),
    ]
    assert s.plan_timeline(list(reversed(events))) == [(d, label) for d, _, label in events]


def test_plan_timeline_same_day_keeps_the_natural_order_and_drops_undated():
    day = date(2026, 3, 2)
    events = [
        (day, "closed", "completed"),
        (day, "paid", "instalment 2 paid"),
        (None, "notice", "never sent"),
        (day, "paid", "instalment 3 paid"),
        (day, "signed", "signed"),
        (False, "proposed", "signed on paper, never proposed"),
        (day, "drawn_up", "drawn up"),
    ]
    assert [label for _, label in s.plan_timeline(events)] == [
        "drawn up",
        "signed",
        "instalment 2 paid",
        "instalment 3 paid",
        "completed",
    ]
