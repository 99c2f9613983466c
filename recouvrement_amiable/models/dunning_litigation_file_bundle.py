# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import email.message
import email.policy
import email.utils
import hashlib
import logging
import os
import tempfile
import time

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..rules import evidence_bundle

_logger = logging.getLogger(__name__)

INVOICE_REPORT = "account.account_invoices"
INVOICE_BATCH = 50  # invoices rendered per wkhtmltopdf call (bounded memory)


class DunningLitigationFileBundle(models.AbstractModel):
    """The evidence bundle of a litigation file, mixed into ``dunning.litigation.file``: a
    ZIP of every piece (invoices, letters, receipts, e-mails, plans, proofs) with its
    manifest and chronology, written piece by piece and stored without loading it in memory."""

    _name = "dunning.litigation.file.bundle"
    _description = "Litigation File Evidence Bundle"

    # -------------------------------------------------------------------------
    # BUILDING THE ZIP
    # -------------------------------------------------------------------------

    def _build_bundle(self):
        """Write the ZIP piece by piece into a temporary file, then store it as the file's
        attachment; record the manifest's SHA-256."""
        self.ensure_one()
        started = time.monotonic()
        Attachment = self.env["ir.attachment"]
        storage_dir = Attachment._full_path("") if Attachment._storage() != "db" else None
        handle, path = tempfile.mkstemp(suffix=".zip", dir=storage_dir)
        try:
            with os.fdopen(handle, "wb") as target:
                writer = evidence_bundle.BundleWriter(target)
                try:
                    self._write_pieces(writer)
                    manifest_sha = writer.write_manifest()
                    self._internal().write(
                        {"manifest_sha256": manifest_sha, "bundle_date": fields.Datetime.now()}
                    )
                    writer.add_unlisted("chronologie.pdf", self._render_timeline())
                finally:
                    writer.close()
            attachment = self._store_bundle(path)
        finally:
            if os.path.exists(path):
                os.unlink(path)
        old = self.bundle_id
        self._internal().write({"bundle_id": attachment.id})
        old.sudo().unlink()
        _logger.info(
            "Litigation file %s: evidence bundle of %s invoices built in %.1f s",
            self.name,
            len(self.line_ids),
            time.monotonic() - started,
        )
        self._message_log(
            body=self.env._("Evidence bundle built; manifest SHA-256 %s", manifest_sha)
        )
        return attachment

    def _write_pieces(self, writer):
        moves = self.line_ids.move_id
        self._write_invoices(writer, moves)
        actions = self._debtor_actions()
        for action in actions.filtered("letter_attachment_id"):
            attachment = action.letter_attachment_id.sudo()
            if action.letter_sha256 and self._attachment_sha256(attachment) != action.letter_sha256:
                raise UserError(
                    self.env._(
                        "The stored letter of %(communication)s does not match its SHA-256: it "
                        "was changed after sending and cannot go into the evidence bundle.",
                        communication=action.display_name,
                    )
                )
            writer.add_chunks(
                self._letter_piece_name(action),
                self.env._("Letter: %s", action.level_id.name),
                action.date,
                self._attachment_chunks(attachment),
            )
        for action in actions.filtered("lrar_receipt_id"):
            writer.add_chunks(
                self._receipt_piece_name(action),
                self.env._("Registered letter %s: acknowledgement of receipt", action.lrar_number),
                action.lrar_presentation_date or action.date,
                self._attachment_chunks(action.lrar_receipt_id.sudo()),
            )
        for action in actions.filtered("message_id"):
            writer.add_bytes(
                self._email_piece_name(action),
                self.env._("E-mail: %s", action.level_id.name),
                action.date,
                self._message_eml(action.message_id.sudo(), action.contact_id),
            )
        for plan in self._debtor_plans():
            if plan.signed_pdf_id:
                writer.add_chunks(
                    self._plan_piece_name(plan),
                    self.env._("Payment plan %s as signed", plan.name),
                    plan.signed_on,
                    self._attachment_chunks(plan.signed_pdf_id.sudo()),
                )
            if plan.signed_scan_id:
                writer.add_chunks(
                    self._plan_scan_piece_name(plan),
                    self.env._("Payment plan %s: signed scan", plan.name),
                    plan.signed_on,
                    self._attachment_chunks(plan.signed_scan_id.sudo()),
                )
        for event in moves.prescription_event_ids.filtered("attachment_id"):
            writer.add_chunks(
                self._event_piece_name(event),
                self.env._("Proof of the prescription event of %s", event.move_id.name),
                event.date,
                self._attachment_chunks(event.attachment_id.sudo()),
            )

    def _write_invoices(self, writer, moves):
        """Odoo's invoice PDF of each invoice: the stored one when it exists, else rendered
        by batches (one wkhtmltopdf call per batch)."""
        stored = moves.filtered("invoice_pdf_report_id")
        for move in stored:
            writer.add_chunks(
                self._invoice_piece_name(move),
                self.env._("Invoice %s", move.name),
                move.invoice_date,
                self._attachment_chunks(move.invoice_pdf_report_id.sudo()),
            )
        to_render = moves - stored
        reports = self.env["ir.actions.report"].with_context(
            force_report_rendering=True, report_pdf_no_attachment=True
        )
        for start in range(0, len(to_render), INVOICE_BATCH):
            batch = to_render[start : start + INVOICE_BATCH]
            documents = None
            if len(batch) > 1:
                documents = reports._render_pdf_documents_in_one_call(
                    INVOICE_REPORT, batch.ids, [f"[[{move.id}]]" for move in batch], tag=True
                )
            if documents is None:
                documents = {
                    move.id: reports._render_qweb_pdf(INVOICE_REPORT, res_ids=move.ids)[0]
                    for move in batch
                }
            for move in batch:
                writer.add_bytes(
                    self._invoice_piece_name(move),
                    self.env._("Invoice %s", move.name),
                    move.invoice_date,
                    documents.pop(move.id),
                )

    @api.model
    def _attachment_chunks(self, attachment):
        """The bytes of ``attachment``, read from the filestore by chunks when stored there."""
        if attachment.store_fname:
            full_path = attachment._full_path(attachment.store_fname)
            if os.path.exists(full_path):
                with open(full_path, "rb") as source:
                    while chunk := source.read(evidence_bundle.CHUNK):
                        yield chunk
                return
        yield attachment.raw or b""

    @api.model
    def _attachment_sha256(self, attachment):
        digest = hashlib.sha256()
        for chunk in self._attachment_chunks(attachment):
            digest.update(chunk)
        return digest.hexdigest()

    @api.model
    def _message_eml(self, message, contact):
        """The e-mail as it was sent, in RFC 5322 form (.eml), with its attachments."""
        mail = email.message.EmailMessage(policy=email.policy.SMTP)
        mail["From"] = message.email_from or ""
        recipients = message.partner_ids.filtered("email") or contact.filtered("email")
        mail["To"] = ", ".join(
            email.utils.formataddr((partner.name or "", partner.email)) for partner in recipients
        )
        mail["Subject"] = message.subject or ""
        mail["Date"] = email.utils.format_datetime(pytz.utc.localize(message.date))
        if message.message_id:
            mail["Message-ID"] = message.message_id
        mail.set_content(str(message.body or ""), subtype="html")
        for attachment in message.attachment_ids:
            maintype, _sep, subtype = (attachment.mimetype or "application/octet-stream").partition(
                "/"
            )
            mail.add_attachment(
                attachment.raw or b"",
                maintype=maintype,
                subtype=subtype or "octet-stream",
                filename=attachment.name,
            )
        return mail.as_bytes()

    def _report_lang(self):
        """Language of the documents of the file: the company's (French for a French one)."""
        self.ensure_one()
        return self.company_id.partner_id.lang or self.env.lang

    def _render_timeline(self):
        self.ensure_one()
        return (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("recouvrement_amiable.action_report_litigation_timeline", self.ids)[0]
        )

    def _store_bundle(self, path):
        """An attachment on this file whose content is the ZIP at ``path``.

        In the filestore (Odoo's default storage) the file is moved in place and recorded,
        never read into memory; with database storage it is read once.
        """
        Attachment = self.env["ir.attachment"].sudo()
        name = f"{evidence_bundle.safe_name(self.name)}-preuves.zip"
        values = {
            "name": name,
            "res_model": self._name,
            "res_id": self.id,
            "mimetype": "application/zip",
        }
        if Attachment._storage() == "db":
            with open(path, "rb") as source:
                return Attachment.create(values | {"raw": source.read()})
        sha1, size = hashlib.sha1(), 0
        with open(path, "rb") as source:
            while chunk := source.read(evidence_bundle.CHUNK):
                sha1.update(chunk)
                size += len(chunk)
        checksum = sha1.hexdigest()
        fname = f"{checksum[:2]}/{checksum}"
        full_path = Attachment._full_path(fname)
        os.makedirs(os.path.dirname(full_path), exist_ok=True)
        Attachment._mark_for_gc(fname)
        if not os.path.exists(full_path):
            os.replace(path, full_path)
        attachment = Attachment.create(values)
        self.env.cr.execute(
            "UPDATE ir_attachment SET store_fname = %s, file_size = %s, checksum = %s, "
            "db_datas = NULL WHERE id = %s",
            (fname, size, checksum, attachment.id),
        )
        attachment.invalidate_recordset(["store_fname", "file_size", "checksum", "raw", "datas"])
        return attachment
