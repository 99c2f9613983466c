# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""B2B late-payment penalties and the fixed recovery indemnity (law file, section 5).

Penalties run from the day after the due date without any reminder (L441-10 C. com.); the
default rate is the ECB main refinancing rate in force on 1 January or 1 July plus 10 points;
a contractual rate may not be below three times the legal interest rate. The €40 indemnity
(D441-5) is due per late invoice from professionals only: never from consumers nor from
non-professional legal persons (L111-8 of the Code des procédures civiles d'exécution). Public
bodies owe public-procurement interest, ECB rate in force on the first day of the half-year in
which interest started + 8 points, not split by half-year (R2192-31 C. commande publique), and
€40 (D2192-35). Who owes what: ``debtor_category``. Amounts: full precision, rounded half-up to
the cent at the end (section 9).
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from . import debtor_category

DEFAULT_MARGIN_POINTS = Decimal("10")
CONTRACT_RATE_FLOOR_FACTOR = Decimal("3")
FIXED_INDEMNITY = Decimal("40.00")
CENT = Decimal("0.01")


class MissingRate(ValueError):
    """No rate is known for a half-year the period goes through: never reuse an old one."""

    def __init__(self, year, half):
        super().__init__(f"no rate for {year} H{half}")
        self.year = year
        self.half = half


@dataclass(frozen=True)
class HalfYearRates:
    """Rates in force for one half-year, in percent."""

    year: int
    half: int  # 1: January-June, 2: July-December
    ecb_rate: Decimal
    legal_rate_individual: Decimal | None  # None: not recorded yet
    legal_rate_other: Decimal | None

    @property
    def default_penalty_rate(self):
        return self.ecb_rate + DEFAULT_MARGIN_POINTS


def half_year(day):
    return day.year, 1 if day.month <= 6 else 2


def half_year_end(day):
    return date(day.year, 6, 30) if day.month <= 6 else date(day.year, 12, 31)


def round_cents(amount):
    return Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)


def check_contract_rate(contract_rate, rates):
    """A contractual rate below 3 x the legal rate ("other cases") is refused (L441-10)."""
    if rates.legal_rate_other is None:
        raise MissingRate(rates.year, rates.half)
    floor = CONTRACT_RATE_FLOOR_FACTOR * Decimal(rates.legal_rate_other)
    return Decimal(contract_rate) >= floor, floor


def _periods(amount, start_after, until, rates_by_half, rate_of, *, strict=True):
    """Daily-simple interest from the day after ``start_after`` to ``until`` (inclusive),
    split by half-year: [(first_day, last_day, days, rate, unrounded amount)]. ``strict``: a
    half-year without rates is an error (the rate depends on it)."""
    periods = []
    day = start_after + timedelta(days=1)
    while day <= until:
        last = min(half_year_end(day), until)
        rates = rates_by_half.get(half_year(day))
        if rates is None and strict:
            raise MissingRate(*half_year(day))
        rate = rate_of(rates)
        days = (last - day).days + 1
        value = Decimal(amount) * rate / Decimal(100) * days / Decimal(365)
        periods.append((day, last, days, rate, value))
        day = last + timedelta(days=1)
    return periods


def late_penalty_periods(
    amount,
    due_date,
    until,
    rates_by_half,
    contract_rate=None,
    *,
    margin_points=DEFAULT_MARGIN_POINTS,
    fixed_at_start=False,
):
    """Penalty periods from the day after ``due_date`` to ``until`` (inclusive), per half-year.

    ``rates_by_half`` maps (year, half) to :class:`HalfYearRates`. Without a contractual rate:
    ECB rate + ``margin_points``; ``fixed_at_start`` (public procurement, R2192-31) takes the
    ECB rate of the half-year in which interest started for the whole period.
    """
    if fixed_at_start and contract_rate is None and due_date < until:
        first = half_year(due_date + timedelta(days=1))
        if first not in rates_by_half:
            raise MissingRate(*first)
        fixed = rates_by_half[first].ecb_rate + Decimal(margin_points)
        return _periods(amount, due_date, until, rates_by_half, lambda _rates: fixed, strict=False)

    def rate_of(rates):
        if contract_rate is not None:
            return Decimal(contract_rate)
        return rates.ecb_rate + Decimal(margin_points)

    return _periods(amount, due_date, until, rates_by_half, rate_of)


def legal_interest(amount, received_on, until, rates_by_half, creditor_is_individual=False):
    """Interest at the legal rate from the receipt of a formal notice (1344-1, 1231-6 C. civ.).

    The rate depends on the creditor: a company creditor uses the "other cases" rate.
    [UNSURE] It runs from the day after receipt (the LRAR first presentation date).
    """

    def rate_of(rates):
        rate = rates.legal_rate_individual if creditor_is_individual else rates.legal_rate_other
        if rate is None:  # not published (recorded) yet: never guessed
            raise MissingRate(rates.year, rates.half)
        return rate

    periods = _periods(amount, received_on, until, rates_by_half, rate_of)
    return round_cents(sum((p[4] for p in periods), Decimal(0)))


def late_penalties(amount, due_date, until, rates_by_half, contract_rate=None, *, debtor_type=None):
    """Late-payment penalties on ``amount`` (still due, VAT included), rounded to the cent.

    ``debtor_type`` sets the legal default rate (ECB + 10 points for professionals, ECB + 8
    fixed at the start for public bodies); a debtor that owes no late-payment costs owes none.
    """
    if debtor_type is not None and not debtor_category.owes_late_costs(debtor_type):
        return Decimal(0)
    kind = debtor_category.category(debtor_type)
    periods = late_penalty_periods(
        amount,
        due_date,
        until,
        rates_by_half,
        contract_rate,
        margin_points=kind.penalty_margin_points,
        fixed_at_start=kind.penalty_rate_fixed_per_half_year,
    )
    return round_cents(sum((p[4] for p in periods), Decimal(0)))


def fixed_indemnity(debtor_type, is_late):
    """€40 per late invoice: professionals (D441-5 C. com.) and public bodies (D2192-35 C.
    commande publique) only; never consumers nor non-professional legal persons (L111-8
    CPCE)."""
    return debtor_category.fixed_indemnity(debtor_type, is_late)


def collection_costs(debtor_type, penalties, indemnity):
    """What may be claimed on top of the principal: nothing from a consumer or a
    non-professional legal person."""
    return debtor_category.collection_costs(debtor_type, penalties, indemnity)


def cost_basis_in_insolvency(invoice_date, due_date, until, judgment_date):
    """What late costs may run on an invoice of a debtor in insolvency proceedings opened on
    ``judgment_date`` (law file, sections 5 and 8): ``(last day of penalties, whether the
    €40 is due)``.

    - an invoice born after the opening judgment is not caught by it: unchanged;
    - otherwise interest stops at the opening judgment (L622-28 C. com.): [UNSURE] the day of
      the judgment is not counted;
    - the €40 is not due when the judgment forbade paying the invoice at its due date, i.e.
      due on or after the judgment day (L441-10 II C. com.).
    """
    if judgment_date is None or (invoice_date and invoice_date > judgment_date):
        return until, True
    return min(until, judgment_date - timedelta(days=1)), due_date < judgment_date


def cost_basis_after_plan(due_date, *, broken_on=None, acknowledged=False, costs_invoice=False):
    """What late costs may still run on an invoice once a payment plan was made (law file,
    section 7): ``(penalties run after this day, or None; whether the €40 is due)``.

    - an invoice of penalties and indemnities: nothing at all on it (no interest on
      interest, art. 1343-2; never a €40 on an invoice of penalties);
    - an invoice of a broken plan: penalties acknowledged in the plan are not computed a
      second time, late interest runs from the breach on the unpaid principal only, and no
      second €40 when the plan acknowledged the late costs;
    - otherwise: from the due date, €40 due.
    """
    if costs_invoice:
        return None, False
    if broken_on:
        return max(due_date, broken_on), not acknowledged
    return due_date, True
