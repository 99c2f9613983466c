# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The way out of the amicable phase, chosen from the law.

Law file sections 2, 4 and 8; issue 13:
- small claims (procédure simplifiée de recouvrement des petites créances, L125-1 and R125-1
  CPCE): contractual or statutory debt, principal and interest at most €5,000 ([UNSURE] 5,000
  itself is eligible), not prescribed, not disputed, debtor not a public body, no insolvency;
- payment order (injonction de payer, art. 1405 to 1407 CPC): a contractual claim of a
  certain (not disputed), liquid and due amount, not prescribed;
- claim declaration (L622-24 to L622-26 C. com.): the debtor is in insolvency proceedings,
  individual actions are stopped (L622-21), the claim is declared to the mandataire;
- public-law debtor (loi 68-1250; public property cannot be seized): formal claim to the body,
  then the prefect's "mandatement d'office"; never L125-1;
- collection agency or commissaire de justice: always possible (export of the file);
- nothing to do: a prescribed debt is not taken to court (write-off review).
"""

from dataclasses import dataclass
from decimal import Decimal

from .dates import add_months

SMALL_CLAIMS = "small_claims"
PAYMENT_ORDER = "payment_order"
CLAIM_DECLARATION = "claim_declaration"
PUBLIC_BODY = "public_body"
AGENCY = "agency"
NOTHING = "nothing"

PATHS = (SMALL_CLAIMS, PAYMENT_ORDER, CLAIM_DECLARATION, PUBLIC_BODY, AGENCY, NOTHING)

# Debtor type of a public-law debtor (State, local authority, public establishment).
PUBLIC_BODY_DEBTOR = "public_body"

SMALL_CLAIMS_CEILING = Decimal("5000")  # R125-1 CPCE, default of the company setting

# Reasons (each one a fact of the file that decides or refuses a path).
R_PRESCRIBED = "prescribed"  # every invoice is prescribed
R_NOTHING_DUE = "nothing_due"
R_INSOLVENCY = "insolvency"
R_OVER_INDEBTEDNESS = "over_indebtedness"
R_PUBLIC_BODY = "public_body"
R_DISPUTED = "disputed"
R_OVER_CEILING = "over_ceiling"
R_UNDER_CEILING = "under_ceiling"
R_NOT_CONTRACTUAL = "not_contractual"
R_NOT_INSOLVENT = "not_insolvent"
R_NOT_PUBLIC_BODY = "not_public_body"
R_NOT_PRESCRIBED = "not_prescribed"
R_SOME_PRESCRIBED = "some_prescribed"  # left out of the claim, the rest goes on
R_AGENCY = "agency"


@dataclass(frozen=True)
class Facts:
    """What the law looks at, from the litigation file.

    ``amount`` is the principal still due on the invoices not prescribed plus their interest
    (late-payment penalties); indemnities are not interest.
    """

    amount: Decimal
    debtor_type: str
    prescribed_count: int = 0
    recoverable_count: int = 0  # invoices not prescribed
    disputed: bool = False
    insolvency: bool = False
    over_indebtedness: bool = False
    contractual: bool = True
    ceiling: Decimal = SMALL_CLAIMS_CEILING


def _nothing_left(facts):
    return facts.recoverable_count == 0 or facts.amount <= 0


def _claim_refusals(facts):
    """Any claim needs something not prescribed and still due."""
    if facts.recoverable_count == 0:
        return [R_PRESCRIBED]
    return [R_NOTHING_DUE] if facts.amount <= 0 else []


def _individual_action_refusals(facts):
    """Small claims and payment order: individual actions against a private debtor."""
    checks = (
        (facts.insolvency, R_INSOLVENCY),
        (facts.over_indebtedness, R_OVER_INDEBTEDNESS),
        (facts.debtor_type == PUBLIC_BODY_DEBTOR, R_PUBLIC_BODY),
        (facts.disputed, R_DISPUTED),
    )
    return [reason for found, reason in checks if found]


def refusals(path: str, facts: Facts) -> list:
    """Reasons why ``path`` cannot be taken for this file (empty: it can)."""
    if path == NOTHING:
        # nothing to claim, or collection frozen by over-indebtedness (L722-2 C. conso.)
        alive = not _nothing_left(facts) and not facts.over_indebtedness
        return [R_NOT_PRESCRIBED] if alive else []
    if path == AGENCY:
        return [R_PRESCRIBED] if facts.recoverable_count == 0 else []
    found = _claim_refusals(facts)
    specific = {
        CLAIM_DECLARATION: [(not facts.insolvency, R_NOT_INSOLVENT)],
        PUBLIC_BODY: [(facts.debtor_type != PUBLIC_BODY_DEBTOR, R_NOT_PUBLIC_BODY)],
        SMALL_CLAIMS: [(facts.amount > facts.ceiling, R_OVER_CEILING)],
        PAYMENT_ORDER: [(not facts.contractual, R_NOT_CONTRACTUAL)],
    }[path]
    if path in (SMALL_CLAIMS, PAYMENT_ORDER):
        found += _individual_action_refusals(facts)
    return found + [reason for refused, reason in specific if refused]


def recommend(facts: Facts) -> tuple:
    """The path recommended for this file and the reasons that decide it.

    Returns ``(path, reasons)``; ``reasons`` are reason codes, most decisive first.
    """
    nothing = _claim_refusals(facts)
    if nothing:
        return NOTHING, nothing
    partly = [R_SOME_PRESCRIBED] if facts.prescribed_count else []
    decisive = (
        (facts.insolvency, CLAIM_DECLARATION, [R_INSOLVENCY]),
        (facts.over_indebtedness, NOTHING, [R_OVER_INDEBTEDNESS]),
        (facts.debtor_type == PUBLIC_BODY_DEBTOR, PUBLIC_BODY, [R_PUBLIC_BODY]),
        (facts.disputed, AGENCY, [R_DISPUTED]),
        (not refusals(SMALL_CLAIMS, facts), SMALL_CLAIMS, [R_UNDER_CEILING]),
        (not refusals(PAYMENT_ORDER, facts), PAYMENT_ORDER, [R_OVER_CEILING]),
    )
    for applies, path, reasons in decisive:
        if applies:
            return path, reasons + partly
    return AGENCY, [R_AGENCY, *refusals(PAYMENT_ORDER, facts), *partly]


# Payment order (injonction de payer): the court that hears the request (art. 1406 CPC: the
# court of the place where the debtor lives; the commercial court between traders, within its
# jurisdiction, L721-3 C. com.; the judicial court otherwise).
COMMERCIAL_COURT = "commercial"
JUDICIAL_COURT = "judicial"
COURT_TO_CHECK = "to_check"
# INSEE legal categories of traders: commercial companies (5xxx), foreign commercial companies
# registered in France (3120).
TRADER_LEGAL_FAMILIES = ("5",)
TRADER_LEGAL_CODES = ("3120",)


def payment_order_court(debtor_type, legal_category_code):
    """Which court hears a payment order request of our (commercial) company against this
    debtor: COMMERCIAL_COURT for a commercial company, JUDICIAL_COURT for a consumer or a
    non-professional legal person, COURT_TO_CHECK for another professional (a sole trader may
    be a trader, a craftsman or a liberal profession: the accountant decides)."""
    code = legal_category_code or ""
    if code[:1] in TRADER_LEGAL_FAMILIES or code in TRADER_LEGAL_CODES:
        return COMMERCIAL_COURT
    if debtor_type in ("consumer", "non_professional"):
        return JUDICIAL_COURT
    return COURT_TO_CHECK


# Claim declaration (L622-24 to L622-26, R622-23 C. com.): which invoices are declared, and how.
DECLARED_DUE = "due"  # due on the day of the opening judgment
DECLARED_NOT_DUE = "not_due"  # born before it, due later: declared as "à échoir"
NOT_DECLARED = "after"  # born after the opening judgment: paid at its due date (L622-17)


def claim_declaration_part(invoice_date, due_date, judgment_date):
    """How an invoice goes into the claim declaration of proceedings opened on
    ``judgment_date``. An invoice dated after the judgment is a later claim, not declared."""
    if invoice_date and invoice_date > judgment_date:
        return NOT_DECLARED
    if due_date and due_date > judgment_date:
        return DECLARED_NOT_DUE
    return DECLARED_DUE


# Public-law debtor (loi 68-1250; CGCT L1612-15 and L1612-16): a written claim first; without
# payment two months later (the administration's silence is a refusal, L231-4 CRPA), the
# prefect is asked to order the payment ("mandatement d'office") of a local authority.
PUBLIC_CLAIM_WAIT_MONTHS = 2
R_NO_PUBLIC_CLAIM = "no_public_claim"
R_PUBLIC_CLAIM_TOO_RECENT = "public_claim_too_recent"
R_STATE_DEBTOR = "state_debtor"  # INSEE 71xx: the State has no prefect above it
STATE_LEGAL_FAMILY = "71"


def mandatement_request_from(claim_date):
    """First day the prefect may be asked to order the payment, or None without a claim."""
    if not claim_date:
        return None
    return add_months(claim_date, PUBLIC_CLAIM_WAIT_MONTHS)


def mandatement_request_refusal(legal_category_code, claim_date, today):
    """Why the request for a "mandatement d'office" cannot be sent yet, or None."""
    if (legal_category_code or "").startswith(STATE_LEGAL_FAMILY):
        return R_STATE_DEBTOR
    first_day = mandatement_request_from(claim_date)
    if first_day is None:
        return R_NO_PUBLIC_CLAIM
    if today < first_day:
        return R_PUBLIC_CLAIM_TOO_RECENT
    return None
