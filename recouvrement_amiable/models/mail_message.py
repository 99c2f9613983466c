# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import UserError

PROTECTED_FIELDS = {
    "body",
    "subject",
    "attachment_ids",
    "model",
    "res_id",
    "message_type",
    "date",
    "author_id",
    "email_from",
}
EVIDENCE_MODELS = ("dunning.action", "dunning.payment.plan")


class MailMessage(models.Model):
    _inherit = "mail.message"

    # EXTENDS mail
    def write(self, vals):
        if PROTECTED_FIELDS & set(vals):
            self._check_not_dunning_email()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_dunning_email(self):
        self._check_not_dunning_email()

    def _check_not_dunning_email(self):
        """The e-mails sent to a debtor (communications, payment plans) are evidence."""
        emails = self.sudo().filtered(
            lambda message: (
                message.model in EVIDENCE_MODELS and message.message_type == "email_outgoing"
            )
        )
        if emails:
            raise UserError(
                self.env._(
                    "This e-mail was sent to a debtor: it is evidence and cannot be changed or "
                    "deleted."
                )
            )
