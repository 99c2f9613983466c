# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import UserError

from ..rules import debtor_category, litigation


class ReportClaimDeclaration(models.AbstractModel):
    """The claim declaration to the court-appointed representative (déclaration de créance,
    L622-24 to L622-26 and R622-23 C. com.), printed only for a debtor in insolvency
    proceedings whose file's way out is the declaration."""

    _name = "report.recouvrement_amiable.report_claim_declaration"
    _description = "Claim Declaration"

    @api.model
    def _get_report_values(self, docids, data=None):
        files = self.env["dunning.litigation.file"].browse(docids)
        files._check_way_out(litigation.CLAIM_DECLARATION)
        for record in files:
            if not record.partner_id._insolvency_judgment_date():
                raise UserError(
                    self.env._(
                        "%(file)s: record the opening judgment date (or the BODACC publication) "
                        "of the proceedings on the debtor first.",
                        file=record.display_name,
                    )
                )
        return {
            "doc_ids": docids,
            "doc_model": "dunning.litigation.file",
            "docs": files,
            "declarations": {record.id: self._declaration_values(record) for record in files},
        }

    @api.model
    def _declaration_values(self, record):
        """The invoices declared as due on the opening judgment, those declared as not yet
        due, and those born after it (not declared: paid at their due date, L622-17), with
        the interest stopped on the judgment (L622-28) as the file computed it."""
        debtor = record.partner_id.commercial_partner_id
        judgment = debtor._insolvency_judgment_date()
        parts = {
            part: record.line_ids.browse()
            for part in (
                litigation.DECLARED_DUE,
                litigation.DECLARED_NOT_DUE,
                litigation.NOT_DECLARED,
            )
        }
        for line in record.line_ids.filtered(lambda line: line.amount_residual > 0):
            part = litigation.claim_declaration_part(
                line.invoice_date, line.invoice_date_due, judgment
            )
            parts[part] |= line
        owes_costs = debtor_category.owes_late_costs(record.debtor_type)

        def total(lines):
            costs = lines.mapped("penalty_amount") + lines.mapped("indemnity_amount")
            return sum(lines.mapped("amount_residual")) + (sum(costs) if owes_costs else 0.0)

        return {
            "judgment": judgment,
            "deadline": debtor.claim_declaration_deadline,
            "due": parts[litigation.DECLARED_DUE],
            "not_due": parts[litigation.DECLARED_NOT_DUE],
            "after": parts[litigation.NOT_DECLARED],
            "owes_costs": owes_costs,
            "total_due": total(parts[litigation.DECLARED_DUE]),
            "total_not_due": total(parts[litigation.DECLARED_NOT_DUE]),
        }
