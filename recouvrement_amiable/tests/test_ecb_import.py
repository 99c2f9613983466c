# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

import requests
from freezegun import freeze_time

from odoo.tests import tagged

from .common import RecouvrementCommon

GET = "odoo.addons.recouvrement_amiable.models.dunning_interest_rate.requests.get"
GOOD = "KEY,FREQ,TIME_PERIOD,OBS_VALUE\nFM.B.U2.EUR.4F.KR.MRR_FR.LEV,B,2025-06-11,2.15\n"


def answer(text, status=200):
    response = requests.Response()
    response.status_code = status
    response._content = text.encode()
    response.encoding = "utf-8"
    return response


@tagged("post_install", "-at_install")
@freeze_time("2026-07-01")
class TestEcbImport(RecouvrementCommon):
    """The ECB Data Portal cannot be reached from the tests: its answers are mocked."""

    def setUp(self):
        super().setUp()
        self.Rate = self.env["dunning.interest.rate"]
        self.Rate.search([("year", "=", 2026), ("half", "=", "2")]).unlink()
        self.before = self.Rate.search_read([], ["year", "half", "ecb_rate"])

    def _todos(self):
        return self.env.company.partner_id.activity_ids.mapped("summary")

    def test_good_answer_records_the_rate_and_asks_for_legal_rates(self):
        with patch(GET, return_value=answer(GOOD)) as get:
            self.Rate._cron_import_ecb_rate()
        self.assertEqual(get.call_args.kwargs["params"]["endPeriod"], "2026-07-01")
        row = self.Rate._half_year_row(2026, 2)
        self.assertEqual(row.ecb_rate, 2.15)
        self.assertEqual(row.penalty_rate, 12.15)
        self.assertIn("Record the legal interest rates of 2026 S2", self._todos())
        rates = self.Rate._rates_by_half()[(2026, 2)]
        self.assertIsNone(rates.legal_rate_other, "never guessed")
        with patch(GET) as get:
            self.Rate._cron_import_ecb_rate()  # the next day: nothing to import
        get.assert_not_called()
        self.assertEqual(self._todos().count("Record the legal interest rates of 2026 S2"), 1)

    def _assert_failure_leaves_the_table_unchanged(self, **mock):
        with (
            patch(GET, **mock),
            self.assertLogs(
                "odoo.addons.recouvrement_amiable.models.dunning_interest_rate", "WARNING"
            ) as logs,
        ):
            self.Rate._cron_import_ecb_rate()
        self.assertIn("not imported", logs.output[0])
        self.assertEqual(self.Rate.search_read([], ["year", "half", "ecb_rate"]), self.before)
        todo = self.env.company.partner_id.activity_ids.filtered(
            lambda a: a.summary == "Record the ECB rate of 2026 S2"
        )
        self.assertEqual(len(todo), 1)
        self.assertIn("data.ecb.europa.eu", todo.note)

    def test_empty_answer(self):
        self._assert_failure_leaves_the_table_unchanged(return_value=answer(""))

    def test_malformed_answer(self):
        self._assert_failure_leaves_the_table_unchanged(
            return_value=answer("<html>Service unavailable</html>")
        )

    def test_server_error(self):
        self._assert_failure_leaves_the_table_unchanged(return_value=answer("oops", status=503))

    def test_timeout(self):
        self._assert_failure_leaves_the_table_unchanged(side_effect=requests.Timeout("timed out"))

    def test_on_demand_button(self):
        with patch(GET, return_value=answer(GOOD)):
            result = self.Rate.action_import_ecb_rate()
        self.assertEqual(result["params"]["type"], "success")
        self.assertEqual(self.Rate._half_year_row(2026, 2).ecb_rate, 2.15)
