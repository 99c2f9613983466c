# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The amount a debtor writes by hand (art. 1376 C. civ.), read back as a number.

Law file, section 7: the debtor writes the sum in words and in figures; spelling slips that
leave the number unambiguous are the same sum ("deux cent euros", the 1990 rectification's
hyphens, "et un", "quatre-vingt(s)", "euro"/"euros", case and spaces), a different number is
a mismatch. Reading the words as a number, rather than comparing them with the expected
text, accepts every spelling of the same number and refuses any other number.
"""

import re
import unicodedata
from decimal import Decimal, InvalidOperation

UNITS = {
    "zero": 0,
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "treize": 13,
    "quatorze": 14,
    "quinze": 15,
    "seize": 16,
    "vingt": 20,
    "vingts": 20,
    "trente": 30,
    "quarante": 40,
    "cinquante": 50,
    "soixante": 60,
}
HUNDRED = {"cent", "cents"}
THOUSAND = {"mille", "milles", "mil"}
SCALES = {
    "million": 10**6,
    "millions": 10**6,
    "milliard": 10**9,
    "milliards": 10**9,
}
CURRENCY = {"euro", "euros", "eur", "€"}
CENTS = {"centime", "centimes", "cts", "ct"}
FILLERS = {"et", "de", "d"}


def _tokens(text):
    text = unicodedata.normalize("NFKD", text or "").lower()
    text = "".join(c for c in text if not unicodedata.combining(c))  # zéro -> zero
    text = re.sub("[-\u2010\u2011\u2013\u2014'\u2019]", " ", text)  # hyphens, apostrophes
    return [t for t in re.split(r"[\s,.;:()]+", text) if t]


def _add_unit(group, word, previous):
    """The group of three digits after one more unit/ten word, or None when it cannot follow."""
    value = UNITS[word]
    if value == 20 and previous == "quatre":  # quatre-vingt(s): 4 x 20
        return group + 80 - 4
    if value < 10 and previous in UNITS and group % 10:
        return None  # "trois quatre": not a number
    if 10 <= value < 20 and group % 100 not in (0, 60, 80):
        return None  # "vingt onze"
    if value >= 20 and group % 100:
        return None  # "trois vingt", "vingt trente"
    return group + value


def _add_hundred(group):
    hundreds, rest = divmod(group, 100)
    if hundreds or rest > 9:
        return None
    return (rest or 1) * 100


def _integer(words):
    """An integer written in French words, or None when the words are not one."""
    if not words:
        return None
    total, group, previous = 0, 0, None
    for word in words:
        if word in UNITS:
            group = _add_unit(group, word, previous)
        elif word in HUNDRED:
            group = _add_hundred(group)
        elif word in THOUSAND and total % 10**6 < 1000:
            total, group = total + (group or 1) * 1000, 0
        elif word in SCALES and group:
            total, group = total + group * SCALES[word], 0
        else:
            return None
        if group is None:
            return None
        previous = word
    return total + group


def parse_words(text):
    """The amount in euros written in words ("deux mille cent euros et cinquante
    centimes"), as a Decimal, or None when it cannot be read as one amount."""
    tokens = [t for t in _tokens(text) if t not in FILLERS]
    if any(t in CURRENCY for t in tokens):
        at = next(i for i, t in enumerate(tokens) if t in CURRENCY)
        euro_words, cent_words = tokens[:at], tokens[at + 1 :]
    elif tokens and tokens[-1] in CENTS:
        euro_words, cent_words = [], tokens
    else:
        euro_words, cent_words = tokens, []
    if cent_words:
        if cent_words[-1] not in CENTS:
            return None
        cent_words = cent_words[:-1]
    if any(t in CURRENCY or t in CENTS for t in euro_words + cent_words):
        return None
    euros = _integer(euro_words) if euro_words else 0
    cents = _integer(cent_words) if cent_words else 0
    if euros is None or cents is None or cents > 99 or not (euro_words or cent_words):
        return None
    return Decimal(euros) + Decimal(cents) / 100


def parse_figures(text):
    """The amount typed in figures ("2 100,50", "2100.50 €", "2.100,50"), or None."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    text = re.sub(r"(euros?|eur|€)", "", text)
    text = re.sub(r"[\s\u00a0\u202f']", "", text)
    if not re.fullmatch(r"\d{1,3}([.,]?\d{3})*([.,]\d{1,2})?|\d+([.,]\d{1,2})?", text):
        return None
    match = re.fullmatch(r"(.*?)(?:[.,](\d{1,2}))?", text)
    whole, decimals = match.group(1), match.group(2) or "0"
    whole = re.sub(r"[.,]", "", whole)
    try:
        return Decimal(whole) + Decimal(decimals.ljust(2, "0")) / 100
    except InvalidOperation:
        return None


def matches(typed_words, amount, typed_figures=None):
    """Whether the words (and the figures, when given) state exactly ``amount``."""
    amount = Decimal(str(amount)).quantize(Decimal("0.01"))
    if parse_words(typed_words) != amount:
        return False
    return typed_figures is None or parse_figures(typed_figures) == amount
