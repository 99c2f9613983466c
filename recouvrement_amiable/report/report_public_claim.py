# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

from ..rules import litigation


class ReportPublicClaim(models.AbstractModel):
    """The written claim to a public-law debtor (loi 68-1250, R2192-31 and D2192-35 CCP),
    printed only for a file whose way out is the public-body path."""

    _name = "report.recouvrement_amiable.report_public_claim"
    _description = "Claim to a Public-law Debtor"

    @api.model
    def _get_report_values(self, docids, data=None):
        files = self.env["dunning.litigation.file"].browse(docids)
        files._check_way_out(litigation.PUBLIC_BODY)
        amounts = self.env["report.recouvrement_amiable.report_payment_order_request"]
        return {
            "doc_ids": docids,
            "doc_model": "dunning.litigation.file",
            "docs": files,
            "requests": {record.id: amounts._request_values(record) for record in files},
        }
