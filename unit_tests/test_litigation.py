from datetime import date
from decimal import Decimal

import pytest

from recouvrement_amiable.rules import litigation as lit


def facts(amount="4950", **values):
    base = {
        "amount": Decimal(amount),
        "debtor_type": "professional",
        "recoverable_count": 1,
    }
    return lit.Facts(**(base | values))


def test_small_claims_law_file_vectors():
    # 4,800 principal + 150 interest -> eligible; 5,100 -> not eligible
    assert lit.recommend(facts("4950")) == (lit.SMALL_CLAIMS, [lit.R_UNDER_CEILING])
    assert lit.refusals(lit.SMALL_CLAIMS, facts("5100")) == [lit.R_OVER_CEILING]
    assert lit.recommend(facts("5100")) == (lit.PAYMENT_ORDER, [lit.R_OVER_CEILING])


def test_ceiling_itself_is_eligible():
    assert lit.refusals(lit.SMALL_CLAIMS, facts("5000")) == []
    assert lit.refusals(lit.SMALL_CLAIMS, facts("5000.01")) == [lit.R_OVER_CEILING]


def test_ceiling_is_data():
    assert lit.refusals(lit.SMALL_CLAIMS, facts("3000", ceiling=Decimal("2500"))) == [
        lit.R_OVER_CEILING
    ]


@pytest.mark.parametrize(
    ("values", "reason"),
    [
        ({"disputed": True}, lit.R_DISPUTED),
        ({"insolvency": True}, lit.R_INSOLVENCY),
        ({"over_indebtedness": True}, lit.R_OVER_INDEBTEDNESS),
        ({"debtor_type": "public_body"}, lit.R_PUBLIC_BODY),
        ({"recoverable_count": 0, "prescribed_count": 2}, lit.R_PRESCRIBED),
        ({"amount": Decimal("0")}, lit.R_NOTHING_DUE),
    ],
)
def test_each_small_claims_refusal(values, reason):
    assert lit.refusals(lit.SMALL_CLAIMS, facts(**values)) == [reason]


def test_payment_order_refusals():
    assert lit.refusals(lit.PAYMENT_ORDER, facts("90000")) == []
    assert lit.refusals(lit.PAYMENT_ORDER, facts(disputed=True)) == [lit.R_DISPUTED]
    assert lit.refusals(lit.PAYMENT_ORDER, facts(contractual=False)) == [lit.R_NOT_CONTRACTUAL]
    assert lit.refusals(lit.PAYMENT_ORDER, facts(recoverable_count=0)) == [lit.R_PRESCRIBED]


def test_other_paths_refusals():
    assert lit.refusals(lit.CLAIM_DECLARATION, facts()) == [lit.R_NOT_INSOLVENT]
    assert lit.refusals(lit.CLAIM_DECLARATION, facts(insolvency=True)) == []
    assert lit.refusals(lit.PUBLIC_BODY, facts()) == [lit.R_NOT_PUBLIC_BODY]
    assert lit.refusals(lit.PUBLIC_BODY, facts(debtor_type="public_body")) == []
    assert lit.refusals(lit.AGENCY, facts(disputed=True)) == []
    assert lit.refusals(lit.AGENCY, facts(recoverable_count=0)) == [lit.R_PRESCRIBED]
    assert lit.refusals(lit.NOTHING, facts()) == [lit.R_NOT_PRESCRIBED]
    assert lit.refusals(lit.NOTHING, facts(recoverable_count=0)) == []


def test_recommendations():
    assert lit.recommend(facts(recoverable_count=0, prescribed_count=3)) == (
        lit.NOTHING,
        [lit.R_PRESCRIBED],
    )
    assert lit.recommend(facts(insolvency=True, disputed=True))[0] == lit.CLAIM_DECLARATION
    assert lit.recommend(facts(debtor_type="public_body"))[0] == lit.PUBLIC_BODY
    assert lit.recommend(facts(disputed=True)) == (lit.AGENCY, [lit.R_DISPUTED])
    assert lit.recommend(facts(over_indebtedness=True))[0] == lit.NOTHING
    assert lit.recommend(facts("9000", contractual=False)) == (
        lit.AGENCY,
        [lit.R_AGENCY, lit.R_NOT_CONTRACTUAL],
    )


def test_prescribed_invoices_left_out_said():
    path, reasons = lit.recommend(facts("1200", prescribed_count=2))
    assert path == lit.SMALL_CLAIMS
    assert reasons == [lit.R_UNDER_CEILING, lit.R_SOME_PRESCRIBED]


def test_recommended_path_is_never_refused():
    for values in (
        {},
        {"amount": Decimal("8000")},
        {"insolvency": True},
        {"debtor_type": "public_body"},
        {"disputed": True},
        {"recoverable_count": 0},
        {"over_indebtedness": True},
    ):
        path, _reasons = lit.recommend(facts(**values))
        assert lit.refusals(path, facts(**values)) == []


@pytest.mark.parametrize(
    ("debtor_type", "code", "court"),
    [
        ("professional", "5710", lit.COMMERCIAL_COURT),  # SAS
        ("professional", "5499", lit.COMMERCIAL_COURT),  # SARL
        ("professional", "3120", lit.COMMERCIAL_COURT),  # foreign company on the RCS
        ("professional", "1000", lit.COURT_TO_CHECK),  # sole trader, craftsman or liberal
        ("professional", False, lit.COURT_TO_CHECK),
        ("consumer", False, lit.JUDICIAL_COURT),
        ("non_professional", "9220", lit.JUDICIAL_COURT),
        ("non_professional", "6540", lit.JUDICIAL_COURT),  # SCI: civil
    ],
)
def test_payment_order_court(debtor_type, code, court):
    assert lit.payment_order_court(debtor_type, code) == court


@pytest.mark.parametrize(
    ("invoice_date", "due_date", "part"),
    [
        (date(2026, 1, 10), date(2026, 2, 9), lit.DECLARED_DUE),
        (date(2026, 2, 1), date(2026, 3, 1), lit.DECLARED_DUE),  # due on the judgment day
        (date(2026, 2, 20), date(2026, 3, 22), lit.DECLARED_NOT_DUE),
        (date(2026, 3, 1), date(2026, 3, 31), lit.DECLARED_NOT_DUE),  # born on the day
        (date(2026, 3, 2), date(2026, 4, 1), lit.NOT_DECLARED),  # later claim (L622-17)
    ],
)
def test_claim_declaration_part(invoice_date, due_date, part):
    assert lit.claim_declaration_part(invoice_date, due_date, date(2026, 3, 1)) == part


def test_mandatement_request_two_months_after_the_claim():
    claim = date(2026, 1, 31)
    assert lit.mandatement_request_from(claim) == date(2026, 3, 31)
    assert lit.mandatement_request_refusal("7210", None, date(2026, 6, 1)) == lit.R_NO_PUBLIC_CLAIM
    assert (
        lit.mandatement_request_refusal("7210", claim, date(2026, 3, 30))
        == lit.R_PUBLIC_CLAIM_TOO_RECENT
    )
    assert lit.mandatement_request_refusal("7210", claim, date(2026, 3, 31)) is None
    assert lit.mandatement_request_refusal(None, claim, date(2026, 4, 1)) is None
    # the State (INSEE 71xx): no prefect above it
    assert lit.mandatement_request_refusal("7113", claim, date(2026, 6, 1)) == lit.R_STATE_DEBTOR
