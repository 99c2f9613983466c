from datetime import date

import pytest

from recouvrement_amiable.rules.dates import add_months, add_years, days_between


@pytest.mark.parametrize(
    ("start", "years", "expected"),
    [
        (date(2024, 3, 15), 2, date(2026, 3, 15)),
        (date(2013, 4, 19), 5, date(2018, 4, 19)),
        (date(2024, 2, 29), 2, date(2026, 2, 28)),  # [UNSURE] earlier, safer date
        (date(2024, 2, 29), 4, date(2028, 2, 29)),
        (date(2025, 1, 5), 3, date(2028, 1, 5)),
    ],
)
def test_add_years_counts_from_day_to_same_day(start, years, expected):
    assert add_years(start, years) == expected


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2025, 2, 1), 6, date(2025, 8, 1)),
        (date(2025, 8, 31), 6, date(2026, 2, 28)),
        (date(2025, 12, 15), 2, date(2026, 2, 15)),
        (date(2025, 11, 30), 3, date(2026, 2, 28)),
        (date(2026, 1, 31), -2, date(2025, 11, 30)),
    ],
)
def test_add_months_clamps_to_month_end(start, months, expected):
    assert add_months(start, months) == expected


def test_days_between_is_signed():
    assert days_between(date(2026, 1, 31), date(2026, 3, 2)) == 30
    assert days_between(date(2026, 3, 2), date(2026, 1, 31)) == -30
