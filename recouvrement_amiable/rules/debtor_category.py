# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Debtor categories: one place for what the law says of each kind of debtor.

Law file, sections 2, 4, 5 and 6. For each category: the prescription period and how it
starts, whether our written payment requests interrupt it, which late-payment costs may be
claimed, and whether court action (and the L125-1 small-claims procedure) may be announced.
Letters, e-mails, plans, the account statement and the plan wizard all read this table.
"""

from dataclasses import dataclass
from decimal import Decimal

PROFESSIONAL = "professional"
CONSUMER = "consumer"
NON_PROFESSIONAL = "non_professional"
PUBLIC_BODY = "public_body"

# How the prescription period starts.
FROM_DUE_DATE = "due_date"  # art. 2233 C. civ.
FROM_JANUARY_AFTER_SERVICE = "january_after_service"  # loi 68-1250, art. 1

# Which late-payment costs may be claimed.
COMMERCIAL = "commercial"  # L441-10 C. com. (ECB + 10 points) and €40 (D441-5)
PUBLIC_PROCUREMENT = "public_procurement"  # R2192-31 (ECB + 8 points) and €40 (D2192-35)
NO_COSTS = None  # L111-8 CPCE: amicable collection costs stay with the creditor

FIXED_INDEMNITY = Decimal("40.00")


@dataclass(frozen=True)
class DebtorCategory:
    key: str
    prescription_years: int
    prescription_start: str
    prescription_source: str
    written_request_interrupts: bool  # our reminders and formal notices interrupt
    late_costs: str | None
    penalty_margin_points: Decimal | None  # added to the ECB rate when no contractual rate
    penalty_rate_fixed_per_half_year: bool  # split by half-year, or fixed when interest started
    costs_source: str
    court_threat: bool  # a judicial court / bailiff may be announced
    small_claims: bool  # L125-1 CPCE procedure possible
    # a payment plan lapses only after the longer notice (company setting, 30 days by default):
    # a 15-day notice before acceleration was held abusive in a consumer contract (Cass. 1re
    # civ. 29 May 2024 n° 23-12.904); [UNSURE] non-professionals too, as the unfair-terms rule
    # protects them as well (L212-2 C. conso.): the safer reading
    long_acceleration_notice: bool = False

    @property
    def owes_late_costs(self):
        return self.late_costs is not NO_COSTS


CATEGORIES = {
    PROFESSIONAL: DebtorCategory(
        key=PROFESSIONAL,
        prescription_years=5,
        prescription_start=FROM_DUE_DATE,
        prescription_source="L110-4 C. com.",
        written_request_interrupts=False,
        late_costs=COMMERCIAL,
        penalty_margin_points=Decimal("10"),
        penalty_rate_fixed_per_half_year=False,
        costs_source="L441-10 et D441-5 C. com.",
        court_threat=True,
        small_claims=True,
    ),
    CONSUMER: DebtorCategory(
        key=CONSUMER,
        prescription_years=2,
        prescription_start=FROM_DUE_DATE,
        prescription_source="L218-2 C. conso.",
        written_request_interrupts=False,
        late_costs=NO_COSTS,
        penalty_margin_points=None,
        penalty_rate_fixed_per_half_year=False,
        costs_source="L111-8 CPCE",
        court_threat=True,
        small_claims=True,
        long_acceleration_notice=True,
    ),
    # Treated like a consumer for costs, like a professional for prescription (law file,
    # sections 2 and 5: Cass. 3e civ. 17 Feb 2022 n° 21-19.829; L441-10 between professionals).
    NON_PROFESSIONAL: DebtorCategory(
        key=NON_PROFESSIONAL,
        prescription_years=5,
        prescription_start=FROM_DUE_DATE,
        prescription_source="2224 C. civ.",
        written_request_interrupts=False,
        late_costs=NO_COSTS,
        penalty_margin_points=None,
        penalty_rate_fixed_per_half_year=False,
        costs_source="L111-8 CPCE",
        court_threat=True,
        small_claims=True,
        long_acceleration_notice=True,
    ),
    # State, local authority, public establishment, public hospital: quadrennial
    # prescription (loi 68-1250), public procurement late payment (R2192-31, D2192-35);
    # public property cannot be seized: no bailiff, no L125-1, the administrative court.
    PUBLIC_BODY: DebtorCategory(
        key=PUBLIC_BODY,
        prescription_years=4,
        prescription_start=FROM_JANUARY_AFTER_SERVICE,
        prescription_source="loi n° 68-1250 du 31 décembre 1968, art. 1 et 2",
        written_request_interrupts=True,
        late_costs=PUBLIC_PROCUREMENT,
        penalty_margin_points=Decimal("8"),
        penalty_rate_fixed_per_half_year=True,
        costs_source="R2192-31 et D2192-35 C. commande publique",
        court_threat=False,
        small_claims=False,
    ),
}


def category(key):
    """The category of ``key``; an unknown or empty key is a professional (the default)."""
    return CATEGORIES.get(key or PROFESSIONAL, CATEGORIES[PROFESSIONAL])


def owes_late_costs(key):
    """Whether late-payment penalties and the €40 indemnity may be claimed at all."""
    return category(key).owes_late_costs


def fixed_indemnity(key, is_late):
    """€40 per late invoice: professionals (D441-5) and public bodies (D2192-35) only."""
    if not is_late or not owes_late_costs(key):
        return Decimal(0)
    return FIXED_INDEMNITY


def collection_costs(key, penalties, indemnity):
    """What may be claimed on top of the principal: nothing from a consumer or a
    non-professional legal person (L111-8 CPCE)."""
    if not owes_late_costs(key):
        return Decimal(0)
    return (Decimal(penalties) + Decimal(indemnity)).quantize(Decimal("0.01"))


def penalty_margin(key):
    """Points added to the ECB rate for the legal default penalty rate, or None."""
    return category(key).penalty_margin_points


def court_threat_possible(key):
    return category(key).court_threat


def acceleration_notice_days(key, general_days, consumer_days):
    """Days after the missed-instalment notice before a payment plan lapses (acceleration
    clause): the longer consumer notice for consumers and non-professionals, never shorter
    than the general one."""
    if category(key).long_acceleration_notice:
        return max(general_days, consumer_days)
    return general_days
