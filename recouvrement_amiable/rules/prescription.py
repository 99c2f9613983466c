# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Prescription (limitation) of a debt under French law.

Sources and test vectors: shared/docs/french-collection-law.md, sections 1 to 3.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from . import debtor_category
from .dates import add_months, add_years

# Debtor types (res.partner.debtor_type): see ``debtor_category``.
PROFESSIONAL = debtor_category.PROFESSIONAL
CONSUMER = debtor_category.CONSUMER
NON_PROFESSIONAL = debtor_category.NON_PROFESSIONAL
PUBLIC_BODY = debtor_category.PUBLIC_BODY

# Nature of the debt when a special period applies (account.move.debt_nature).
STANDARD = "standard"
CARRIAGE = "carriage"
RESIDENTIAL_RENT = "residential_rent"

# Event kinds (dunning.prescription.event.event_type).
ACKNOWLEDGEMENT = "acknowledgement"  # art. 2240 C. civ.
PARTIAL_PAYMENT = "partial_payment"  # a payment is an acknowledgement (2240)
PAYMENT_PLAN = "payment_plan"  # a signed plan is an acknowledgement (2240)
ENFORCEMENT = "enforcement"  # protective measure or enforcement act (2244)
COURT_CLAIM = "court_claim"  # claim in court, even in référé (2241-2242)
SUSPENSION = "suspension"  # mediation / conciliation / L125-1 agreement (2230, 2238)
# A written request for payment (our reminders and formal notices): interrupts only the
# quadrennial prescription of public-law debtors (loi 68-1250, art. 2); nothing otherwise.
WRITTEN_REQUEST = "written_request"

INTERRUPTIONS = frozenset({ACKNOWLEDGEMENT, PARTIAL_PAYMENT, PAYMENT_PLAN, ENFORCEMENT})
CAP_LIFTING = frozenset({ENFORCEMENT, COURT_CLAIM})  # art. 2232 al. 2
EVENT_KINDS = INTERRUPTIONS | {COURT_CLAIM, SUSPENSION, WRITTEN_REQUEST}

CAP_YEARS = 20  # art. 2232 C. civ.
SUSPENSION_FLOOR_MONTHS = 6  # art. 2238 al. 2 C. civ.
INSOLVENCY_DECLARATION_MONTHS = 2  # art. L622-24 / R622-24 C. com.


def prescription_years(debtor_type: str, debt_nature: str = STANDARD) -> int:
    """Length of the prescription period in years.

    Public-law debtor: 4 years (loi 68-1250), whatever the debt; carriage invoices: 1 year
    (L133-6 C. com.); residential rent: 3 years (art. 7-1 loi 89-462); otherwise the debtor's
    category: consumer 2 years (L218-2 C. conso.), non-professional legal person 5 years
    (Cass. 3e civ. 17 Feb 2022 n° 21-19.829), commercial and civil default 5 years (L110-4
    C. com., 2224 C. civ.).
    """
    if debtor_type == PUBLIC_BODY:
        return debtor_category.category(PUBLIC_BODY).prescription_years
    if debt_nature == CARRIAGE:
        return 1
    if debt_nature == RESIDENTIAL_RENT:
        return 3
    return debtor_category.category(debtor_type).prescription_years


def prescription_start(
    due_date: date | None,
    invoice_date: date | None,
    performance_date: date | None = None,
    debt_nature: str = STANDARD,
) -> date | None:
    """First day of the period: the due date, or the invoice date when there is none.

    Late invoicing does not push the start back (Cass. com. 26 Feb 2020 n° 18-25.036): a known
    delivery or performance date that is earlier wins (the safe start). Carriage (L133-6 al.
    4): the year runs from delivery; delivery unknown → the invoice date (delivery precedes
    invoicing), never the later due date.
    """
    if debt_nature == CARRIAGE:
        return performance_date or invoice_date or due_date
    start = due_date or invoice_date
    if start and performance_date and performance_date < start:
        return performance_date
    return start


def quadrennial(debtor_type: str) -> bool:
    """Whether the period is the public-law quadrennial one (loi 68-1250)."""
    return debtor_category.category(debtor_type).prescription_start == (
        debtor_category.FROM_JANUARY_AFTER_SERVICE
    )


def period_end(start: date, years: int, from_january_after: bool = False) -> date:
    """Last day of a period of ``years`` starting on ``start`` (arts. 2228-2229).

    ``from_january_after`` (loi 68-1250, art. 1 and 2): the period starts on 1 January of the
    year after ``start`` (service performed, or interruption): its last day is 31 December of
    the year ``start.year + years``.
    """
    if from_january_after:
        return date(start.year + years + 1, 1, 1) - timedelta(days=1)
    return add_years(start, years)


@dataclass(frozen=True)
class Event:
    """An event that acts on the prescription of a debt."""

    kind: str
    date: date
    end_date: date | None = None
    key: object = None  # caller's reference (e.g. a record id), returned in ignored events


@dataclass(frozen=True)
class PrescriptionResult:
    """Outcome of :func:`compute_prescription`.

    ``deadline`` is the last day on which the debt can be claimed (None in litigation: the
    amicable phase is over and the period runs until the proceedings end).
    ``ignored`` lists the events that came after the deadline and changed nothing: they need a
    manual review (a payment after prescription revives nothing).
    """

    deadline: date | None
    litigation: bool = False
    capped: bool = False
    ignored: tuple = field(default_factory=tuple)

    @property
    def needs_review(self) -> bool:
        return bool(self.ignored)


def merge_suspensions(events, as_of: date | None = None) -> list:
    """The suspensions among ``events`` as merged intervals, in date order.

    A suspension is a clock that stops (art. 2230): overlapping or repeated suspensions stop
    it once, so the same mediation entered twice counts once. An open suspension (no end
    yet) runs until ``as_of``. Each merged interval keeps the key of its first event.
    """
    intervals = sorted(
        (
            (ev.date, ev.end_date or max(ev.date, as_of or ev.date), ev.key)
            for ev in events
            if ev.kind == SUSPENSION
        ),
        key=lambda item: (item[0], item[1]),
    )
    merged = []
    for begin, end, key in intervals:
        if merged and begin <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([begin, end, key])
    return [Event(SUSPENSION, begin, end, key=key) for begin, end, key in merged]


def compute_prescription(
    start: date,
    years: int,
    events=(),
    as_of: date | None = None,
    from_january_after: bool = False,
) -> PrescriptionResult:
    """Last day of the prescription period, from its start and the events on the debt.

    Events are applied in date order (law file, section 3):
    - an interruption on or before the deadline starts a full new period from its date
      (art. 2231); it never shortens the period already running;
    - an event after the deadline is ignored and reported for review;
    - suspensions are merged first (overlaps and duplicates count once); a suspension s..e
      stops a running clock only: the part before the period started counts for nothing
      (one that straddles the start moves the start to its end), and then
      ``max(deadline + (e - s), e + 6 months)`` (the 6-month floor, art. 2238); an open
      suspension (no end yet) is counted as ending on ``as_of``;
    - a court claim ends the amicable phase: litigation, no deadline computed;
    - the result never goes beyond 20 years from the start (art. 2232), unless an
      enforcement act lifted that cap.
    Reminders, calls and formal notices (``WRITTEN_REQUEST``) never move the date, except for
    a public-law debtor (``from_january_after``, loi 68-1250): there the period runs from 1
    January after ``start`` (the service year) and every written request for payment
    interrupts, a new period starting on the next 1 January.
    """

    def end_of(day):
        return period_end(day, years, from_january_after)

    def clock_start(day):
        return date(day.year + 1, 1, 1) if from_january_after else day

    deadline = end_of(start)
    running_since = clock_start(start)
    cap = add_years(start, CAP_YEARS)
    cap_lifted = False
    capped = False
    ignored = []
    others = [ev for ev in events if ev.kind != SUSPENSION]
    ordered = sorted(others + merge_suspensions(events, as_of), key=lambda ev: ev.date)
    for event in ordered:
        if event.kind == WRITTEN_REQUEST and not from_january_after:
            continue  # a reminder or a formal notice interrupts nothing (Cass. com. 2022)
        if event.date > deadline:
            ignored.append(event)
            continue
        if event.kind == COURT_CLAIM:
            return PrescriptionResult(None, litigation=True, ignored=tuple(ignored))
        if event.kind in INTERRUPTIONS or event.kind == WRITTEN_REQUEST:
            if end_of(event.date) > deadline:
                deadline = end_of(event.date)
                running_since = max(running_since, clock_start(event.date))
            cap_lifted = cap_lifted or event.kind in CAP_LIFTING
        elif event.kind == SUSPENSION:
            if event.end_date <= running_since:
                continue  # wholly before the clock started: nothing stopped
            stopped_from = max(event.date, running_since)
            deadline = max(
                deadline + (event.end_date - stopped_from),
                add_months(event.end_date, SUSPENSION_FLOOR_MONTHS),
            )
            running_since = max(running_since, event.end_date)
        else:
            raise ValueError(f"unknown prescription event kind: {event.kind!r}")
        if not cap_lifted and deadline > cap:
            deadline, capped = cap, True
    return PrescriptionResult(deadline, capped=capped, ignored=tuple(ignored))


def is_prescribed(deadline: date | None, today: date) -> bool:
    """A debt is prescribed from the day after its last day."""
    return bool(deadline) and today > deadline


def claim_declaration_deadline(publication_date: date) -> date:
    """Last day to declare a claim in insolvency proceedings: BODACC publication + 2 months."""
    return add_months(publication_date, INSOLVENCY_DECLARATION_MONTHS)


CLAIM_DECLARATION_REMINDERS = (30, 15, 5)  # days before the declaration deadline


def claim_declaration_reminder_days(deadline: date, today: date) -> tuple:
    """Days before ``deadline`` on which the accountant is reminded to declare the claim:
    those of CLAIM_DECLARATION_REMINDERS still to come, or the deadline itself (0) when none
    is."""
    coming = tuple(
        days for days in CLAIM_DECLARATION_REMINDERS if deadline - timedelta(days=days) >= today
    )
    return coming or (0,)


def days_overdue(due_date: date | None, today: date) -> int:
    """Days since the due date; 0 when not yet due."""
    if not due_date:
        return 0
    return max(0, (today - due_date).days)


def court_filing_deadline(deadlines, notice_date: date, payment_days: int, margin_days: int):
    """Threat timing (law file, section 4): the court action a formal notice announces comes
    after its payment deadline, and a formal notice interrupts nothing.

    ``deadlines`` are the last days of the debts (None: not computed). Returns None when every
    debt is still unprescribed at ``notice_date + payment_days + margin_days`` (the threat may
    be printed), else the last day to file a claim in court (the earliest deadline): the
    formal notice is then the wrong tool.
    """
    horizon = notice_date + timedelta(days=payment_days + margin_days)
    close = [deadline for deadline in deadlines if deadline and is_prescribed(deadline, horizon)]
    return min(close) if close else None
