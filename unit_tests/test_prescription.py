"""Vectors of shared/docs/french-collection-law.md, sections 1 to 3, and properties."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recouvrement_amiable.rules import prescription as p
from recouvrement_amiable.rules.dates import add_years


def deadline(start, years, *events, as_of=None):
    return p.compute_prescription(start, years, events, as_of=as_of).deadline


# Section 2: periods and start -------------------------------------------------------------


@pytest.mark.parametrize(
    ("debtor_type", "nature", "years"),
    [
        (p.CONSUMER, p.STANDARD, 2),
        (p.PROFESSIONAL, p.STANDARD, 5),
        (p.NON_PROFESSIONAL, p.STANDARD, 5),
        (p.PROFESSIONAL, p.CARRIAGE, 1),
        (p.CONSUMER, p.RESIDENTIAL_RENT, 3),
    ],
)
def test_period_by_debtor_and_nature(debtor_type, nature, years):
    assert p.prescription_years(debtor_type, nature) == years


def test_start_is_due_date_or_invoice_date():
    assert p.prescription_start(date(2009, 5, 28), date(2009, 5, 14)) == date(2009, 5, 28)
    assert p.prescription_start(None, date(2009, 5, 14)) == date(2009, 5, 14)


def test_start_is_earlier_performance_date():
    due, invoiced, delivered = date(2025, 6, 30), date(2025, 6, 1), date(2025, 3, 1)
    assert p.prescription_start(due, invoiced, delivered) == delivered
    assert p.prescription_start(due, invoiced, date(2025, 7, 15)) == due


def test_consumer_without_event():
    result = p.compute_prescription(date(2024, 3, 15), 2)
    assert result.deadline == date(2026, 3, 15)
    assert not p.is_prescribed(result.deadline, date(2026, 3, 15))
    assert p.is_prescribed(result.deadline, date(2026, 3, 16))


@pytest.mark.parametrize(
    ("start", "years", "expected"),
    [
        (date(2013, 4, 19), 5, date(2018, 4, 19)),  # B2B
        (date(2009, 5, 28), 5, date(2014, 5, 28)),  # B2B invoiced 14 May, due 28 May
        (date(2024, 2, 29), 2, date(2026, 2, 28)),  # consumer, 29 February
        (date(2025, 1, 5), 3, date(2028, 1, 5)),  # residential rent
    ],
)
def test_period_vectors(start, years, expected):
    assert deadline(start, years) == expected


# Section 3: interruption, suspension, cap -------------------------------------------------


def test_signed_acknowledgement_restarts_full_period():
    ack = p.Event(p.ACKNOWLEDGEMENT, date(2025, 1, 10))
    assert deadline(date(2024, 3, 15), 2, ack) == date(2027, 1, 10)


def test_partial_payment_is_an_acknowledgement():
    paid = p.Event(p.PARTIAL_PAYMENT, date(2025, 1, 10))
    assert deadline(date(2024, 3, 15), 2, paid) == date(2027, 1, 10)


def test_signed_payment_plan_interrupts():
    plan = p.Event(p.PAYMENT_PLAN, date(2025, 1, 10))
    assert deadline(date(2024, 3, 15), 2, plan) == date(2027, 1, 10)


def test_formal_notice_is_no_event():
    # A mise en demeure, even by LRAR, does not interrupt (Cass. com. 18 May 2022): the
    # engine has no such kind, so the deadline only depends on real events.
    assert "formal_notice" not in p.EVENT_KINDS
    assert deadline(date(2024, 3, 15), 2) == date(2026, 3, 15)


def test_payment_after_prescription_revives_nothing_and_is_flagged():
    late = p.Event(p.PARTIAL_PAYMENT, date(2024, 2, 1), key=7)
    result = p.compute_prescription(date(2022, 1, 10), 2, [late])
    assert result.deadline == date(2024, 1, 10)
    assert result.needs_review
    assert [ev.key for ev in result.ignored] == [7]


def test_suspension_keeps_six_months_floor():
    # B2B deadline 2025-03-01 (start 2020-03-01), mediation 2025-01-01..2025-02-01.
    mediation = p.Event(p.SUSPENSION, date(2025, 1, 1), date(2025, 2, 1))
    assert deadline(date(2020, 3, 1), 5, mediation) == date(2025, 8, 1)


def test_suspension_keeps_elapsed_time():
    # 5-year period from 2020-03-01; suspended one year at the start of 2021: the clock
    # resumes with the time left (more than 6 months), one year later than planned.
    mediation = p.Event(p.SUSPENSION, date(2021, 1, 1), date(2022, 1, 1))
    assert deadline(date(2020, 3, 1), 5, mediation) == date(2026, 3, 1)


def test_open_suspension_counts_until_as_of():
    mediation = p.Event(p.SUSPENSION, date(2025, 1, 1))
    result = p.compute_prescription(date(2020, 3, 1), 5, [mediation], as_of=date(2025, 5, 1))
    assert result.deadline == date(2025, 11, 1)


def test_twenty_year_cap():
    acks = [
        p.Event(p.ACKNOWLEDGEMENT, d)
        for d in (date(2014, 12, 1), date(2019, 11, 1), date(2024, 10, 1), date(2029, 9, 1))
    ]
    result = p.compute_prescription(date(2010, 1, 15), 5, acks)
    assert result.deadline == date(2030, 1, 15)
    assert result.capped


def test_enforcement_lifts_the_cap():
    events = [
        p.Event(p.ACKNOWLEDGEMENT, date(2014, 12, 1)),
        p.Event(p.ACKNOWLEDGEMENT, date(2019, 11, 1)),
        p.Event(p.ENFORCEMENT, date(2024, 10, 1)),
        p.Event(p.ACKNOWLEDGEMENT, date(2029, 9, 1)),
    ]
    assert deadline(date(2010, 1, 15), 5, *events) == date(2034, 9, 1)


def test_court_claim_ends_amicable_phase():
    claim = p.Event(p.COURT_CLAIM, date(2025, 6, 1))
    result = p.compute_prescription(date(2024, 3, 15), 2, [claim])
    assert result.litigation
    assert result.deadline is None


def test_court_claim_after_prescription_is_flagged_not_litigation():
    claim = p.Event(p.COURT_CLAIM, date(2027, 6, 1))
    result = p.compute_prescription(date(2024, 3, 15), 2, [claim])
    assert not result.litigation
    assert result.deadline == date(2026, 3, 15)
    assert result.needs_review


def test_unknown_event_kind_is_refused():
    with pytest.raises(ValueError, match="unknown"):
        p.compute_prescription(date(2024, 3, 15), 2, [p.Event("reminder", date(2024, 4, 1))])


def test_events_are_applied_in_date_order():
    later = p.Event(p.ACKNOWLEDGEMENT, date(2027, 1, 1))  # valid only after the first one
    first = p.Event(p.ACKNOWLEDGEMENT, date(2025, 1, 10))
    assert deadline(date(2024, 3, 15), 2, later, first) == date(2029, 1, 1)


# Section 8 and helpers --------------------------------------------------------------------


def test_claim_declaration_deadline_two_months_after_bodacc():
    assert p.claim_declaration_deadline(date(2025, 12, 31)) == date(2026, 2, 28)
    assert p.claim_declaration_deadline(date(2026, 3, 10)) == date(2026, 5, 10)


def test_days_overdue():
    assert p.days_overdue(date(2026, 1, 31), date(2026, 3, 2)) == 30
    assert p.days_overdue(date(2026, 3, 2), date(2026, 1, 31)) == 0
    assert p.days_overdue(None, date(2026, 1, 31)) == 0


# Properties -------------------------------------------------------------------------------

dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31))
periods = st.sampled_from([1, 2, 3, 5])
interruption_kinds = st.sampled_from(sorted(p.INTERRUPTIONS - p.CAP_LIFTING))


@st.composite
def event_lists(draw, kinds):
    start = draw(dates)
    count = draw(st.integers(0, 6))
    events = []
    for _ in range(count):
        day = start + timedelta(days=draw(st.integers(0, 8000)))
        kind = draw(kinds)
        end = None
        if kind == p.SUSPENSION:
            end = day + timedelta(days=draw(st.integers(0, 900)))
        events.append(p.Event(kind, day, end))
    return start, events


@given(start=dates, years=periods)
def test_property_no_event_is_add_years(start, years):
    assert deadline(start, years) == add_years(start, years)


@given(data=event_lists(interruption_kinds), years=periods, extra=dates)
def test_property_an_interruption_never_shortens(data, years, extra):
    start, events = data
    before = p.compute_prescription(start, years, events).deadline
    after = p.compute_prescription(
        start, years, [*events, p.Event(p.ACKNOWLEDGEMENT, extra)]
    ).deadline
    assert after >= before


@given(
    data=event_lists(st.sampled_from(sorted(p.INTERRUPTIONS - p.CAP_LIFTING | {p.SUSPENSION}))),
    years=periods,
)
def test_property_twenty_year_cap_always_holds(data, years):
    start, events = data
    result = p.compute_prescription(start, years, events, as_of=start)
    assert result.deadline <= add_years(start, p.CAP_YEARS)


@given(data=event_lists(interruption_kinds), years=periods)
def test_property_deadline_never_before_plain_period(data, years):
    start, events = data
    result = p.compute_prescription(start, years, events)
    assert result.deadline >= add_years(start, years)


# Suspensions: a clock that stops (law file, section 3) -----------------------------------


def mediation(begin, end, key=None):
    return p.Event(p.SUSPENSION, begin, end, key=key)


def test_suspension_wholly_before_the_start_changes_nothing():
    start = date(2024, 3, 15)
    before = mediation(date(2024, 1, 1), date(2024, 3, 1))
    assert deadline(start, 2, before) == date(2026, 3, 15)


def test_suspension_straddling_the_start_moves_the_start_to_its_end():
    # clock starts 2024-03-15, stopped until 2024-04-14: 30 days later, the floor is lower
    start = date(2024, 3, 15)
    straddling = mediation(date(2024, 2, 1), date(2024, 4, 14))
    assert deadline(start, 2, straddling) == date(2026, 4, 14)


def test_same_mediation_entered_twice_counts_once():
    start = date(2020, 1, 10)
    once = mediation(date(2021, 1, 1), date(2021, 3, 1))
    assert deadline(start, 5, once, mediation(once.date, once.end_date)) == deadline(start, 5, once)


def test_overlapping_mediations_stop_the_clock_once():
    start = date(2020, 1, 10)
    first = mediation(date(2021, 1, 1), date(2021, 3, 1))
    second = mediation(date(2021, 2, 1), date(2021, 4, 1))
    union = mediation(date(2021, 1, 1), date(2021, 4, 1))
    assert deadline(start, 5, first, second) == deadline(start, 5, union)
    assert deadline(start, 5, union) == date(2025, 4, 10)


def test_floor_only_after_a_suspension_that_stopped_the_clock():
    # a mediation long before the start does not bring a 6-month floor
    start = date(2024, 3, 15)
    assert deadline(start, 1, mediation(date(2023, 1, 1), date(2023, 2, 1))) == date(2025, 3, 15)


def test_merge_suspensions():
    merged = p.merge_suspensions(
        [
            mediation(date(2021, 2, 1), date(2021, 4, 1), key=2),
            mediation(date(2021, 1, 1), date(2021, 3, 1), key=1),
            mediation(date(2021, 1, 1), date(2021, 3, 1), key=3),
            mediation(date(2022, 1, 1), None, key=4),
            p.Event(p.ACKNOWLEDGEMENT, date(2021, 1, 1)),
        ],
        as_of=date(2022, 2, 1),
    )
    assert [(ev.date, ev.end_date, ev.key) for ev in merged] == [
        (date(2021, 1, 1), date(2021, 4, 1), 1),
        (date(2022, 1, 1), date(2022, 2, 1), 4),
    ]


intervals = st.lists(
    st.tuples(
        st.dates(min_value=date(2018, 1, 1), max_value=date(2030, 12, 31)),
        st.integers(min_value=0, max_value=400),
    ),
    min_size=1,
    max_size=5,
)


@given(
    start=st.dates(min_value=date(2019, 1, 1), max_value=date(2026, 12, 31)),
    years=st.sampled_from([1, 2, 4, 5]),
    spans=intervals,
)
def test_property_merged_suspensions_never_later_than_one_long_suspension(start, years, spans):
    events = [mediation(begin, begin + timedelta(days=length)) for begin, length in spans]
    hull = mediation(min(ev.date for ev in events), max(ev.end_date for ev in events))
    assert deadline(start, years, *events) <= deadline(start, years, hull)


@given(
    start=st.dates(min_value=date(2019, 1, 1), max_value=date(2026, 12, 31)),
    years=st.sampled_from([1, 2, 5]),
    spans=intervals,
)
def test_property_duplicates_and_overlaps_count_once(start, years, spans):
    events = [mediation(begin, begin + timedelta(days=length)) for begin, length in spans]
    assert deadline(start, years, *events, *events) == deadline(start, years, *events)
    assert deadline(start, years, *events) == deadline(start, years, *p.merge_suspensions(events))


@given(
    start=st.dates(min_value=date(2019, 1, 1), max_value=date(2026, 12, 31)),
    years=st.sampled_from([1, 2, 5]),
    spans=intervals,
)
def test_property_suspension_ending_before_the_start_does_nothing(start, years, spans):
    events = [
        mediation(start - timedelta(days=length + 1), start - timedelta(days=1))
        for _begin, length in spans
    ]
    assert deadline(start, years, *events) == add_years(start, years)


# Carriage (L133-6 al. 4): the year runs from delivery ---------------------------------------


def test_carriage_runs_from_delivery():
    start = p.prescription_start(
        date(2025, 7, 30), date(2025, 6, 30), date(2025, 6, 20), p.CARRIAGE
    )
    assert start == date(2025, 6, 20)


def test_carriage_without_delivery_runs_from_invoice_date_not_due_date():
    start = p.prescription_start(date(2025, 7, 30), date(2025, 6, 30), None, p.CARRIAGE)
    assert start == date(2025, 6, 30)
    assert deadline(start, p.prescription_years(p.PROFESSIONAL, p.CARRIAGE)) == date(2026, 6, 30)


def test_standard_debt_still_runs_from_due_date():
    assert p.prescription_start(date(2025, 7, 30), date(2025, 6, 30)) == date(2025, 7, 30)


# Threat timing (law file, section 4) ---------------------------------------------------------


def test_threat_allowed_when_unprescribed_at_deadline_plus_margin():
    notice = date(2026, 3, 2)
    # 8 days to pay + 30 days to file: 2026-04-09 must still be within the period
    assert p.court_filing_deadline([date(2026, 4, 9)], notice, 8, 30) is None
    assert p.court_filing_deadline([None, date(2030, 1, 1)], notice, 8, 30) is None


def test_threat_refused_with_the_last_day_to_file():
    notice = date(2026, 3, 2)
    deadlines = [date(2030, 1, 1), date(2026, 4, 8), date(2026, 3, 20)]
    assert p.court_filing_deadline(deadlines, notice, 8, 30) == date(2026, 3, 20)


@given(
    deadline_days=st.lists(st.integers(min_value=-10, max_value=200), min_size=1, max_size=5),
    payment=st.integers(min_value=0, max_value=30),
    margin=st.integers(min_value=0, max_value=90),
)
def test_property_threat_only_if_unprescribed_at_the_horizon(deadline_days, payment, margin):
    notice = date(2026, 3, 2)
    deadlines = [notice + timedelta(days=d) for d in deadline_days]
    last_day = p.court_filing_deadline(deadlines, notice, payment, margin)
    horizon = notice + timedelta(days=payment + margin)
    if last_day is None:
        assert all(not p.is_prescribed(d, horizon) for d in deadlines)
    else:
        assert last_day == min(deadlines) and last_day < horizon


def test_claim_declaration_reminder_days():
    deadline = date(2026, 7, 10)
    assert p.claim_declaration_reminder_days(deadline, date(2026, 6, 1)) == (30, 15, 5)
    assert p.claim_declaration_reminder_days(deadline, date(2026, 6, 10)) == (30, 15, 5)
    assert p.claim_declaration_reminder_days(deadline, date(2026, 6, 11)) == (15, 5)
    assert p.claim_declaration_reminder_days(deadline, date(2026, 7, 6)) == (0,)
    assert p.claim_declaration_reminder_days(deadline, date(2026, 7, 20)) == (0,)
