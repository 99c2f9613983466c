from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recouvrement_amiable.rules import cockpit as c


@pytest.mark.parametrize(
    ("days", "bucket"),
    [
        (-10, "not_due"),
        (0, "not_due"),
        (1, "1_30"),
        (30, "1_30"),
        (31, "31_60"),
        (61, "61_90"),
        (90, "61_90"),
        (91, "91_180"),
        (181, "181_365"),
        (365, "181_365"),
        (366, "over_365"),
        (5000, "over_365"),
    ],
)
def test_ageing_bucket(days, bucket):
    assert c.ageing_bucket(days) == bucket


@given(st.integers(min_value=-10_000, max_value=10_000))
def test_every_day_has_one_bucket(days):
    keys = [
        key
        for key, low, high in c.AGEING_BUCKETS
        if (low is None or days >= low) and (high is None or days <= high)
    ]
    assert len(keys) == 1


def test_last_month_ends():
    assert c.last_month_ends(date(2026, 3, 10), 3) == [
        date(2026, 1, 31),
        date(2026, 2, 28),
        date(2026, 3, 31),
    ]
    assert c.last_month_ends(date(2024, 1, 1), 2) == [date(2023, 12, 31), date(2024, 1, 31)]


def test_countback_dso():
    # 25,000 open at the end of March; sales March 10,000 (31 d), Feb 12,000 (28 d),
    # Jan 6,000 (31 d): 31 + 28 + 3,000 / 6,000 x 31 = 74.5 days.
    assert c.countback_dso(25_000, [(10_000, 31), (12_000, 28), (6_000, 31)]) == 74.5
    assert c.countback_dso(5_000, [(10_000, 31)]) == 15.5
    assert c.countback_dso(0, [(10_000, 31)]) == 0.0
    assert c.countback_dso(-100, []) == 0.0
    # a month without sales counts in full; history exhausted: the days counted so far
    assert c.countback_dso(1_000, [(0, 30), (2_000, 31)]) == 45.5
    assert c.countback_dso(50_000, [(10_000, 31), (10_000, 30)]) == 61.0


def test_payment_score():
    assert c.payment_score(0, 0, 0, 0) == 100
    assert c.payment_score(-5, 0, 0, 0) == 100  # early payers are not above 100
    assert c.payment_score(20, 0, 0, 0) == 90
    assert c.payment_score(400, 0, 0, 0) == 55  # lateness alone is capped
    assert c.payment_score(10, 1, 1, 1) == 55
    assert c.payment_score(400, 5, 5, 5) == 0


def test_share_and_median():
    assert c.share(1, 3) == 33.3
    assert c.share(5, 0) == 0.0
    assert c.median([]) == 0.0
    assert c.median([30, 2, 10]) == 10.0
    assert c.median([1, 2, 3, 10]) == 2.5


def test_payment_score_with_the_company_weights():
    strict = c.DEFAULT_SCORE_WEIGHTS._replace(days_late_points=1.0, dispute=20)
    assert c.payment_score(20, 0, 0, 0, strict) == 80
    assert c.payment_score(0, 0, 0, 1, strict) == 80
    assert c.payment_score(0, 0, 0, 1) == 95
    lenient = c.DEFAULT_SCORE_WEIGHTS._replace(days_late_cap=10, events_cap=0)
    assert c.payment_score(400, 5, 5, 5, lenient) == 90
