# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ReportFormalNotice(models.AbstractModel):
    """A formal notice is generated only for debts that may be claimed and threatened."""

    _name = "report.recouvrement_amiable.report_formal_notice"
    _description = "Formal Notice Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        actions = self.env["dunning.action"].browse(docids)
        actions._check_formal_notice_allowed()
        return {"doc_ids": docids, "doc_model": "dunning.action", "docs": actions}
