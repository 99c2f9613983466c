from decimal import Decimal

import pytest

from recouvrement_amiable.rules import payment


def test_amount_in_words_fr():
    assert (
        payment.amount_in_words_fr(Decimal("1234.56"))
        == "mille deux cent trente-quatre euros et cinquante-six centimes"
    )
    assert payment.amount_in_words_fr(Decimal("1250.50")) == (
        "mille deux cent cinquante euros et cinquante centimes"
    )
    assert payment.amount_in_words_fr(Decimal("1")) == "un euro"
    assert payment.amount_in_words_fr(Decimal("80.01")) == "quatre-vingts euros et un centime"


def test_epc_payload():
    payload = payment.epc_qr_payload(
        "Recouvrement Démo SAS", "FR76 3000 6000 0112 3456 7890 189", Decimal("1234.5"), "FAC/1"
    )
    assert payload.split("\n") == [
        "BCD",
        "002",
        "1",
        "SCT",
        "",
        "Recouvrement Démo SAS",
        "FR7630006000011234567890189",
        "EUR1234.50",
        "",
        "",
        "FAC/1",
    ]


def test_epc_refuses_zero():
    with pytest.raises(ValueError, match="EPC"):
        payment.epc_qr_payload("X", "FR7630006000011234567890189", 0, "R")


def test_round_millions_take_d_apostrophe():
    assert payment.amount_in_words_fr(Decimal("1000000")) == "un million d'euros"
    assert payment.amount_in_words_fr(Decimal("2000000000")) == "deux milliards d'euros"
    assert payment.amount_in_words_fr(Decimal("1000001")) == "un million un euros"
