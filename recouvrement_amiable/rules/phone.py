# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Mobile numbers for the SMS channel: E.164, mobile lines only (``phonenumbers``)."""

import phonenumbers

MOBILE_TYPES = frozenset(
    {phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE}
)


def mobile_e164(numbers, region="FR"):
    """The first valid mobile number among ``numbers`` (tried in order), in E.164, or None.

    National numbers are read in ``region`` (the debtor's country, France by default);
    landlines, invalid and empty numbers are skipped: an SMS needs a mobile.
    """
    for raw in numbers:
        if not raw:
            continue
        try:
            number = phonenumbers.parse(raw, region or "FR")
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number) and (
            phonenumbers.number_type(number) in MOBILE_TYPES
        ):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return None


# -----------------------------------------------------------------------------
# SMS text: GSM 03.38 (7-bit) vs Unicode (UCS-2), and the number of parts billed
# -----------------------------------------------------------------------------

GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = frozenset("^{}\\[~]|€\f")  # two septets each (escape + character)
# French typography that would switch a whole SMS to Unicode (70 characters a part)
GSM7_SUBSTITUTES = {
    "\u00a0": " ",  # no-break space (French number and currency formatting)
    "\u202f": " ",  # narrow no-break space (idem)
    "\u2019": "'",  # typographic apostrophe
    "\u2018": "'",
    "\u201c": '"',
    "\u201d": '"',
    "«": '"',
    "»": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u2026": "...",
    "ê": "e",
    "ë": "e",
    "â": "a",
    "î": "i",
    "ï": "i",
    "ô": "o",
    "û": "u",
    "ç": "c",
    "œ": "oe",
    "Ê": "E",
    "È": "E",
    "À": "A",
    "Ô": "O",
}
GSM7 = "GSM7"
UNICODE = "UNICODE"


def gsm7_text(text):
    """The SMS text with French typography replaced by its GSM-7 look-alike (spaces,
    apostrophes, quotes, accents GSM-7 lacks), so that an SMS is not billed as Unicode for
    a narrow no-break space in an amount. Characters with no look-alike are kept."""
    return "".join(GSM7_SUBSTITUTES.get(char, char) for char in text or "")


def sms_encoding(text):
    """GSM7 when every character is in the GSM 03.38 alphabet, otherwise UNICODE."""
    allowed = GSM7_BASIC | GSM7_EXTENSION
    return GSM7 if all(char in allowed for char in text or "") else UNICODE


def sms_length(text):
    """Length as the network counts it: GSM-7 extension characters take two septets."""
    if sms_encoding(text) == UNICODE:
        return len(text or "")
    return sum(2 if char in GSM7_EXTENSION else 1 for char in text or "")


def sms_parts(text):
    """Number of SMS billed: 160/153 characters a part in GSM-7, 70/67 in Unicode."""
    length = sms_length(text)
    if not length:
        return 0
    single, multi = (160, 153) if sms_encoding(text) == GSM7 else (70, 67)
    return 1 if length <= single else -(-length // multi)


# -----------------------------------------------------------------------------
# Who gets an SMS
# -----------------------------------------------------------------------------

SMS_CONSUMERS = "consumers"
SMS_ALL = "all"


def sends_sms(debtor_type, recipients):
    """Whether a level's SMS goes to a debtor of this category: consumers only by default
    (the shipped policy), every debtor when the level says so."""
    return recipients == SMS_ALL or debtor_type == "consumer"
