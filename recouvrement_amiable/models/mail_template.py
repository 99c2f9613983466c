# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

# e-mails made in one pass of Odoo's mass-mail composer (see mail.compose.message): a run's
# batch of debtors at once; a larger set (a mass approval) by chunks of this size
MAIL_BATCH_SIZE = 500


class MailTemplate(models.Model):
    _inherit = "mail.template"

    def _queue_as_evidence(self, records):
        """Render this template for every record in one mass-mail composer and queue the
        e-mails (Odoo's mail queue sends them); they are never auto-deleted, since they are
        the evidence of what the debtor received. Returns the queued ``mail.mail``."""
        self.ensure_one()
        composer = (
            self.env["mail.compose.message"]
            .with_context(
                mail_notify_force_send=False,
                dunning_compile_once=True,
                dunning_mail_batch_size=MAIL_BATCH_SIZE,
            )
            .create(
                {
                    "composition_mode": "mass_mail",
                    "model": records._name,
                    "res_ids": repr(records.ids),
                    "template_id": self.id,
                    "force_send": False,
                    "auto_delete": False,
                    "auto_delete_keep_log": True,
                }
            )
        )
        mails, _messages = composer._action_send_mail()
        return mails
