# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Payment means printed on letters: EPC QR code payload and the amount in words."""

from decimal import ROUND_HALF_UP, Decimal

from num2words import num2words

EPC_MAX_AMOUNT = Decimal("999999999.99")


def epc_qr_payload(name, iban, amount, reference, bic=""):
    """EPC069-12 "SEPA Credit Transfer" QR payload (version 002, UTF-8).

    The amount is the exact sum claimed; the reference goes in the unstructured remittance
    field so that the payment can be matched.
    """
    value = Decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if not Decimal("0.01") <= value <= EPC_MAX_AMOUNT:
        raise ValueError(f"amount out of EPC range: {value}")
    iban = iban.replace(" ", "").upper()
    lines = [
        "BCD",
        "002",
        "1",
        "SCT",
        (bic or "").replace(" ", "").upper(),
        name[:70],
        iban,
        f"EUR{value}",
        "",  # purpose
        "",  # structured reference
        reference[:140],
    ]
    return "\n".join(lines)


def amount_in_words_fr(amount):
    """'mille deux cent trente-quatre euros et cinquante-six centimes' (num2words, French)."""
    value = Decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    euros = int(value)
    cents = int((value - euros) * 100)
    number = num2words(euros, lang="fr")
    # "un million d'euros", "deux milliards d'euros": a round million takes "d'"
    of = "d'" if number.split()[-1] in ("million", "millions", "milliard", "milliards") else ""
    words = f"{number} {of}{'euro' if euros <= 1 else 'euros'}"
    if cents:
        words += f" et {num2words(cents, lang='fr')} {'centime' if cents == 1 else 'centimes'}"
    return words
