# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

from ..rules import prescription


class AccountPartialReconcile(models.Model):
    _inherit = "account.partial.reconcile"

    # EXTENDS account
    @api.model_create_multi
    def create(self, vals_list):
        partials = super().create(vals_list)
        partials._create_payment_prescription_events()
        partials._sync_payment_plans()
        return partials

    # EXTENDS account
    def unlink(self):
        # Unlinking the events through the ORM (not only the SQL cascade) recomputes the
        # prescription dates of the invoices.
        self.env["dunning.prescription.event"].sudo()._internal().search(
            [("partial_reconcile_id", "in", self.ids)]
        ).unlink()
        plans = self._payment_plans()
        result = super().unlink()
        plans._sync_payments()
        return result

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _create_payment_prescription_events(self):
        """A payment is an acknowledgement of the debt (art. 2240 C. civ.): record it.

        Only real payments count (a payment or a bank statement line), not credit notes.
        The event is dated on the reconciliation date, never before the invoice.
        """
        vals_list = [
            {
                "move_id": partial.debit_move_id.move_id.id,
                "event_type": prescription.PARTIAL_PAYMENT,
                "date": max(
                    partial.max_date,
                    partial.debit_move_id.move_id.invoice_date or partial.max_date,
                ),
                "partial_reconcile_id": partial.id,
            }
            for partial in self
            if partial._is_customer_invoice_payment()
        ]
        if vals_list:
            self.env["dunning.prescription.event"].sudo().create(vals_list)

    def _payment_plans(self):
        """Plans of these invoices, completed ones included (a payment may be unreconciled)."""
        invoices = (self.debit_move_id.move_id | self.credit_move_id.move_id).filtered(
            lambda move: move.move_type == "out_invoice"
        )
        if not invoices:
            return self.env["dunning.payment.plan"]
        return (
            self.env["dunning.payment.plan"]
            .sudo()
            .search(
                [
                    ("state", "in", ("signed", "in_progress", "completed")),
                    "|",
                    ("move_ids", "in", invoices.ids),
                    ("penalty_move_id", "in", invoices.ids),
                ]
            )
        )

    def _sync_payment_plans(self):
        """Payments on a plan's invoices pay its instalments (in due-date order)."""
        self._payment_plans()._sync_payments()

    def _is_customer_invoice_payment(self):
        self.ensure_one()
        invoice = self.debit_move_id.move_id
        counterpart = self.credit_move_id.move_id
        return (
            invoice.move_type == "out_invoice"
            and invoice.state == "posted"
            and bool(counterpart.origin_payment_id or counterpart.statement_line_id)
        )
