# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
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

    def _event(self, invoice, event_type, date, **values):
        return self.env["dunning.prescription.event"].create(
            {"move_id": invoice.id, "event_type": event_type, "date": date, **values}
        )
