# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    # The run leaves out invoices with a line excluded from follow-up (``no_followup``): a
    # small index of those lines instead of a scan of every journal item per work unit.
    _dunning_no_followup_idx = models.Index("(move_id) WHERE no_followup IS TRUE")
