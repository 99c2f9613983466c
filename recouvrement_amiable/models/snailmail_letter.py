# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class SnailmailLetter(models.Model):
    _inherit = "snailmail.letter"

    def _dunning_actions(self):
        """The communications whose letters these are (one query)."""
        letters = self.filtered(lambda letter: letter.model == "dunning.action")
        if not letters:
            return self.env["dunning.action"]
        return (
            self.env["dunning.action"]
            ._internal()
            .sudo()
            .search([("snailmail_letter_id", "in", letters.ids)])
        )

    # EXTENDS snailmail
    def write(self, vals):
        result = super().write(vals)
        if {"state", "error_code"} & set(vals):
            for action in self._dunning_actions():
                action._update_from_snailmail(action.snailmail_letter_id)
        return result

    # EXTENDS snailmail
    def _snailmail_print(self, immediate=True):
        """A dunning letter is never posted once its debt was paid or became unrecoverable
        while it waited in the queue (or in error, retried by Odoo's scheduled action)."""
        stale = self._dunning_actions()._cancel_stale_posting().snailmail_letter_id
        return super(SnailmailLetter, self - stale)._snailmail_print(immediate=immediate)
