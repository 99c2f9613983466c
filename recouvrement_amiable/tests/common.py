# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from contextlib import contextmanager

from odoo.addons.account.tests.common import AccountTestInvoicingCommon


class RecouvrementCommon(AccountTestInvoicingCommon):
    """A French company (l10n_fr chart, EUR) with professional and consumer debtors."""

    @classmethod
    @AccountTestInvoicingCommon.setup_country("fr")
    def setUpClass(cls):
        super().setUpClass()
        cls.professional = cls.env["res.partner"].create(
            {"name": "Bâtiments Durand SARL", "is_company": True}
        )
        cls.consumer = cls.env["res.partner"].create({"name": "Camille Martin"})
        cls.association = cls.env["res.partner"].create(
            {"name": "Association Les Amis du Quartier", "is_company": True}
        )
        cls.association.debtor_type = "non_professional"

    @classmethod
    def _invoice(cls, partner, due, invoice_date=None, amount=1000.0, post=True, **values):
        """A customer invoice of ``amount`` (no tax) due on ``due``."""
        invoice = cls._create_invoice(
            partner_id=partner,
            invoice_date=invoice_date or due,
            invoice_payment_term_id=False,
            invoice_date_due=due,
            invoice_line_ids=[
                cls._prepare_invoice_line(product_id=cls.product_a, price_unit=amount, tax_ids=[])
            ],
            **values,
        )
        if post:
            invoice.action_post()
        return invoice

    @classmethod
    def _use_french(cls):
        """French installed with the add-on's terms: letters are read back in French."""
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(
            ["recouvrement_amiable"], ["fr_FR"], overwrite=True
        )

    @contextmanager
    def assertRefused(self, exception, text):
        """Odoo's assertRaises (which rolls back to a savepoint) and a check of the message."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertIn(text, str(caught.exception))

    def _event(self, invoice, event_type, date, **values):
        return self.env["dunning.prescription.event"].create(
            {"move_id": invoice.id, "event_type": event_type, "date": date, **values}
        )


class DunningCommon(RecouvrementCommon):
    """Debtors with e-mail addresses and the shipped French policy."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.professional.email = "compta@durand.example"
        cls.consumer.email = "camille@example.com"
        cls.association.email = "tresorier@amis.example"
        cls.policy = cls.env.ref("recouvrement_amiable.dunning_policy_default")
        cls.env.company.dunning_policy_id = cls.policy
        cls.levels = {
            key: cls.env.ref(f"recouvrement_amiable.dunning_level_{key}")
            for key in ("courteous", "firm", "phone", "final", "formal_notice", "handover")
        }
        cls.Action = cls.env["dunning.action"]

    def _run(self, moves=None, **kwargs):
        return self.env["dunning.run"]._run(moves=moves, **kwargs)

    def _mails(self, actions):
        return self.env["mail.mail"].search([("mail_message_id", "in", actions.message_id.ids)])
