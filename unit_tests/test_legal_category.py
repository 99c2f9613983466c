"""The debtor category proposed from the INSEE legal category (law file, § 2 and 5)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recouvrement_amiable.rules import debtor_category as dc
from recouvrement_amiable.rules import legal_category as lc


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("1000", dc.PROFESSIONAL),  # entrepreneur individuel
        ("5499", dc.PROFESSIONAL),  # SARL
        ("5710", dc.PROFESSIONAL),  # SAS
        ("6540", dc.NON_PROFESSIONAL),  # SCI
        ("6585", dc.PROFESSIONAL),  # société civile professionnelle
        ("7210", dc.PUBLIC_BODY),  # commune
        ("7364", dc.PUBLIC_BODY),  # établissement d'hospitalisation
        ("7113", dc.PUBLIC_BODY),  # ministère
        ("4110", dc.PUBLIC_BODY),  # EPIC with a public accountant
        ("4120", dc.PROFESSIONAL),  # EPIC without one
        ("9220", dc.NON_PROFESSIONAL),  # association déclarée
        ("9110", dc.NON_PROFESSIONAL),  # syndicat de copropriétaires
        ("8210", dc.NON_PROFESSIONAL),  # mutuelle
        ("3120", dc.PROFESSIONAL),  # foreign company on the RCS
        ("3210", None),  # foreign State: not a French public body
        ("2110", None),  # indivision: cannot tell
        ("", None),
        (None, None),
        ("57", None),
        ("57100", None),
        ("abcd", None),
    ],
)
def test_proposed_category(code, expected):
    assert lc.proposed_category(code) == expected


@given(st.from_regex(r"^\d{4}$", fullmatch=True))
def test_every_proposal_is_a_known_category(code):
    assert lc.proposed_category(code) in (None, *dc.CATEGORIES)


@given(st.from_regex(r"^[79]\d{3}$", fullmatch=True))
def test_public_bodies_and_associations_never_owe_commercial_costs(code):
    assert dc.category(lc.proposed_category(code)).late_costs != dc.COMMERCIAL


def test_category_without_code():
    assert lc.category_without_code(True, dc.CONSUMER) == dc.PROFESSIONAL
    assert lc.category_without_code(False, False) == dc.CONSUMER
    assert lc.category_without_code(False, dc.NON_PROFESSIONAL) == dc.NON_PROFESSIONAL


def test_legal_category_in_search():
    payload = {
        "results": [
            {"siren": "111111118", "nature_juridique": "5710"},
            {"siren": "217500016", "nature_juridique": "7210"},
        ],
        "total_results": 2,
    }
    assert lc.legal_category_in_search(payload, "217500016") == "7210"


@pytest.mark.parametrize(
    "payload",
    [
        {"results": []},
        {"results": [{"siren": "999999999", "nature_juridique": "5710"}]},
        {"results": [{"siren": "217500016", "nature_juridique": None}]},
        {"results": [{"siren": "217500016", "nature_juridique": "72"}]},
        {"erreur": "Veuillez indiquer au moins un terme de recherche"},
        ["not", "a", "dict"],
        {"results": "nope"},
    ],
)
def test_legal_category_in_search_refuses_what_it_cannot_read(payload):
    with pytest.raises(lc.CompanySearchError):
        lc.legal_category_in_search(payload, "217500016")
