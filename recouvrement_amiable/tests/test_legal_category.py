# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
from unittest.mock import patch

import requests

from odoo.exceptions import UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import RecouvrementCommon

GET = "odoo.addons.recouvrement_amiable.models.res_partner.requests.get"
COMMUNE = "217500016"  # Ville de Paris


def answer(payload, status=200):
    response = requests.Response()
    response.status_code = status
    response._content = json.dumps(payload).encode()
    response.encoding = "utf-8"
    return response


@tagged("post_install", "-at_install")
class TestLegalCategory(RecouvrementCommon):
    """The partner form proposes the debtor category from the SIREN's legal category; the
    State's company search cannot be reached from the tests: its answers are mocked."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.town = cls.env["res.partner"].create(
            {
                "name": "Commune de Test",
                "is_company": True,
                "country_id": cls.env.ref("base.fr").id,
                "company_registry": COMMUNE,
            }
        )

    def test_code_proposes_the_category_which_stays_editable(self):
        partner = self.env["res.partner"].create(
            {"name": "Amicale", "is_company": True, "legal_category_code": "9220"}
        )
        self.assertEqual(partner.debtor_type, "non_professional")
        partner.legal_category_code = "7364"  # public hospital
        self.assertEqual(partner.debtor_type, "public_body")
        partner.debtor_type = "professional"  # the accountant knows better
        self.assertEqual(partner.debtor_type, "professional")
        partner.legal_category_code = "2110"  # undivided ownership: no proposal
        self.assertEqual(partner.debtor_type, "professional")

    def test_contacts_follow_the_company(self):
        partner = self.env["res.partner"].create(
            {"name": "Mairie", "is_company": True, "legal_category_code": "7210"}
        )
        contact = self.env["res.partner"].create({"name": "Trésorier", "parent_id": partner.id})
        self.assertEqual(contact.legal_category_code, "7210")
        self.assertEqual(contact.commercial_partner_id.debtor_type, "public_body")

    def test_bad_code_refused(self):
        with self.assertRefused(ValidationError, "four digits"):
            self.town.legal_category_code = "72A0"
        self.env.invalidate_all()
        self.assertFalse(self.town.legal_category_code)

    def test_fetch_reads_the_code_from_the_siren(self):
        payload = {"results": [{"siren": COMMUNE, "nature_juridique": "7210"}]}
        with patch(GET, return_value=answer(payload)) as get:
            self.town.action_fetch_legal_category()
        self.assertEqual(get.call_args.kwargs["params"]["q"], COMMUNE)
        self.assertEqual(self.town.legal_category_code, "7210")
        self.assertEqual(self.town.debtor_type, "public_body")

    def test_fetch_failures_change_nothing(self):
        failures = [
            {"return_value": answer({"results": []})},
            {"return_value": answer({"results": [{"siren": COMMUNE}]})},
            {"return_value": answer({"erreur": "bad"}, status=400)},
            {"side_effect": requests.Timeout("read timed out")},
        ]
        for mock in failures:
            with (
                self.subTest(mock=mock),
                patch(GET, **mock),
                self.assertRefused(UserError, "could not be read"),
            ):
                self.town.action_fetch_legal_category()
            self.assertFalse(self.town.legal_category_code)
            self.assertEqual(self.town.debtor_type, "professional")

    def test_fetch_needs_a_french_siren(self):
        foreign = self.env["res.partner"].create(
            {"name": "GmbH", "is_company": True, "country_id": self.env.ref("base.de").id}
        )
        with patch(GET) as get, self.assertRefused(UserError, "no French SIREN"):
            foreign.action_fetch_legal_category()
        get.assert_not_called()

    def test_read_only_user_cannot_change_the_category(self):
        reader = new_test_user(
            self.env, login="lecteur_cat", groups="account.group_account_readonly"
        )
        payload = {"results": [{"siren": COMMUNE, "nature_juridique": "7210"}]}
        with patch(GET, return_value=answer(payload)) as get, self.assertRaises(UserError):
            self.town.with_user(reader).action_fetch_legal_category()
        get.assert_not_called()
        self.env.invalidate_all()
        self.assertFalse(self.town.legal_category_code)
