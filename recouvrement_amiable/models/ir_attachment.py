# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import UserError

PROTECTED_FIELDS = {"raw", "datas", "db_datas", "store_fname", "name", "res_model", "res_id"}


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    # EXTENDS base
    def write(self, vals):
        if PROTECTED_FIELDS & set(vals):
            self._check_not_dunning_evidence()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_dunning_evidence(self):
        self._check_not_dunning_evidence()

    def _check_not_dunning_evidence(self):
        """The PDF a debtor received is kept unchanged: a court reads the same file."""
        if not self:
            return
        count = (
            self.env["dunning.action"]
            .sudo()
            .search_count([("letter_attachment_id", "in", self.ids)], limit=1)
        )
        if count:
            raise UserError(
                self.env._("This document was sent to a debtor: it cannot be changed or deleted.")
            )
