# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib

from odoo import api, models
from odoo.exceptions import UserError

# The add-on's own methods mark their writes with this object. It lives in the server's memory
# only: no RPC call, import or server action can put it in a context, so whatever they write
# goes through the checks of the model.
_INTERNAL = object()


def sha256_hex(data):
    return hashlib.sha256(data or b"").hexdigest()


class DunningEvidenceMixin(models.AbstractModel):
    """Records that are evidence once they went out to the debtor (communications, plans).

    Their life cycle is driven by their methods only; once sent or signed, what the debtor
    received is frozen and sealed in the company's evidence chain (``dunning.evidence``).
    """

    _name = "dunning.evidence.mixin"
    _description = "Collection Evidence"

    # Fields that anyone may write at any time (bookkeeping of Odoo's mail and portal).
    _evidence_free_fields = frozenset(
        {
            "message_follower_ids",
            "message_main_attachment_id",
            "message_ids",
            "activity_ids",
            "access_token",
            "website_message_ids",
        }
    )

    def _internal(self):
        """These records as the add-on's own methods change them."""
        return self.with_context(dunning_internal=_INTERNAL)

    def _is_internal(self):
        return self.env.context.get("dunning_internal") is _INTERNAL

    @api.model
    def _check_internal_create(self):
        if not self._is_internal():
            raise UserError(
                self.env._(
                    "%(model)s records are created by the collection process only.",
                    model=self._description,
                )
            )

    def _check_state_transition(self, new_state, transitions):
        """``state`` changes through the record's methods only, along ``transitions``."""
        if not self._is_internal():
            raise UserError(
                self.env._(
                    "The status of %(model)s changes through its buttons only "
                    "(approve, send, cancel…), never by a direct write.",
                    model=self._description,
                )
            )
        for record in self:
            if record.state != new_state and new_state not in transitions.get(record.state, ()):
                raise UserError(
                    self.env._(
                        "%(record)s cannot go from %(old)s to %(new)s.",
                        record=record.display_name,
                        old=record.state,
                        new=new_state,
                    )
                )

    def _check_frozen_fields(self, frozen, vals, allowed):
        """Refuse writing anything but ``allowed`` fields on the ``frozen`` records."""
        forbidden = set(vals) - set(allowed) - self._evidence_free_fields
        if frozen and forbidden:
            raise UserError(
                self.env._(
                    "%(record)s was sent to the debtor: it is evidence and cannot be changed "
                    "(%(fields)s).",
                    record=frozen[0].display_name,
                    fields=", ".join(sorted(forbidden)),
                )
            )

    def _check_write_once(self, vals, fields_once):
        """Fields recorded once (a registered letter number, a receipt): set, never changed."""
        for record in self:
            for name in set(vals) & set(fields_once):
                if (
                    record[name]
                    and record._fields[name].convert_to_write(record[name], record) != vals[name]
                ):
                    raise UserError(
                        self.env._(
                            "%(field)s of %(record)s is already recorded and cannot be changed.",
                            field=record._fields[name]._description_string(self.env),
                            record=record.display_name,
                        )
                    )

    # -------------------------------------------------------------------------
    # MAIL
    # -------------------------------------------------------------------------

    # EXTENDS mail
    @api.model
    def mail_allowed_qweb_expressions(self):
        """The recipient and language of the shipped templates are plain field paths: allowed
        here, Odoo reads them from the record instead of evaluating them with ``safe_eval``
        (seven evaluations per e-mail, the language being rendered at each composer step)."""
        expressions = super().mail_allowed_qweb_expressions()
        if "contact_id" in self._fields:
            expressions += ("object.contact_id.id", "object.contact_id.lang")
        return expressions

    # -------------------------------------------------------------------------
    # EVIDENCE CHAIN
    # -------------------------------------------------------------------------

    def _evidence_content(self, kind, refs):
        """Canonical content of what ``kind`` seals for this record (a JSON-able dict).

        ``refs`` names the documents sealed with it (message and attachment ids); their bytes
        are hashed here, so a document changed later breaks the seal too.
        """
        raise NotImplementedError

    @api.model
    def _evidence_documents_sha256(self, refs):
        """SHA-256 of each document named in ``refs``: {"attachment:ID": hash, "message:ID":…}."""
        digests = {}
        attachments = self.env["ir.attachment"].sudo().browse(refs.get("attachments", []))
        for attachment in attachments.exists():
            digests[f"attachment:{attachment.id}"] = sha256_hex(attachment.raw)
        messages = self.env["mail.message"].sudo().browse(refs.get("messages", []))
        for message in messages.exists():
            content = "\n".join(
                [
                    message.subject or "",
                    str(message.body or ""),
                    ",".join(str(i) for i in sorted(message.attachment_ids.ids)),
                ]
            )
            digests[f"message:{message.id}"] = sha256_hex(content.encode())
            for attachment in message.attachment_ids:
                digests[f"attachment:{attachment.id}"] = sha256_hex(attachment.raw)
        named = [f"attachment:{i}" for i in refs.get("attachments", [])]
        named += [f"message:{i}" for i in refs.get("messages", [])]
        for key in named:
            digests.setdefault(key, "missing")
        return dict(sorted(digests.items()))
