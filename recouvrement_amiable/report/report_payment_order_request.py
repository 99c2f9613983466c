# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

from ..rules import debtor_category, litigation


class ReportPaymentOrderRequest(models.AbstractModel):
    """The request for a payment order (requête en injonction de payer, art. 1405 to 1407
    CPC), printed only for a file whose way out is the payment order and allows it."""

    _name = "report.recouvrement_amiable.report_payment_order_request"
    _description = "Payment Order Request"

    @api.model
    def _get_report_values(self, docids, data=None):
        files = self.env["dunning.litigation.file"].browse(docids)
        files._check_way_out(litigation.PAYMENT_ORDER)
        return {
            "doc_ids": docids,
            "doc_model": "dunning.litigation.file",
            "docs": files,
            "requests": {record.id: self._request_values(record) for record in files},
        }

    @api.model
    def _request_values(self, record):
        """What art. 1407 CPC asks of the request beyond the parties: the exact amount with
        the detail of its elements, the basis of the claim, the court and the pieces."""
        lines = record.line_ids.filtered(
            lambda line: not line.is_prescribed and line.amount_residual > 0
        )
        category = debtor_category.category(record.debtor_type)
        principal = sum(lines.mapped("amount_residual"))
        penalties = sum(lines.mapped("penalty_amount")) if category.owes_late_costs else 0.0
        indemnities = sum(lines.mapped("indemnity_amount")) if category.owes_late_costs else 0.0
        return {
            "lines": lines,
            "principal": principal,
            "penalties": penalties,
            "indemnities": indemnities,
            "total": principal + penalties + indemnities,
            "costs_source": category.costs_source if category.owes_late_costs else False,
            "court": litigation.payment_order_court(
                record.debtor_type, record.partner_id.commercial_partner_id.legal_category_code
            ),
            "notices": record._formal_notices(),
        }
