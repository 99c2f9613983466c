"""Debtor categories (law file, sections 2, 5 and 6): one rule set, and its properties."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recouvrement_amiable.rules import debtor_category as dc
from recouvrement_amiable.rules import penalties as p
from recouvrement_amiable.rules import prescription as pr

RATES = {
    (2025, 1): p.HalfYearRates(2025, 1, Decimal("3.15"), Decimal("7.21"), Decimal("3.71")),
    (2025, 2): p.HalfYearRates(2025, 2, Decimal("2.15"), Decimal("6.65"), Decimal("2.76")),
    (2026, 1): p.HalfYearRates(2026, 1, Decimal("2.15"), Decimal("6.67"), Decimal("2.62")),
}


@pytest.mark.parametrize(
    ("key", "years", "costs", "interrupts", "small_claims"),
    [
        (dc.PROFESSIONAL, 5, dc.COMMERCIAL, False, True),
        (dc.CONSUMER, 2, None, False, True),
        (dc.NON_PROFESSIONAL, 5, None, False, True),
        (dc.PUBLIC_BODY, 4, dc.PUBLIC_PROCUREMENT, True, False),
    ],
)
def test_table(key, years, costs, interrupts, small_claims):
    kind = dc.category(key)
    assert kind.prescription_years == years == pr.prescription_years(key)
    assert kind.late_costs == costs
    assert kind.written_request_interrupts is interrupts
    assert kind.small_claims is small_claims


def test_unknown_or_empty_category_is_professional():
    assert dc.category(None).key == dc.PROFESSIONAL
    assert dc.category("nonsense").key == dc.PROFESSIONAL


def test_indemnity_professional_and_public_body_only():
    assert dc.fixed_indemnity(dc.PROFESSIONAL, True) == Decimal("40.00")
    assert dc.fixed_indemnity(dc.PUBLIC_BODY, True) == Decimal("40.00")
    assert dc.fixed_indemnity(dc.NON_PROFESSIONAL, True) == 0
    assert dc.fixed_indemnity(dc.CONSUMER, True) == 0
    assert dc.fixed_indemnity(dc.PROFESSIONAL, False) == 0


@given(
    debtor=st.sampled_from([dc.NON_PROFESSIONAL, dc.CONSUMER]),
    amount=st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1000000"), places=2),
    due=st.dates(min_value=date(2025, 1, 1), max_value=date(2026, 6, 29)),
    days=st.integers(min_value=0, max_value=500),
    options=st.tuples(
        st.one_of(st.none(), st.decimals(min_value=0, max_value=50, places=3)), st.booleans()
    ),
)
def test_property_non_professionals_never_owe_l441_10_costs(debtor, amount, due, days, options):
    contract_rate, is_late = options
    until = min(due + timedelta(days=days), date(2026, 6, 30))
    penalty = p.late_penalties(amount, due, until, RATES, contract_rate, debtor_type=debtor)
    indemnity = p.fixed_indemnity(debtor, is_late)
    assert penalty == 0
    assert indemnity == 0
    assert p.collection_costs(debtor, Decimal("99.86"), Decimal(40)) == 0
    assert not dc.owes_late_costs(debtor)


def test_public_procurement_rate_fixed_at_start_plus_eight_points():
    # interest starts 2025-06-16 (H1: ECB 3.15 %) → 11.15 % for all 30 days, not split
    amount = p.late_penalties(
        10000, date(2025, 6, 15), date(2025, 7, 15), RATES, debtor_type=dc.PUBLIC_BODY
    )
    expected = p.round_cents(Decimal(10000) * Decimal("11.15") / 100 * 30 / 365)
    assert amount == expected == Decimal("91.64")


def test_public_procurement_only_needs_the_first_half_year_rate():
    amount = p.late_penalties(
        10000, date(2026, 6, 1), date(2026, 7, 10), RATES, debtor_type=dc.PUBLIC_BODY
    )
    assert amount > 0
    with pytest.raises(p.MissingRate):
        p.late_penalties(
            10000, date(2026, 7, 1), date(2026, 7, 10), RATES, debtor_type=dc.PUBLIC_BODY
        )


def test_professional_rate_is_ecb_plus_ten():
    assert p.late_penalties(
        10000, date(2026, 1, 31), date(2026, 3, 2), RATES, debtor_type=dc.PROFESSIONAL
    ) == Decimal("99.86")


# Public-law debtors: quadrennial prescription (loi 68-1250) ---------------------------------


def public_deadline(service, *events):
    return pr.compute_prescription(service, 4, events, from_january_after=True).deadline


def test_public_body_four_years_from_january_after_service_year():
    # service in 2022 → runs from 2023-01-01, last day 2026-12-31
    assert public_deadline(date(2022, 6, 10)) == date(2026, 12, 31)
    assert public_deadline(date(2022, 12, 31)) == date(2026, 12, 31)
    assert public_deadline(date(2023, 1, 1)) == date(2027, 12, 31)


def test_public_body_written_request_interrupts_until_next_january():
    request = pr.Event(pr.WRITTEN_REQUEST, date(2025, 3, 1))
    # new four years from 2026-01-01 → last day 2029-12-31
    assert public_deadline(date(2022, 6, 10), request) == date(2029, 12, 31)


def test_public_body_request_after_prescription_is_flagged():
    request = pr.Event(pr.WRITTEN_REQUEST, date(2027, 1, 5))
    result = pr.compute_prescription(date(2022, 6, 10), 4, [request], from_january_after=True)
    assert result.deadline == date(2026, 12, 31)
    assert result.needs_review


def test_written_request_interrupts_nothing_for_private_debtors():
    request = pr.Event(pr.WRITTEN_REQUEST, date(2025, 6, 1))
    result = pr.compute_prescription(date(2024, 3, 15), 2, [request])
    assert result.deadline == date(2026, 3, 15)
    assert not result.needs_review


def test_public_body_period_whatever_the_nature_of_the_debt():
    assert pr.prescription_years(dc.PUBLIC_BODY, pr.CARRIAGE) == 4
    assert pr.quadrennial(dc.PUBLIC_BODY)
    assert not pr.quadrennial(dc.NON_PROFESSIONAL)


@given(
    service=st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)),
    request_days=st.lists(st.integers(min_value=0, max_value=1500), max_size=4),
)
def test_property_public_deadline_is_a_31_december(service, request_days):
    events = [pr.Event(pr.WRITTEN_REQUEST, service + timedelta(days=d)) for d in request_days]
    deadline = public_deadline(service, *events)
    assert (deadline.month, deadline.day) == (12, 31)
    assert deadline >= date(service.year + 4, 12, 31)


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        (dc.PROFESSIONAL, 15),
        (dc.PUBLIC_BODY, 15),
        (None, 15),
        (dc.CONSUMER, 30),
        (dc.NON_PROFESSIONAL, 30),  # [UNSURE] unfair-terms protection, L212-2 C. conso.
    ],
)
def test_acceleration_notice_longer_for_consumers(key, expected):
    # Cass. 1re civ. 29 May 2024 n° 23-12.904: 15 days before acceleration held abusive
    assert dc.acceleration_notice_days(key, 15, 30) == expected


@given(st.integers(0, 400), st.integers(0, 400), st.sampled_from(sorted(dc.CATEGORIES)))
def test_acceleration_notice_never_shorter_than_the_general_one(general, consumer, key):
    days = dc.acceleration_notice_days(key, general, consumer)
    assert days >= general
    if dc.CATEGORIES[key].long_acceleration_notice:
        assert days >= consumer
