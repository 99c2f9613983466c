"""Reading the ECB Data Portal's answer (law file, section 5)."""

from datetime import date
from decimal import Decimal

import pytest

from recouvrement_amiable.rules import ecb

GOOD = (
    "KEY,FREQ,REF_AREA,CURRENCY,PROVIDER_FM,INSTRUMENT_FM,PROVIDER_FM_ID,DATA_TYPE_FM,"
    "TIME_PERIOD,OBS_VALUE\n"
    "FM.B.U2.EUR.4F.KR.MRR_FR.LEV,B,U2,EUR,4F,KR,MRR_FR,LEV,2025-06-11,2.15\n"
)


def test_rate_in_force_on_the_first_day():
    assert ecb.rate_in_force(GOOD, date(2026, 7, 1)) == Decimal("2.15")


def test_later_observations_are_ignored():
    payload = GOOD + "FM.B.U2.EUR.4F.KR.MRR_FR.LEV,B,U2,EUR,4F,KR,MRR_FR,LEV,2026-07-08,1.90\n"
    assert ecb.rate_in_force(payload, date(2026, 7, 1)) == Decimal("2.15")


@pytest.mark.parametrize(
    "payload",
    [
        "",
        "   \n",
        "<html>Service unavailable</html>",
        "TIME_PERIOD,OBS_VALUE\n2025-06-11,abc\n",
        "TIME_PERIOD,OBS_VALUE\nyesterday,2.15\n",
        "TIME_PERIOD,OBS_VALUE\n2025-06-11,215\n",
        "TIME_PERIOD,OBS_VALUE\n2027-01-01,2.15\n",
    ],
)
def test_bad_payloads_are_refused(payload):
    with pytest.raises(ecb.EcbPayloadError):
        ecb.rate_in_force(payload, date(2026, 7, 1))


def test_query_asks_for_the_rate_in_force_on_the_first_day():
    assert ecb.query_params(2026, 2)["endPeriod"] == "2026-07-01"
    assert ecb.query_params(2026, 1)["endPeriod"] == "2026-01-01"
