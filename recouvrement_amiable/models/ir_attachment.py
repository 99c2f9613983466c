# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import UserError
from odoo.fields import Domain

PROTECTED_FIELDS = {
    "raw",
    "datas",
    "db_datas",
    "store_fname",
    "name",
    "type",
    "url",
    "mimetype",
    "res_model",
    "res_id",
    "res_field",
}
PLAN_SIGNED_STATES = ("signed", "in_progress", "completed", "broken", "cancelled")


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
        """What a debtor received or signed is kept unchanged: a court reads the same file."""
        if self and self._dunning_evidence():
            raise UserError(
                self.env._(
                    "This document is evidence of what was sent to or signed by a debtor: it "
                    "cannot be changed, detached or deleted."
                )
            )

    def _dunning_evidence(self):
        """These attachments that prove a sent communication, a signed plan or a prescription
        event (a few indexed queries, whatever the number of attachments)."""
        ids = self.ids
        env = self.env
        Action = env["dunning.action"].sudo()
        Plan = env["dunning.payment.plan"].sudo()
        sent = Domain("state", "!=", "to_approve")
        signed = Domain("signed_on", "!=", False)
        documents = Domain("letter_attachment_id", "in", ids) | Domain("lrar_receipt_id", "in", ids)
        found = Action.search_count(sent & documents, limit=1)
        found_plans = Plan.search_count(
            signed & (Domain("signed_pdf_id", "in", ids) | Domain("signed_scan_id", "in", ids)),
            limit=1,
        )
        events = (
            env["dunning.prescription.event"]
            .sudo()
            .search_count([("attachment_id", "in", ids)], limit=1)
        )
        signatures = self.sudo().filtered(
            lambda att: att.res_model == Plan._name and att.res_field == "signature"
        )
        signed_images = signatures and Plan.search_count(
            signed & Domain("id", "in", signatures.mapped("res_id")), limit=1
        )
        emails = self.sudo().filtered(
            lambda att: att.res_model in (Action._name, Plan._name)
        ) and env["mail.message"].sudo().search_count(
            [("attachment_ids", "in", ids), ("message_type", "=", "email_outgoing")], limit=1
        )
        return bool(found or found_plans or events or signed_images or emails)

    # -------------------------------------------------------------------------
    # BUSINESS METHODS: what the portal accepts
    # -------------------------------------------------------------------------

    @api.model
    def _dunning_upload_error(self, error):
        """The translated refusal for an ``uploads.UploadError`` (a file or a name sent on the
        portal)."""
        messages = {
            "signature_missing": self.env._("Draw your signature."),
            "signature_format": self.env._(
                "The signature must be a PNG or JPEG image; draw it again."
            ),
            "signature_too_big": self.env._(
                "The signature image is too big (1 MB at most); draw it again."
            ),
            "signature_dimensions": self.env._(
                "The signature image is too large (2000 x 1000 pixels at most); draw it again."
            ),
            "name_missing": self.env._("Give the name of the person who signed."),
            "name_too_long": self.env._("The name of the signer is limited to 128 characters."),
            "file_type": self.env._("The document must be a PDF, PNG or JPEG file."),
            "file_too_big": self.env._("The document is too big: 10 MB at most."),
        }
        return UserError(messages.get(error.code, self.env._("This file cannot be accepted.")))
