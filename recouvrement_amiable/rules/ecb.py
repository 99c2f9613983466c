# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The ECB main refinancing rate, from the ECB Data Portal (law file, section 5).

Series FM.B.U2.EUR.4F.KR.MRR_FR.LEV: one observation per change of rate, each one in force
from its date. The rate that counts for a half-year is the one in force on its first day (1
January or 1 July, L441-10 C. com.).
"""

import csv
import io
from datetime import date
from decimal import Decimal, InvalidOperation

SERIES = "FM/B.U2.EUR.4F.KR.MRR_FR.LEV"
API_URL = f"https://data-api.ecb.europa.eu/service/data/{SERIES}"
HUMAN_URL = "https://data.ecb.europa.eu/data/datasets/FM/FM.B.U2.EUR.4F.KR.MRR_FR.LEV"
MAX_PLAUSIBLE_RATE = Decimal("25")


class EcbPayloadError(ValueError):
    """The answer of the ECB Data Portal cannot be read: nothing is recorded."""


def first_day_of_half(year, half):
    return date(year, 1 if half == 1 else 7, 1)


def query_params(year, half):
    """Parameters asking for the last observation on or before the half-year's first day."""
    return {
        "endPeriod": first_day_of_half(year, half).isoformat(),
        "lastNObservations": "1",
        "format": "csvdata",
    }


def rate_in_force(payload, on_day):
    """The rate (percent) in force on ``on_day`` from a CSV answer of the Data Portal.

    Raises EcbPayloadError on an empty or malformed answer, or an implausible value.
    """
    if not payload or not payload.strip():
        raise EcbPayloadError("empty answer")
    try:
        rows = list(csv.DictReader(io.StringIO(payload)))
    except csv.Error as error:
        raise EcbPayloadError(f"not CSV: {error}") from error
    observations = []
    for row in rows:
        period, value = (row.get("TIME_PERIOD") or "").strip(), (row.get("OBS_VALUE") or "")
        if not period or not value.strip():
            continue
        try:
            day = date.fromisoformat(period[:10])
            rate = Decimal(value.strip())
        except (ValueError, InvalidOperation) as error:
            raise EcbPayloadError(f"bad observation {period!r}: {value!r}") from error
        if day <= on_day:
            observations.append((day, rate))
    if not observations:
        raise EcbPayloadError(f"no observation on or before {on_day}")
    _day, rate = max(observations)
    if not Decimal(-5) <= rate <= MAX_PLAUSIBLE_RATE:
        raise EcbPayloadError(f"implausible rate {rate}")
    return rate
