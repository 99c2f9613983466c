# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class MailMail(models.Model):
    _inherit = "mail.mail"

    # EXTENDS mail
    def _postprocess_sent_message(
        self, success_pids, success_emails, failure_reason=False, failure_type=None
    ):
        dunning_mails = self.filtered(lambda mail: mail.model == "dunning.action")
        if dunning_mails:
            actions = (
                self.env["dunning.action"]
                .sudo()
                .search([("message_id", "in", dunning_mails.mail_message_id.ids)])
            )
            if failure_type:
                actions._mark_email_failed(failure_reason or failure_type, failure_type)
            else:
                actions._mark_email_sent()
        return super()._postprocess_sent_message(
            success_pids, success_emails, failure_reason=failure_reason, failure_type=failure_type
        )
