"""Law file section 5 vectors, section 6 (consumers) and properties."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recouvrement_amiable.rules import penalties as p

RATES = {
    (2025, 1): p.HalfYearRates(2025, 1, Decimal("3.15"), Decimal("7.21"), Decimal("3.71")),
    (2025, 2): p.HalfYearRates(2025, 2, Decimal("2.15"), Decimal("6.65"), Decimal("2.76")),
    (2026, 1): p.HalfYearRates(2026, 1, Decimal("2.15"), Decimal("6.67"), Decimal("2.62")),
}


def test_default_rate_is_ecb_plus_ten_points():
    assert RATES[(2025, 1)].default_penalty_rate == Decimal("13.15")
    assert RATES[(2026, 1)].default_penalty_rate == Decimal("12.15")


def test_thirty_days_in_2026_h1():
    amount = p.late_penalties(10000, date(2026, 1, 31), date(2026, 3, 2), RATES)
    assert amount == Decimal("99.86")


def test_split_by_half_year():
    periods = p.late_penalty_periods(10000, date(2025, 6, 15), date(2025, 7, 15), RATES)
    assert [(days, rate) for _s, _e, days, rate, _v in periods] == [
        (15, Decimal("13.15")),
        (15, Decimal("12.15")),
    ]
    assert p.late_penalties(10000, date(2025, 6, 15), date(2025, 7, 15), RATES) == Decimal("103.97")


def test_contract_rate_below_three_times_legal_rate_refused():
    ok, floor = p.check_contract_rate(Decimal("5"), RATES[(2026, 1)])
    assert not ok
    assert floor == Decimal("7.86")
    assert p.check_contract_rate(Decimal("7.86"), RATES[(2026, 1)])[0]


def test_contract_rate_used_when_given():
    amount = p.late_penalties(10000, date(2026, 1, 31), date(2026, 3, 2), RATES, Decimal("10"))
    assert amount == Decimal("82.19")


def test_missing_half_year_is_reported_never_reused():
    with pytest.raises(p.MissingRate) as caught:
        p.late_penalties(10000, date(2026, 6, 1), date(2026, 7, 10), RATES)
    assert (caught.value.year, caught.value.half) == (2026, 2)


def test_not_yet_late_costs_nothing():
    assert p.late_penalties(10000, date(2026, 3, 2), date(2026, 3, 2), RATES) == Decimal("0.00")


def test_fixed_indemnity_professionals_only():
    assert p.fixed_indemnity("professional", True) == Decimal("40.00")
    # non-professional legal persons owe no €40 (law file section 5), public bodies do
    assert p.fixed_indemnity("non_professional", True) == Decimal(0)
    assert p.fixed_indemnity("public_body", True) == Decimal("40.00")
    assert p.fixed_indemnity("consumer", True) == Decimal(0)
    assert p.fixed_indemnity("professional", False) == Decimal(0)


def test_consumer_reminder_costs_nothing():
    assert p.collection_costs("consumer", Decimal("99.86"), Decimal("40")) == Decimal(0)
    assert p.collection_costs("professional", Decimal("99.86"), Decimal("40")) == Decimal("139.86")


def test_rounding_half_up():
    assert p.round_cents(Decimal("0.005")) == Decimal("0.01")
    assert p.round_cents(Decimal("2.675")) == Decimal("2.68")


@given(
    amount=st.decimals(min_value=1, max_value=10**7, places=2),
    start=st.dates(min_value=date(2025, 1, 1), max_value=date(2026, 5, 1)),
    days=st.integers(0, 59),
)
def test_property_split_equals_days_and_is_additive(amount, start, days):
    until = min(start + timedelta(days=days), date(2026, 6, 30))
    periods = p.late_penalty_periods(amount, start, until, RATES)
    assert sum(period[2] for period in periods) == max((until - start).days, 0)
    total = p.late_penalties(amount, start, until, RATES)
    assert total >= 0


def test_legal_interest_company_creditor_uses_other_cases_rate():
    # 10,000 from receipt on 2026-01-31 to 2026-03-02: 30 days at 2.62 %
    amount = p.legal_interest(10000, date(2026, 1, 31), date(2026, 3, 2), RATES)
    assert amount == Decimal("21.53")
    individual = p.legal_interest(
        10000, date(2026, 1, 31), date(2026, 3, 2), RATES, creditor_is_individual=True
    )
    assert individual == Decimal("54.82")


# Section 7: after a payment plan --------------------------------------------------------------


def test_nothing_on_an_invoice_of_penalties():
    assert p.cost_basis_after_plan(date(2026, 1, 10), costs_invoice=True) == (None, False)


def test_broken_plan_runs_from_breach_without_second_indemnity():
    breach = date(2026, 4, 24)
    basis = p.cost_basis_after_plan(date(2026, 1, 10), broken_on=breach, acknowledged=True)
    assert basis == (date(2026, 4, 24), False)
    # 10,000 unpaid principal from the breach, not from the original due date
    start, _indemnity = basis
    assert p.late_penalties(10000, start, date(2026, 5, 24), RATES) == p.round_cents(
        Decimal(10000) * Decimal("12.15") / 100 * 30 / 365
    )


def test_broken_plan_without_acknowledged_costs_keeps_one_indemnity():
    basis = p.cost_basis_after_plan(date(2026, 1, 10), broken_on=date(2026, 4, 24))
    assert basis == (date(2026, 4, 24), True)


def test_no_plan_runs_from_due_date():
    assert p.cost_basis_after_plan(date(2026, 1, 10)) == (date(2026, 1, 10), True)


# Insolvency (law file, sections 5 and 8): interest stops at the opening judgment (L622-28
# C. com.), no €40 when the judgment forbade paying the invoice at its due date (L441-10 II).
JUDGMENT = date(2026, 2, 10)


def test_insolvency_interest_stops_at_the_opening_judgment():
    until, indemnity = p.cost_basis_in_insolvency(
        date(2026, 1, 1), date(2026, 1, 31), date(2026, 3, 2), JUDGMENT
    )
    assert until == date(2026, 2, 9)
    assert indemnity  # late before the judgment: the €40 was already due
    # €10,000 due 2026-01-31: 9 days at 12.15 % instead of 30
    assert p.late_penalties(10000, date(2026, 1, 31), until, RATES) == Decimal("29.96")


@pytest.mark.parametrize("due", [JUDGMENT, date(2026, 3, 1)])
def test_insolvency_no_indemnity_when_the_judgment_forbade_paying_at_due_date(due):
    until, indemnity = p.cost_basis_in_insolvency(
        date(2026, 1, 15), due, date(2026, 4, 1), JUDGMENT
    )
    assert not indemnity
    assert p.late_penalties(1000, due, until, RATES) == Decimal(0)


def test_insolvency_claim_born_after_the_judgment_is_not_caught():
    today = date(2026, 4, 1)
    assert p.cost_basis_in_insolvency(date(2026, 2, 11), date(2026, 3, 1), today, JUDGMENT) == (
        today,
        True,
    )
    assert p.cost_basis_in_insolvency(date(2026, 1, 1), date(2026, 1, 31), today, None) == (
        today,
        True,
    )


@given(
    st.dates(date(2025, 1, 1), date(2026, 6, 30)),
    st.integers(0, 120),
    st.integers(0, 400),
    st.dates(date(2025, 1, 1), date(2026, 6, 30)),
)
def test_insolvency_never_more_than_without_it(invoice_date, term, later, judgment):
    due = invoice_date + timedelta(days=term)
    today = min(due + timedelta(days=later), date(2026, 6, 30))
    until, _indemnity = p.cost_basis_in_insolvency(invoice_date, due, today, judgment)
    assert until <= today
    if invoice_date <= judgment:
        assert until < judgment
    with_it = p.late_penalties(5000, due, until, RATES)
    assert with_it <= p.late_penalties(5000, due, today, RATES)
