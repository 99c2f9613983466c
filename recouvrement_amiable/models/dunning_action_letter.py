# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import hashlib
import io
import uuid
from decimal import Decimal

import qrcode

from odoo import api, fields, models
from odoo.tools import format_date
from odoo.tools.safe_eval import safe_eval
from odoo.tools.safe_eval import time as safe_time

from ..rules import payment, prescription

LETTER_BATCH_SIZE = 200


class DunningActionLetter(models.AbstractModel):
    """The letter of a communication, mixed into ``dunning.action``: printed by batches by
    its scheduled action, the PDF kept as evidence, and what the letter and the e-mail show
    the debtor (references, payment details, EPC QR code, portal links)."""

    _name = "dunning.action.letter"
    _description = "Dunning Letter"

    # -------------------------------------------------------------------------
    # PRINTING (scheduled action)
    # -------------------------------------------------------------------------

    @api.model
    def _cron_render_letters(self, batch_size=LETTER_BATCH_SIZE):
        """Print the letters waiting, by batches: one wkhtmltopdf call per batch."""
        domain = [("letter_state", "=", "to_render"), ("state", "in", ("sent", "failed"))]
        self.env["dunning.scheduled.job"]._process_in_batches(
            self._internal().search(domain),
            lambda batch: batch.try_lock_for_update()._print_letters(),
            batch_size,
        )

    def _print_letters(self):
        """Print these letters, or refuse the formal notices no longer allowed."""
        for report, actions in self.grouped(lambda a: a.level_id.letter_report_id).items():
            if report:
                notices = actions.filtered("is_formal_notice")
                refused = notices.filtered(lambda a: not a._threat_allowed())
                for action in refused:
                    last_day = action._court_filing_deadline()
                    if last_day:
                        action.line_ids.move_id.filtered(
                            lambda m, d=last_day: m.prescription_date == d
                        )._schedule_court_filing(last_day)
                refused._refuse_letter()
                (actions - refused)._render_letters(report)

    def _refuse_letter(self):
        """A debt became unrecoverable before its formal notice was printed: print nothing."""
        for action in self._internal():
            action.letter_state = False
            action._message_log(
                body=self.env._(
                    "Formal notice not printed: an invoice is no longer recoverable "
                    "(disputed, frozen or prescribed)."
                )
            )

    def _render_letters(self, report):
        """Render and keep the PDF of each letter (the evidence of what was sent).

        One wkhtmltopdf call for the whole batch; one per letter only if the batch cannot be
        split back into letters.
        """
        self._ensure_invoice_tokens()
        reports = self.env["ir.actions.report"].with_context(
            force_report_rendering=True, report_pdf_no_attachment=True
        )
        documents = None
        if len(self) > 1:
            documents = reports._render_pdf_documents_in_one_call(
                report.report_name, self.ids, [action._letter_reference() for action in self]
            )
        if documents is None:
            documents = {
                action.id: reports._render_qweb_pdf(report.report_name, res_ids=action.ids)[0]
                for action in self
            }
        self._store_letters(report, documents)

    @api.model
    def _letter_file_name(self, report, action):
        if report.attachment:
            name = safe_eval(report.attachment, {"object": action, "time": safe_time})
            if name:
                return name
        return f"{action.display_name}.pdf"

    def _store_letters(self, report, documents):
        attachments = self.env["ir.attachment"].create(
            [
                {
                    "name": self._letter_file_name(report, action),
                    "raw": documents[action.id],
                    "res_model": self._name,
                    "res_id": action.id,
                    "mimetype": "application/pdf",
                }
                for action in self
            ]
        )
        for action, attachment in zip(self, attachments, strict=True):
            action.write(
                {
                    "letter_state": "rendered",
                    "letter_attachment_id": attachment.id,
                    "letter_sha256": hashlib.sha256(documents[action.id]).hexdigest(),
                }
            )
        self._trigger_sealing()
        self._post_letters()

    # -------------------------------------------------------------------------
    # WHAT THE LETTER SHOWS
    # -------------------------------------------------------------------------

    def _letter_reference(self):
        """ "Our reference" printed on the first page of each letter."""
        self.ensure_one()
        return f"REL-{self.id:06d}"

    def _payment_reference(self):
        """Reference to quote with the transfer: the invoice numbers, so that it matches."""
        self.ensure_one()
        return " ".join(self.line_ids.move_id.mapped("name"))[:140]

    def _portal_link_valid(self):
        """A link in a letter or an e-mail opens the debtor's page for a limited time."""
        self.ensure_one()
        validity = self.company_id.dunning_link_validity_days
        return fields.Date.add(self.date, days=validity) >= fields.Date.context_today(self)

    def _portal_url(self):
        """Full link to this communication's page on the portal, with its access token."""
        self.ensure_one()
        return self.get_base_url() + self.sudo().get_portal_url()

    def _portal_invoices(self):
        """Invoices of this communication still open, with their collection status."""
        self.ensure_one()
        return self.line_ids.move_id.filtered(lambda move: move._is_collection_tracked())

    def _ensure_invoice_tokens(self):
        """Give the letters' invoices their portal access token before printing (the payment
        links), all in one update: Odoo's ``_portal_ensure_token`` writes each invoice on its
        own, and every invoice write synchronises the invoice's lines (13 ms an invoice),
        which an access token does not touch."""
        moves = self.line_ids.move_id.sudo().filtered(lambda move: not move.access_token)
        moves._write_multi([{"access_token": str(uuid.uuid4())} for _move in moves])
        moves.invalidate_recordset(["access_token"])

    def _online_payment_url(self, move):
        """Link to the invoice on the customer portal (with its access token): the debtor
        sees it and pays it online without logging in."""
        return move.get_base_url() + move.sudo().get_portal_url()

    def _creditor_bank(self):
        self.ensure_one()
        return self.company_id.partner_id.bank_ids[:1]

    def _amount_claimed_in_words(self):
        self.ensure_one()
        return payment.amount_in_words_fr(Decimal(str(self.amount_claimed)))

    def _epc_qr_image(self):
        """EPC "SCT" QR code of a transfer of the exact amount claimed, as a data URI."""
        self.ensure_one()
        bank = self._creditor_bank()
        if not bank or self.currency_id.name != "EUR" or self.amount_claimed <= 0:
            return False
        data = payment.epc_qr_payload(
            self.company_id.name,
            bank.acc_number,
            Decimal(str(self.amount_claimed)),
            self._payment_reference(),
            bic=bank.bank_bic or "",
        )
        image = qrcode.make(data, error_correction=qrcode.constants.ERROR_CORRECT_M)
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()

    # -------------------------------------------------------------------------
    # COURT THREAT (what a formal notice may announce)
    # -------------------------------------------------------------------------

    def _threat_allowed(self):
        """Court action may be mentioned only if every debt is recoverable and still
        unprescribed at the end of the payment deadline plus the company's margin to file
        (L121-2 and L132-11 C. conso.: threatening a prescribed or disputed debt is unlawful)."""
        self.ensure_one()
        return (
            bool(self.line_ids)
            and not self._first_unrecoverable_move()
            and not self._court_filing_deadline()
        )

    def _court_filing_deadline(self):
        """Last day to file in court when a debt would be prescribed before the end of the
        payment deadline announced plus the margin to file; None when the threat is safe."""
        self.ensure_one()
        notice_date = max(self.date, fields.Date.context_today(self))
        return prescription.court_filing_deadline(
            self.line_ids.move_id.mapped("prescription_date"),
            notice_date,
            self.level_id.payment_deadline_days,
            self.company_id.dunning_court_filing_margin_days,
        )

    def _refuse_too_close_to_prescription(self):
        """Formal notices whose debts prescribe too soon: cancelled, never sent, and a to-do
        gives the last day to file in court. Returns the ones refused."""
        refused = self.filtered(lambda a: a.is_formal_notice and a._court_filing_deadline())
        for action in refused:
            last_day = action._court_filing_deadline()
            moves = action.line_ids.move_id.filtered(lambda m, d=last_day: m.prescription_date == d)
            moves._schedule_court_filing(last_day)
            action._message_log(
                body=self.env._(
                    "Formal notice refused: a debt is prescribed on %(date)s, before the end of "
                    "the payment deadline plus the margin to file. A formal notice interrupts "
                    "nothing: file a claim in court before that day.",
                    date=format_date(self.env, last_day),
                )
            )
        if refused:
            refused._internal().write({"state": "cancelled"})
        return refused
