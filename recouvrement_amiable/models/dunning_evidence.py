# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import SQL

from .dunning_evidence_mixin import sha256_hex

EVIDENCE_KINDS = [
    ("communication", "Communication sent"),
    ("lrar", "Registered letter delivered"),
    ("plan_signature", "Payment plan signed"),
]
HASH_VERSION = 1
SEAL_LOCK_KEY = 0x5345414C  # "SEAL": one sealing at a time per company


def canonical(content):
    """The one JSON text of ``content`` that is hashed: sorted keys, no spaces, ASCII."""
    return json.dumps(content, sort_keys=True, ensure_ascii=True, separators=(",", ":"))


def changed_keys(sealed, now):
    """The keys of a sealed content whose value is not the same now. A key sealed only since
    a later version of the add-on is not in older seals and is not a change; a key no longer
    computed reads as changed."""
    return sorted(key for key in sealed if now.get(key) != sealed[key])


def chain_hash(previous_hash, content_sha256):
    return sha256_hex(f"${HASH_VERSION}${previous_hash or ''}${content_sha256}".encode())


class DunningEvidence(models.Model):
    """One link of a company's evidence chain, in the spirit of Odoo's inalterability hash of
    journal entries: what a sent communication or a signed plan said, with the SHA-256 of its
    documents, hashed together with the previous link. Recomputing the chain later shows
    whether anything the debtor received was changed, even directly in the database."""

    _name = "dunning.evidence"
    _description = "Sealed Collection Evidence"
    _order = "company_id, sequence"

    company_id = fields.Many2one(comodel_name="res.company", required=True, readonly=True)
    sequence = fields.Integer(required=True, readonly=True)
    kind = fields.Selection(selection=EVIDENCE_KINDS, required=True, readonly=True)
    res_model = fields.Char(string="Document Model", required=True, readonly=True)
    res_id = fields.Many2oneReference(
        string="Document", model_field="res_model", required=True, readonly=True
    )
    reference = fields.Char(readonly=True, help="Name of the record when it was sealed.")
    sealed_on = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    refs = fields.Json(
        string="Documents Sealed", readonly=True, help="Messages and attachments sealed."
    )
    content = fields.Text(readonly=True, help="Canonical JSON of what was sealed.")
    content_sha256 = fields.Char(string="Content SHA-256", readonly=True)
    previous_hash = fields.Char(readonly=True)
    hash = fields.Char(string="Inalterability Hash", readonly=True)

    _sequence_uniq = models.Constraint(
        "unique(company_id, sequence)", "Each link of an evidence chain has its own number."
    )

    # -------------------------------------------------------------------------
    # CRUD METHODS
    # -------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        self.env["dunning.action"]._check_internal_create()
        return super().create(vals_list)

    def write(self, vals):
        if self:
            raise UserError(self.env._("Sealed evidence cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("Sealed evidence cannot be deleted."))

    # -------------------------------------------------------------------------
    # SEALING
    # -------------------------------------------------------------------------

    @api.model
    def _cron_seal_pending(self):
        self._seal_pending()

    @api.model
    def _seal_pending(self):
        """Seal every communication sent (once its letter is printed), every registered letter
        receipt and every signed plan not sealed yet, company by company, in order."""
        Action = self.env["dunning.action"].sudo()._internal()
        Plan = self.env["dunning.payment.plan"].sudo()._internal()
        items = []
        for action in Action.search(
            [
                ("state", "in", ("sent", "failed", "handover")),
                ("sealed", "=", False),
                ("letter_state", "!=", "to_render"),
            ],
            order="id",
        ):
            items.append((action, "communication", action._evidence_refs("communication")))
        for action in Action.search(
            [("lrar_receipt_id", "!=", False), ("lrar_sealed", "=", False)], order="id"
        ):
            items.append((action, "lrar", action._evidence_refs("lrar")))
        for plan in Plan.search(
            [("signed_on", "!=", False), ("sealed", "=", False), ("signed_pdf_id", "!=", False)],
            order="id",
        ):
            items.append((plan, "plan_signature", plan._evidence_refs("plan_signature")))
        by_company = {}
        for item in items:
            by_company.setdefault(item[0].company_id, []).append(item)
        for company, company_items in by_company.items():
            self._seal(company, company_items)

    @api.model
    def _seal(self, company, items):
        """Append ``items`` [(record, kind, refs)] to the company's chain."""
        self.env.cr.execute(SQL("SELECT pg_advisory_xact_lock(%s, %s)", SEAL_LOCK_KEY, company.id))
        last = self.sudo().search([("company_id", "=", company.id)], order="sequence desc", limit=1)
        previous_hash, sequence = last.hash or "", last.sequence
        vals_list = []
        for record, kind, refs in items:
            content = canonical(record._evidence_content(kind, refs))
            content_sha256 = sha256_hex(content.encode())
            sequence += 1
            link_hash = chain_hash(previous_hash, content_sha256)
            vals_list.append(
                {
                    "company_id": company.id,
                    "sequence": sequence,
                    "kind": kind,
                    "res_model": record._name,
                    "res_id": record.id,
                    "reference": record.display_name,
                    "refs": refs,
                    "content": content,
                    "content_sha256": content_sha256,
                    "previous_hash": previous_hash,
                    "hash": link_hash,
                }
            )
            previous_hash = link_hash
        self.sudo()._internal_env().create(vals_list)
        for record, kind, _refs in items:
            record.write({"lrar_sealed" if kind == "lrar" else "sealed": True})

    def _internal_env(self):
        return self.env["dunning.action"]._internal().env[self._name]

    # -------------------------------------------------------------------------
    # VERIFICATION
    # -------------------------------------------------------------------------

    @api.model
    def _verify_chain(self, company):
        """Recompute the company's chain: {"count", "last_hash", "broken": None or the first
        broken link with the reason, "pending": records sent or signed but not sealed yet}."""
        links = self.sudo().search([("company_id", "=", company.id)], order="sequence")
        previous_hash, expected = "", 1
        result = {"count": len(links), "last_hash": links[-1:].hash, "broken": None}
        for link in links:
            reason = link._first_problem(previous_hash, expected)
            if reason:
                result["broken"] = {"link": link, "reason": reason}
                break
            previous_hash, expected = link.hash, expected + 1
        result["pending"] = self._pending_count(company)
        return result

    def _first_problem(self, previous_hash, expected_sequence):
        """Why this link breaks the chain, or None."""
        self.ensure_one()
        return self._chain_problem(previous_hash, expected_sequence) or self._record_problem()

    def _chain_problem(self, previous_hash, expected_sequence):
        """The link itself: its number, its place after the previous one, its hashes."""
        env = self.env
        checks = [
            (
                self.sequence != expected_sequence,
                lambda: env._("link number %(number)s is missing", number=expected_sequence),
            ),
            (
                (self.previous_hash or "") != previous_hash,
                lambda: env._("it does not follow the previous link"),
            ),
            (
                sha256_hex((self.content or "").encode()) != self.content_sha256,
                lambda: env._("the sealed content itself was changed"),
            ),
            (
                chain_hash(previous_hash, self.content_sha256) != self.hash,
                lambda: env._("its hash was changed"),
            ),
        ]
        return next((message() for failed, message in checks if failed), None)

    def _record_problem(self):
        """The sealed record and its documents, recomputed as they are now."""
        env = self.env
        record = env[self.res_model].sudo().browse(self.res_id).exists()
        if not record:
            return env._("the sealed record was deleted")
        now = json.loads(canonical(record._evidence_content(self.kind, self.refs or {})))
        sealed = json.loads(self.content)
        changed = changed_keys(sealed, now)
        if changed:
            return env._(
                "%(record)s was changed after it was sealed (%(fields)s)",
                record=self.reference,
                fields=", ".join(changed),
            )
        return None

    @api.model
    def _pending_count(self, company):
        company_domain = Domain("company_id", "=", company.id)
        actions = (
            self.env["dunning.action"]
            .sudo()
            .search_count(
                company_domain
                & Domain("state", "in", ("sent", "failed", "handover"))
                & Domain("sealed", "=", False)
            )
        )
        plans = (
            self.env["dunning.payment.plan"]
            .sudo()
            .search_count(
                company_domain & Domain("signed_on", "!=", False) & Domain("sealed", "=", False)
            )
        )
        return actions + plans
