# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import RecouvrementCommon


@tagged("post_install", "-at_install")
class TestPartner(RecouvrementCommon):
    def test_debtor_type_defaults_from_is_company(self):
        self.assertEqual(self.professional.debtor_type, "professional")
        self.assertEqual(self.consumer.debtor_type, "consumer")
        self.assertEqual(self.association.debtor_type, "non_professional")

    def test_debtor_type_is_editable(self):
        self.consumer.debtor_type = "professional"  # an individual entrepreneur
        self.assertEqual(self.consumer.debtor_type, "professional")

    def test_valid_siren_and_siret_accepted(self):
        france = self.env.ref("base.fr")
        partner = self.env["res.partner"].create(
            {"name": "Valide SA", "is_company": True, "country_id": france.id}
        )
        partner.company_registry = "732 829 320"
        partner.company_registry = "73282932000074"
        self.assertEqual(partner.company_registry, "73282932000074")

    def test_invalid_siren_refused(self):
        france = self.env.ref("base.fr")
        partner = self.env["res.partner"].create(
            {"name": "Invalide SA", "is_company": True, "country_id": france.id}
        )
        with self.assertRefused(ValidationError, "not valid"):
            partner.company_registry = "732829321"
        self.env.invalidate_all()
        self.assertFalse(partner.company_registry)
        with self.assertRefused(ValidationError, "not valid"):
            self.env["res.partner"].create(
                {"name": "Faux", "country_id": france.id, "company_registry": "123"}
            )

    def test_foreign_registry_not_checked(self):
        partner = self.env["res.partner"].create(
            {"name": "GmbH", "country_id": self.env.ref("base.de").id, "company_registry": "123"}
        )
        self.assertEqual(partner.company_registry, "123")

    def test_future_bodacc_date_refused(self):
        with self.assertRefused(ValidationError, "future"):
            self.professional.write(
                {"collection_freeze": "insolvency", "insolvency_publication_date": "2999-01-01"}
            )
        self.env.invalidate_all()
        self.assertFalse(self.professional.collection_freeze)
