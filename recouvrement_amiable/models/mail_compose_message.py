# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class MailComposeMessage(models.TransientModel):
    _inherit = "mail.compose.message"

    # EXTENDS mail
    @property
    def _batch_size(self):
        """The e-mails of a run's batch of debtors are made in one pass of the composer.

        Odoo's mass mailing makes its e-mails by chunks of 50 (when the ``mail.batch_size``
        system parameter is not set) and empties the whole cache after each chunk, so that
        the next one reads the communications, invoices and debtors again (a twentieth of a
        run's time when its batches were 100 debtors). The run gives its own chunk size
        (``dunning_mail_batch_size``, see ``mail.template._queue_as_evidence``); a
        ``mail.batch_size`` set by the administrator still comes first.
        """
        return self.env.context.get("dunning_mail_batch_size") or super()._batch_size
