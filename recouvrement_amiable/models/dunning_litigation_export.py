# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import zipfile

from odoo import api, models
from odoo.exceptions import UserError

from ..rules import agency_export

CONTACT_STATES = ("sent", "failed", "handover")


def _or_none(value):
    return value or None


class DunningLitigationExport(models.AbstractModel):
    """The litigation file exported for a collection agency or a commissaire de justice: a
    ZIP of ``dossier.json`` and ``factures.csv`` (fields documented in
    ``rules/agency_export.py`` and the README), attached to the file."""

    _name = "dunning.litigation.export"
    _description = "Litigation File Export"

    @api.model
    def _action_export(self, files):
        """Server action "Export for an agency": the ZIP of one file, to download."""
        if len(files) != 1:
            raise UserError(self.env._("Export one litigation file at a time."))
        files.check_access("write")
        attachment = self._attach(files, self._zip(files))
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    @api.model
    def _zip(self, record):
        data = self._file_data(record)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("dossier.json", agency_export.to_json(data))
            archive.writestr("factures.csv", agency_export.to_csv(data))
        return buffer.getvalue()

    @api.model
    def _attach(self, record, raw):
        """The export attached to the file, replacing the previous one (not evidence: it is
        rebuilt from the file whenever asked)."""
        name = f"export-agence-{record.name.replace('/', '-')}.zip"
        Attachment = self.env["ir.attachment"]
        Attachment.search(
            [
                ("res_model", "=", record._name),
                ("res_id", "=", record.id),
                ("name", "=", name),
            ]
        ).unlink()
        return Attachment.create(
            {
                "name": name,
                "raw": raw,
                "res_model": record._name,
                "res_id": record.id,
                "mimetype": "application/zip",
            }
        )

    @api.model
    def _file_data(self, record):
        """The file as the nested dicts ``agency_export`` writes."""
        return {
            "reference": record.name,
            "date": record.date,
            "currency": record.currency_id.name,
            "state": record.state,
            "recommended_path": _or_none(record.recommended_path),
            "chosen_path": _or_none(record.chosen_path),
            "creditor": self._party(record.company_id.partner_id, record.company_id),
            "debtor": self._party(record.partner_id.commercial_partner_id),
            "amounts": {
                "principal": record.amount_principal,
                "paid": record.amount_paid,
                "residual": record.amount_residual,
                "penalties": record.amount_penalties,
                "indemnities": record.amount_indemnities,
                "balance": record.amount_balance,
                "claimable": record.amount_claimable,
            },
            "invoices": [self._invoice(line) for line in record.line_ids],
            "communications": self._communications(record),
            "evidence": {
                "bundle": _or_none(record.bundle_id.name),
                "manifest_sha256": _or_none(record.manifest_sha256),
            },
        }

    @api.model
    def _party(self, partner, company=None):
        return {
            "name": partner.name,
            "legal_form": _or_none(company.dunning_legal_form) if company else None,
            "category": None if company else _or_none(partner.debtor_type),
            "legal_category_code": _or_none(partner.legal_category_code),
            "registry": _or_none((company or partner).company_registry),
            "vat": _or_none(partner.vat),
            "street": _or_none(partner.street),
            "street2": _or_none(partner.street2),
            "zip": _or_none(partner.zip),
            "city": _or_none(partner.city),
            "country": _or_none(partner.country_id.code),
            "email": _or_none(partner.email),
            "phone": _or_none(partner.phone),
        }

    @api.model
    def _invoice(self, line):
        return {
            "number": line.move_id.name,
            "invoice_date": _or_none(line.invoice_date),
            "due_date": _or_none(line.invoice_date_due),
            "amount_total": line.amount_total,
            "amount_paid": line.amount_paid,
            "amount_residual": line.amount_residual,
            "penalties": line.penalty_amount,
            "indemnity": line.indemnity_amount,
            "prescription_date": _or_none(line.prescription_date),
            "prescribed": line.is_prescribed,
            "disputed": line.is_disputed,
        }

    @api.model
    def _communications(self, record):
        actions = self.env["dunning.action"].search(
            [
                ("partner_id", "=", record.partner_id.commercial_partner_id.id),
                ("company_id", "=", record.company_id.id),
                ("state", "in", CONTACT_STATES),
            ],
            order="date, id",
        )
        return [
            {
                "date": action.date,
                "level": action.level_id.name,
                "channels": [
                    channel
                    for channel, used in (
                        ("email", action.channel_email),
                        ("letter", action.channel_letter),
                        ("phone", action.channel_phone),
                    )
                    if used
                ],
                "formal_notice": action.is_formal_notice,
                "lrar_number": _or_none(action.lrar_number),
                "lrar_presentation_date": _or_none(action.lrar_presentation_date),
            }
            for action in actions
        ]
