# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

from ..rules import litigation


class ReportMandatementRequest(models.AbstractModel):
    """The request to the prefect for a mandatement d'office (L1612-15 and L1612-16 CGCT),
    printed only two months after the claim to a local public body left unpaid."""

    _name = "report.recouvrement_amiable.report_mandatement_request"
    _description = "Mandatement d'Office Request"

    @api.model
    def _get_report_values(self, docids, data=None):
        files = self.env["dunning.litigation.file"].browse(docids)
        files._check_way_out(litigation.PUBLIC_BODY)
        files._check_mandatement_request()
        amounts = self.env["report.recouvrement_amiable.report_payment_order_request"]
        return {
            "doc_ids": docids,
            "doc_model": "dunning.litigation.file",
            "docs": files,
            "requests": {record.id: amounts._request_values(record) for record in files},
        }
