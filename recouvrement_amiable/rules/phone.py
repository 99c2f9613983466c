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
