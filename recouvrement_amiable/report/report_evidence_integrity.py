# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ReportEvidenceIntegrity(models.AbstractModel):
    """Recompute each company's evidence chain and say whether it is intact."""

    _name = "report.recouvrement_amiable.report_evidence_integrity"
    _description = "Evidence Integrity Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        companies = self.env["res.company"].browse(docids)
        Evidence = self.env["dunning.evidence"]
        return {
            "doc_ids": docids,
            "doc_model": "res.company",
            "docs": companies,
            "checks": {company.id: Evidence._verify_chain(company) for company in companies},
            "checked_on": fields.Datetime.now(),
        }
