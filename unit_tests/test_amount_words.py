"""The amount written by the debtor (art. 1376 C. civ.; law file, section 7)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recouvrement_amiable.rules import amount_words as aw
from recouvrement_amiable.rules import payment


@pytest.mark.parametrize(
    "typed",
    [
        "deux mille cent euros",
        "deux-mille-cent euros",  # 1990 rectification: hyphens everywhere
        "Deux  Mille  Cent  EUROS",
        "deux mille cent euro",
        "deux mille cent",
        "deux milles cent euros",
    ],
)
def test_variants_of_the_same_number(typed):
    assert aw.matches(typed, 2100)


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("quatre-vingts euros", 80),
        ("quatre-vingt euros", 80),
        ("quatre vingt un euros", 81),
        ("vingt et un euros", 21),
        ("vingt-et-un euros", 21),
        ("soixante et onze euros", 71),
        ("soixante-dix-sept euros", 77),
        ("deux cent euros", 200),  # the law file's slip: the sum is unambiguous
        ("deux cents euros", 200),
        ("mille deux cent cinquante euros et cinquante centimes", Decimal("1250.50")),
        ("un million deux cent mille euros", 1200000),
        ("zéro euro et cinquante centimes", Decimal("0.50")),
    ],
)
def test_spellings(typed, amount):
    assert aw.matches(typed, amount)


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("mille deux cent cinquante euros", Decimal("1250.50")),  # law file vector
        ("deux mille euros", 2100),
        ("deux cent un euros", 200),
        ("trois quatre euros", 34),
        ("vingt onze euros", 31),
        ("cent cent euros", 200),
        ("deux mille cent euros et cent centimes", 2101),
        ("", 0),
        ("n'importe quoi", 1),
    ],
)
def test_a_different_number_or_no_number_is_refused(typed, amount):
    assert not aw.matches(typed, amount)


@pytest.mark.parametrize(
    ("figures", "amount"),
    [
        ("2100", 2100),
        ("2 100,00", 2100),
        ("2\u202f100,00 €", 2100),
        ("2.100,50", Decimal("2100.50")),
        ("2100.5", Decimal("2100.50")),
        ("1 250,50 euros", Decimal("1250.50")),
    ],
)
def test_figures(figures, amount):
    assert aw.parse_figures(figures) == Decimal(amount)
    assert aw.matches(payment.amount_in_words_fr(Decimal(amount)), amount, figures)


def test_figures_must_match_too():
    assert not aw.matches("deux mille cent euros", 2100, "2000")
    assert not aw.matches("deux mille cent euros", 2100, "deux mille")
    assert aw.parse_figures("1,2,3") is None


@given(st.integers(0, 10**7), st.integers(0, 99))
def test_num2words_reads_back(euros, cents):
    amount = Decimal(euros) + Decimal(cents) / 100
    words = payment.amount_in_words_fr(amount)
    assert aw.parse_words(words) == amount
    assert aw.parse_words(words.replace(" ", "-").upper()) == amount
    assert not aw.matches(words, amount + Decimal("0.01"))
