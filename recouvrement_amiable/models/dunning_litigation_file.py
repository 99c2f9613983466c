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
from decimal import Decimal

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import format_date, formatLang, html2plaintext

from ..rules import (
    debtor_category,
    evidence_bundle,
    litigation,
    penalties,
    prescription,
    recoverability,
)

_logger = logging.getLogger(__name__)

STATES = [
    ("draft", "Draft"),
    ("ready", "Ready"),
    ("sent", "Sent"),
    ("closed", "Closed"),
]
TRANSITIONS = {
    "draft": ("ready", "closed"),
    "ready": ("draft", "sent", "closed"),
    "sent": ("closed",),
}
PATHS = [
    (litigation.SMALL_CLAIMS, "Small claims procedure (L125-1 CPCE)"),
    (litigation.PAYMENT_ORDER, "Payment order (injonction de payer)"),
    (litigation.CLAIM_DECLARATION, "Claim declaration (insolvency proceedings)"),
    (litigation.PUBLIC_BODY, "Public-law debtor: formal claim, then mandatement d'office"),
    (litigation.AGENCY, "Collection agency or commissaire de justice"),
    (litigation.NOTHING, "Nothing to do: write-off review"),
]
# What the accountant may change, by state; everything else is written by the add-on.
USER_FIELDS = {
    "draft": {"chosen_path", "court_name", "sent_to", "note", "public_claim_date"},
    "ready": {"chosen_path", "court_name", "sent_to", "note", "public_claim_date"},
    "sent": {"note", "public_claim_date"},
    "closed": {"note"},
}
FREE_FIELDS = {"message_follower_ids", "message_ids", "activity_ids", "message_main_attachment_id"}
INVOICE_REPORT = "account.account_invoices"
INVOICE_BATCH = 50  # invoices rendered per wkhtmltopdf call (bounded memory)


class DunningLitigationFile(models.Model):
    """The file handed over at the end of the amicable phase: invoices, amounts, prescription,
    the facts in date order with their proofs, the evidence bundle, and the way out."""

    _name = "dunning.litigation.file"
    _description = "Litigation File"
    _inherit = ["mail.thread", "mail.activity.mixin", "dunning.evidence.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", required=True, readonly=True, copy=False, default="/")
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        readonly=True,
        index=True,
        default=lambda self: self.env.company,
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Debtor",
        required=True,
        readonly=True,
        index=True,
        check_company=True,
    )
    debtor_type = fields.Selection(related="partner_id.debtor_type")
    date = fields.Date(required=True, readonly=True, default=fields.Date.context_today)
    origin = fields.Selection(
        selection=[("manual", "Created by hand"), ("handover", "End of the amicable phase")],
        required=True,
        readonly=True,
        default="manual",
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        required=True,
        readonly=True,
        help="The company's currency: invoices in another currency are converted as booked.",
    )
    state = fields.Selection(
        selection=STATES, required=True, readonly=True, default="draft", tracking=True, index=True
    )
    user_id = fields.Many2one(
        comodel_name="res.users", string="Responsible", default=lambda self: self.env.user
    )
    line_ids = fields.One2many(
        comodel_name="dunning.litigation.file.line",
        inverse_name="file_id",
        string="Invoices",
        readonly=True,
    )
    # Amounts on the file's date
    amount_principal = fields.Monetary(string="Principal", readonly=True)
    amount_paid = fields.Monetary(string="Payments Received", readonly=True)
    amount_residual = fields.Monetary(string="Principal Still Due", readonly=True)
    amount_penalties = fields.Monetary(string="Penalties", readonly=True)
    amount_indemnities = fields.Monetary(string="Recovery Indemnities", readonly=True)
    amount_balance = fields.Monetary(string="Balance", readonly=True)
    amount_claimable = fields.Monetary(
        string="Principal and Interest not Prescribed",
        readonly=True,
        help="What the small-claims ceiling is compared with (R125-1 CPCE): principal still due "
        "and penalties of the invoices that are not prescribed.",
    )
    missing_rate = fields.Char(
        readonly=True, help="Half-year without rates: its penalties could not be computed."
    )
    # The way out
    recommended_path = fields.Selection(selection=PATHS, readonly=True)
    recommendation = fields.Text(string="Why", readonly=True)
    chosen_path = fields.Selection(selection=PATHS, string="Way Out", tracking=True)
    chosen_path_refusal = fields.Text(compute="_compute_chosen_path_refusal")
    court_name = fields.Char(
        string="Court",
        help="Name of the competent court (payment order), e.g. Tribunal de commerce de Lyon.",
    )
    sent_to = fields.Char(help="Commissaire de justice, lawyer, agency, court or body.")
    public_claim_date = fields.Date(
        string="Claim to the Public Body On",
        tracking=True,
        help="Day the written claim was sent to the public-law debtor (recorded when it is "
        "first printed, editable): it interrupts the four-year prescription (loi 68-1250, "
        "art. 2), and two months later without payment the prefect may be asked for a "
        "mandatement d'office.",
    )
    sent_date = fields.Date(readonly=True)
    closed_date = fields.Date(readonly=True)
    note = fields.Html()
    # Evidence bundle
    bundle_id = fields.Many2one(
        comodel_name="ir.attachment", string="Evidence Bundle", readonly=True, copy=False
    )
    bundle_date = fields.Datetime(readonly=True, copy=False)
    manifest_sha256 = fields.Char(
        string="Manifest SHA-256",
        readonly=True,
        copy=False,
        help="Fingerprint of manifest.json, which lists the SHA-256 of every piece of the bundle.",
    )

    _one_file_a_day = models.UniqueIndex(
        "(company_id, partner_id, date)", "A debtor has one litigation file per day."
    )

    # CRUD METHODS

    @api.model_create_multi
    def create(self, vals_list):
        self._check_internal_create()
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("dunning.litigation.file") or "/"
                )
        return super().create(vals_list)

    def write(self, vals):
        if "state" in vals:
            self._check_state_transition(vals["state"], TRANSITIONS)
        if not self._is_internal():
            for record in self:
                forbidden = set(vals) - USER_FIELDS[record.state] - FREE_FIELDS
                if forbidden:
                    raise UserError(
                        self.env._(
                            "%(file)s: these fields are written by the add-on or the file is "
                            "already sent (%(fields)s).",
                            file=record.display_name,
                            fields=", ".join(sorted(forbidden)),
                        )
                    )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if any(record.state != "draft" for record in self):
            raise UserError(self.env._("Only a draft litigation file can be deleted."))

    # CONSTRAINT METHODS

    @api.constrains("chosen_path")
    def _check_chosen_path(self):
        for record in self.filtered("chosen_path"):
            refusal = record._path_refusal_text(record.chosen_path)
            if refusal:
                raise ValidationError(refusal)

    # COMPUTE METHODS

    @api.depends("chosen_path", "amount_claimable", "line_ids")
    def _compute_chosen_path_refusal(self):
        for record in self:
            record.chosen_path_refusal = (
                record._path_refusal_text(record.chosen_path) if record.chosen_path else False
            )

    @api.depends("name", "partner_id")
    def _compute_display_name(self):
        for record in self:
            record.display_name = " — ".join(
                part for part in (record.name, record.partner_id.name) if part
            )

    # ACTION METHODS

    def action_refresh(self):
        """Take the invoices and amounts again as of today (draft files only)."""
        if self.filtered(lambda f: f.state != "draft"):
            raise UserError(self.env._("Only a draft litigation file can be refreshed."))
        today = fields.Date.context_today(self)
        for record in self._internal():
            record = record.with_context(lang=record._report_lang())  # noqa: PLW2901
            moves = record._open_invoices(record.partner_id, record.company_id)
            record.line_ids.unlink()
            record.write(
                {"date": today}
                | record._prepare_amount_vals(record.partner_id, moves, today, record._rates())
            )
            record._recommend()

    def action_mark_ready(self):
        for record in self:
            if not record.chosen_path:
                raise UserError(
                    self.env._("Choose the way out of %(file)s first.", file=record.display_name)
                )
        self._internal().write({"state": "ready"})

    def action_back_to_draft(self):
        self._internal().write({"state": "draft"})

    def action_mark_sent(self):
        for record in self:
            if not record.sent_to:
                raise UserError(
                    self.env._(
                        "Say to whom %(file)s is sent (commissaire de justice, court, agency…).",
                        file=record.display_name,
                    )
                )
        self._internal().write({"state": "sent", "sent_date": fields.Date.context_today(self)})

    def action_close(self):
        self._internal().write({"state": "closed", "closed_date": fields.Date.context_today(self)})

    def action_build_bundle(self):
        for record in self:
            record._build_bundle()
        return True

    def action_download_bundle(self):
        self.ensure_one()
        if not self.bundle_id:
            self._build_bundle()
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self.bundle_id.id}?download=true",
            "target": "self",
        }

    def _action_open(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "recouvrement_amiable.action_dunning_litigation_file"
        )
        if len(self) == 1:
            action.update({"res_id": self.id, "views": [(False, "form")], "view_mode": "form"})
        else:
            action["domain"] = [("id", "in", self.ids)]
        return action

    def action_print_small_claims_request(self):
        """The request letter to the commissaire de justice (L125-1 CPCE)."""
        self._check_way_out(litigation.SMALL_CLAIMS)
        return self.env.ref(
            "recouvrement_amiable.action_report_small_claims_request"
        ).report_action(self, config=False)

    def action_print_payment_order_request(self):
        """The request for a payment order to the court (art. 1405 to 1407 CPC)."""
        self._check_way_out(litigation.PAYMENT_ORDER)
        return self.env.ref(
            "recouvrement_amiable.action_report_payment_order_request"
        ).report_action(self, config=False)

    def action_print_claim_declaration(self):
        """The claim declaration to the court-appointed representative (L622-24 C. com.)."""
        self._check_way_out(litigation.CLAIM_DECLARATION)
        return self.env.ref("recouvrement_amiable.action_report_claim_declaration").report_action(
            self, config=False
        )

    def action_print_public_claim(self):
        """The written claim to the public-law debtor; its date is recorded the first time."""
        self._check_way_out(litigation.PUBLIC_BODY)
        today = fields.Date.context_today(self)
        for record in self.filtered(lambda r: not r.public_claim_date):
            record._internal().public_claim_date = today
        return self.env.ref("recouvrement_amiable.action_report_public_claim").report_action(
            self, config=False
        )

    def action_print_mandatement_request(self):
        """The request to the prefect for a mandatement d'office (L1612-16 CGCT)."""
        self._check_way_out(litigation.PUBLIC_BODY)
        self._check_mandatement_request()
        return self.env.ref("recouvrement_amiable.action_report_mandatement_request").report_action(
            self, config=False
        )

    def _check_mandatement_request(self):
        today = fields.Date.context_today(self)
        for record in self:
            reason = litigation.mandatement_request_refusal(
                record.partner_id.commercial_partner_id.legal_category_code,
                record.public_claim_date,
                today,
            )
            if reason:
                raise UserError(record._mandatement_refusal_text(reason))

    def _mandatement_refusal_text(self, reason):
        self.ensure_one()
        first_day = litigation.mandatement_request_from(self.public_claim_date)
        return {
            litigation.R_STATE_DEBTOR: self.env._(
                "%(file)s: the State has no prefect above it: after its silence, write to the "
                "supervising minister, then seize the administrative court.",
                file=self.display_name,
            ),
            litigation.R_NO_PUBLIC_CLAIM: self.env._(
                "%(file)s: send the written claim to the public body first.",
                file=self.display_name,
            ),
            litigation.R_PUBLIC_CLAIM_TOO_RECENT: self.env._(
                "%(file)s: the public body has two months to pay after the claim: the prefect "
                "may be asked from %(date)s.",
                file=self.display_name,
                date=format_date(self.env, first_day),
            ),
        }[reason]

    def _check_way_out(self, path):
        """Refuse a document of ``path`` for a file whose way out is another one, or which the
        law does not allow to take it (the reasons are given)."""
        for record in self:
            if record.chosen_path != path:
                raise UserError(
                    self.env._(
                        "%(file)s: choose “%(path)s” as the way out first.",
                        file=record.display_name,
                        path=dict(self._fields["chosen_path"]._description_selection(self.env))[
                            path
                        ],
                    )
                )
            refusal = record._path_refusal_text(path)
            if refusal:
                raise UserError(refusal)

    def _formal_notices(self):
        """The formal notices sent to the debtor of this file, oldest first (pieces)."""
        self.ensure_one()
        return self.env["dunning.action"].search(
            [
                ("partner_id", "=", self.partner_id.commercial_partner_id.id),
                ("company_id", "=", self.company_id.id),
                ("is_formal_notice", "=", True),
                ("state", "=", "sent"),
            ],
            order="date, id",
        )

    # CREATION

    @api.model
    def _create_for_debtors(self, partners, origin="manual", date=None):
        """The litigation file of each debtor on ``date`` (existing ones are returned as they
        are), in the current company: its open customer invoices with their amounts."""
        date = date or fields.Date.context_today(self)
        company = self.env.company
        debtors = partners.commercial_partner_id
        existing = self.search(
            [
                ("company_id", "=", company.id),
                ("partner_id", "in", debtors.ids),
                ("date", "=", date),
            ]
        )
        moves = self._open_invoices(debtors - existing.partner_id, company)
        by_debtor = moves.grouped("commercial_partner_id")
        if origin == "manual":
            empty = debtors - existing.partner_id - moves.commercial_partner_id
            if empty:
                raise UserError(
                    self.env._(
                        "%(debtors)s: no unpaid customer invoice, no litigation file to open.",
                        debtors=", ".join(empty.mapped("display_name")),
                    )
                )
        rates = self._rates()
        # the texts kept on the file are in the language of its documents (the company's)
        documents = self.with_context(lang=company.partner_id.lang or self.env.lang)
        vals_list = [
            {
                "company_id": company.id,
                "partner_id": debtor.id,
                "date": date,
                "origin": origin,
                "currency_id": company.currency_id.id,
                "user_id": debtor._collection_responsible(company).id,
            }
            | documents._prepare_amount_vals(debtor, debtor_moves, date, rates)
            for debtor, debtor_moves in by_debtor.items()
        ]
        files = self._internal().create(vals_list)
        files._recommend()
        return self.browse((existing | files).ids)

    @api.model
    def _create_from_handover(self, actions):
        """End of the amicable phase reached by the dunning run: open the debtors' files."""
        files = self.browse()
        for (company, date), company_actions in actions.grouped(
            lambda a: (a.company_id, a.date)
        ).items():
            files |= self.with_company(company)._create_for_debtors(
                company_actions.partner_id, origin="handover", date=date
            )
        return files

    @api.model
    def _open_invoices(self, debtors, company):
        return self.env["account.move"].search(
            Domain("company_id", "=", company.id)
            & Domain("commercial_partner_id", "in", debtors.ids)
            & self.env["account.move"]._open_invoice_domain(),
            order="invoice_date_due, id",
        )

    @api.model
    def _rates(self):
        return self.env["dunning.interest.rate"]._rates_by_half()

    @api.model
    def _prepare_amount_vals(self, debtor, moves, date, rates):
        """Lines and totals of a file: one query batch for all the invoices."""
        # professionals (L441-10, D441-5 C. com.) and public bodies (R2192-31, D2192-35 CCP)
        category = debtor_category.category(debtor.debtor_type)
        late_costs = category.owes_late_costs
        contract_rate = debtor._late_payment_contract_rate() if late_costs else None
        event_labels = dict(
            self.env["dunning.prescription.event"]
            ._fields["event_type"]
            ._description_selection(self.env)
        )
        moves.prescription_event_ids.fetch(["date", "end_date", "event_type", "move_id"])
        lines, missing = [], False
        judgment = debtor._insolvency_judgment_date()
        for move in moves:
            residual = move.amount_residual_signed
            penalty, detail = Decimal(0), []
            late = move.invoice_date_due and move.invoice_date_due < date
            # insolvency: interest stops at the opening judgment, no €40 when it forbade paying
            until, indemnity_due = (date, True)
            if late:
                until, indemnity_due = penalties.cost_basis_in_insolvency(
                    move.invoice_date, move.invoice_date_due, date, judgment
                )
            if late_costs and late and residual > 0:
                try:
                    periods = penalties.late_penalty_periods(
                        residual,
                        move.invoice_date_due,
                        until,
                        rates,
                        contract_rate,
                        margin_points=category.penalty_margin_points,
                        fixed_at_start=category.penalty_rate_fixed_per_half_year,
                    )
                except penalties.MissingRate as error:
                    missing = f"{error.year} S{error.half}"
                    periods = []
                for first, last, days, rate, value in periods:
                    detail.append(
                        self.env._(
                            "%(first)s to %(last)s: %(days)s days at %(rate)s %%",
                            first=format_date(self.env, first),
                            last=format_date(self.env, last),
                            days=days,
                            rate=formatLang(self.env, float(rate), digits=2),
                        )
                    )
                    penalty += value
            prescribed = prescription.is_prescribed(move.prescription_date, date)
            lines.append(
                (
                    0,
                    0,
                    {
                        "move_id": move.id,
                        "invoice_date": move.invoice_date,
                        "invoice_date_due": move.invoice_date_due,
                        "amount_total": move.amount_total_signed,
                        "amount_paid": move.amount_total_signed - residual,
                        "amount_residual": residual,
                        "penalty_amount": float(penalties.round_cents(penalty)),
                        "penalty_detail": "\n".join(detail),
                        "indemnity_amount": float(
                            penalties.fixed_indemnity(debtor.debtor_type, late and indemnity_due)
                        )
                        if late_costs
                        else 0.0,
                        "prescription_date": move.prescription_date,
                        "prescription_detail": self._prescription_detail(move, event_labels),
                        "is_prescribed": prescribed,
                        "is_disputed": move.is_disputed,
                    },
                )
            )
        values = [line[2] for line in lines]
        total = sum(v["amount_total"] for v in values)
        residual = sum(v["amount_residual"] for v in values)
        penalty = sum(v["penalty_amount"] for v in values)
        indemnity = sum(v["indemnity_amount"] for v in values)
        return {
            "line_ids": lines,
            "amount_principal": total,
            "amount_paid": total - residual,
            "amount_residual": residual,
            "amount_penalties": penalty,
            "amount_indemnities": indemnity,
            "amount_balance": residual + penalty + indemnity,
            "amount_claimable": sum(
                v["amount_residual"] + v["penalty_amount"] for v in values if not v["is_prescribed"]
            ),
            "missing_rate": missing,
        }

    def _prescription_detail(self, move, labels):
        """The events that moved the prescription date of ``move``, in date order."""
        rows = []
        for event in move.prescription_event_ids.sorted(lambda e: (e.date, e.id)):
            row = f"{format_date(self.env, event.date)} {labels.get(event.event_type, '')}"
            if event.end_date:
                row += self.env._(" until %s", format_date(self.env, event.end_date))
            if move.prescription_date and event.date > move.prescription_date:
                row += self.env._(" (after prescription: no effect)")
            rows.append(row)
        return "\n".join(rows)

    # THE WAY OUT

    def _facts(self):
        self.ensure_one()
        alive = self.line_ids.filtered(lambda line: not line.is_prescribed)
        freeze = self.partner_id.collection_freeze
        return litigation.Facts(
            amount=Decimal(str(self.amount_claimable)),
            debtor_type=self.partner_id.debtor_type or prescription.PROFESSIONAL,
            prescribed_count=len(self.line_ids) - len(alive),
            recoverable_count=len(alive.filtered(lambda line: line.amount_residual > 0)),
            disputed=any(alive.mapped("is_disputed")),
            insolvency=freeze == recoverability.INSOLVENCY,
            over_indebtedness=freeze == recoverability.OVER_INDEBTEDNESS,
            ceiling=Decimal(str(self.company_id.litigation_small_claims_ceiling)),
        )

    def _recommend(self):
        """Choose the way out from the law and say why; the accountant may choose another."""
        for record in self._internal():
            record = record.with_context(lang=record._report_lang())  # noqa: PLW2901
            path, reasons = litigation.recommend(record._facts())
            texts = record._reason_texts()
            record.write(
                {
                    "recommended_path": path,
                    "recommendation": "\n".join(texts[reason] for reason in reasons),
                    "chosen_path": record.chosen_path or path,
                }
            )

    def _path_refusal_text(self, path):
        self.ensure_one()
        reasons = litigation.refusals(path, self._facts())
        if not reasons:
            return False
        texts = self._reason_texts()
        return self.env._(
            "%(path)s is not possible for %(file)s: %(reasons)s",
            path=dict(self._fields["chosen_path"]._description_selection(self.env))[path],
            file=self.display_name,
            reasons=" ".join(texts[reason] for reason in reasons),
        )

    def _reason_texts(self):
        self.ensure_one()
        ceiling = formatLang(
            self.env, self.company_id.litigation_small_claims_ceiling, currency_obj=self.currency_id
        )
        amount = formatLang(self.env, self.amount_claimable, currency_obj=self.currency_id)
        return {
            litigation.R_PRESCRIBED: self.env._(
                "Every invoice is prescribed: a prescribed debt is not taken to court (review "
                "it for a write-off)."
            ),
            litigation.R_NOTHING_DUE: self.env._("Nothing is due any more."),
            litigation.R_INSOLVENCY: self.env._(
                "The debtor is in insolvency proceedings: individual actions are stopped "
                "(L622-21 C. com.), the claim is declared to the mandataire judiciaire "
                "(L622-24)."
            ),
            litigation.R_OVER_INDEBTEDNESS: self.env._(
                "The debtor's over-indebtedness file was admitted: collection is frozen "
                "(L722-2 C. conso.)."
            ),
            litigation.R_PUBLIC_BODY: self.env._(
                "The debtor is a public-law body: its property cannot be seized; formal claim, "
                "then mandatement d'office by the prefect (loi 68-1250); no small-claims "
                "procedure."
            ),
            litigation.R_DISPUTED: self.env._(
                "An invoice is disputed: the debt is not certain; it needs an ordinary court "
                "claim (commissaire de justice or lawyer)."
            ),
            litigation.R_OVER_CEILING: self.env._(
                "Principal and interest not prescribed (%(amount)s) exceed %(ceiling)s: no "
                "small-claims procedure (R125-1 CPCE); a payment order (art. 1405 CPC) fits "
                "a contractual, certain, liquid and due claim.",
                amount=amount,
                ceiling=ceiling,
            ),
            litigation.R_UNDER_CEILING: self.env._(
                "Principal and interest not prescribed (%(amount)s) are at most %(ceiling)s, "
                "the debt is contractual, not disputed, not prescribed, the debtor is neither a "
                "public body nor insolvent: small-claims procedure by a commissaire de justice "
                "(L125-1 and R125-1 CPCE).",
                amount=amount,
                ceiling=ceiling,
            ),
            litigation.R_NOT_CONTRACTUAL: self.env._(
                "A payment order needs a contractual claim (art. 1405 CPC)."
            ),
            litigation.R_NOT_INSOLVENT: self.env._("The debtor is not in insolvency proceedings."),
            litigation.R_NOT_PUBLIC_BODY: self.env._("The debtor is not a public-law body."),
            litigation.R_NOT_PRESCRIBED: self.env._(
                "Some invoices are neither prescribed nor frozen: they can still be claimed."
            ),
            litigation.R_SOME_PRESCRIBED: self.env._(
                "Prescribed invoices are left out of the claim and reviewed for a write-off."
            ),
            litigation.R_AGENCY: self.env._(
                "No simplified procedure fits: hand the file to a commissaire de justice or a "
                "collection agency."
            ),
        }

    # TIMELINE

    def _timeline_entries(self):
        """Every fact of the file in date order: {date, fact, proof}."""
        self.ensure_one()
        entries = []
        moves = self.line_ids.move_id
        money = self._money
        for move in moves:
            proof = self._invoice_piece_name(move)
            entries.append(
                (
                    move.invoice_date,
                    0,
                    self.env._(
                        "Invoice %(name)s issued: %(amount)s",
                        name=move.name,
                        amount=money(move.amount_total_signed),
                    ),
                    proof,
                )
            )
            if move.invoice_date_due:
                entries.append(
                    (
                        move.invoice_date_due,
                        1,
                        self.env._("Invoice %(name)s falls due", name=move.name),
                        proof,
                    )
                )
            if move.dispute_date:
                status = (
                    self.env._("still disputed")
                    if move.is_disputed
                    else self.env._("dispute settled")
                )
                entries.append(
                    (
                        move.dispute_date,
                        5,
                        self.env._(
                            "Invoice %(name)s disputed: %(reason)s (%(status)s)",
                            name=move.name,
                            reason=move.dispute_reason or "",
                            status=status,
                        ),
                        self.env._("Invoice history"),
                    )
                )
        entries += self._timeline_communications()
        entries += self._timeline_plans()
        entries += self._timeline_payments(moves)
        entries += self._timeline_events(moves)
        if self.manifest_sha256:
            entries.append(
                (
                    self.bundle_date.date(),
                    9,
                    self.env._("Evidence bundle built: manifest SHA-256 %s", self.manifest_sha256),
                    evidence_bundle.MANIFEST_JSON,
                )
            )
        entries.sort(key=lambda entry: (entry[0] or fields.Date.today(), entry[1]))
        return [{"date": entry[0], "fact": entry[2], "proof": entry[3]} for entry in entries]

    def _money(self, amount):
        return formatLang(self.env, amount, currency_obj=self.currency_id)

    def _debtor_actions(self):
        return self.env["dunning.action"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("partner_id", "=", self.partner_id.id),
                ("state", "in", ("sent", "failed", "handover")),
            ],
            order="date, id",
        )

    def _timeline_communications(self):
        entries = []
        actions = self._debtor_actions()
        labels = {
            "channel_email": self.env._("e-mail"),
            "channel_letter": self.env._("letter"),
            "channel_phone": self.env._("phone call"),
        }
        for action in actions:
            channels = ", ".join(label for name, label in labels.items() if action[name])
            proofs = []
            if action.letter_attachment_id:
                proofs.append(self._letter_piece_name(action))
            if action.message_id:
                proofs.append(self._email_piece_name(action))
            if action.state == "handover":
                fact = self.env._(
                    "End of the amicable phase: %(amount)s due, handed over to litigation",
                    amount=self._money(action.amount_due),
                )
            else:
                fact = self.env._(
                    "%(level)s (%(channels)s): %(amount)s claimed",
                    level=action.level_id.name,
                    channels=channels or "-",
                    amount=formatLang(
                        self.env, action.amount_claimed, currency_obj=action.currency_id
                    ),
                )
                if action.state == "failed":
                    fact += self.env._(" — not delivered: %s", action.failure_reason or "")
            proof = ", ".join(proofs) or self.env._("Communication %s", action._letter_reference())
            entries.append((action.date, 2, fact, proof))
            if action.lrar_number:
                receipt = self._receipt_piece_name(action) if action.lrar_receipt_id else ""
                status = dict(action._fields["lrar_status"]._description_selection(self.env)).get(
                    action.lrar_status, ""
                )
                if action.lrar_deposit_date:
                    entries.append(
                        (
                            action.lrar_deposit_date,
                            3,
                            self.env._(
                                "Registered letter %(number)s posted", number=action.lrar_number
                            ),
                            self._letter_piece_name(action),
                        )
                    )
                if action.lrar_presentation_date:
                    entries.append(
                        (
                            action.lrar_presentation_date,
                            3,
                            self.env._(
                                "Registered letter %(number)s first presented (%(status)s)",
                                number=action.lrar_number,
                                status=status or self.env._("status not recorded"),
                            ),
                            receipt or self.env._("La Poste tracking"),
                        )
                    )
        notes = self.env["mail.message"].search(
            [
                ("model", "=", "dunning.action"),
                ("res_id", "in", actions.ids),
                ("message_type", "in", ("comment", "notification")),
                ("id", "not in", actions.message_id.ids),
            ],
            order="date, id",
        )
        by_id = {action.id: action for action in actions}
        for message in notes:
            text = html2plaintext(message.body or "").strip()
            if not text:
                continue
            action = by_id[message.res_id]
            entries.append(
                (
                    message.date.date(),
                    4,
                    self.env._(
                        "Note on %(communication)s: %(text)s",
                        communication=action._letter_reference(),
                        text=text,
                    ),
                    self.env._("History of the communication"),
                )
            )
        return entries

    def _debtor_plans(self):
        return self.env["dunning.payment.plan"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("partner_id", "=", self.partner_id.id),
                ("state", "!=", "draft"),
            ],
            order="date, id",
        )

    def _timeline_plans(self):
        entries = []
        for plan in self._debtor_plans():
            amount = formatLang(self.env, plan.amount_total, currency_obj=plan.currency_id)
            if plan.proposal_date:
                entries.append(
                    (
                        plan.proposal_date,
                        6,
                        self.env._(
                            "Payment plan %(plan)s proposed: %(amount)s",
                            plan=plan.name,
                            amount=amount,
                        ),
                        self.env._("History of the plan"),
                    )
                )
            if plan.signed_on:
                entries.append(
                    (
                        plan.signed_on,
                        6,
                        self.env._(
                            "Payment plan %(plan)s signed by %(who)s (acknowledgement of "
                            "%(amount)s)",
                            plan=plan.name,
                            who=plan.signed_by or plan.partner_id.name,
                            amount=amount,
                        ),
                        self._plan_piece_name(plan)
                        if plan.signed_pdf_id
                        else self.env._("History of the plan"),
                    )
                )
            for line in plan.line_ids.filtered("paid_date"):
                entries.append(
                    (
                        line.paid_date,
                        7,
                        self.env._(
                            "Instalment of %(due)s of plan %(plan)s paid: %(amount)s",
                            due=format_date(self.env, line.due_date),
                            plan=plan.name,
                            amount=formatLang(self.env, line.amount, currency_obj=plan.currency_id),
                        ),
                        self.env._("Accounting payment"),
                    )
                )
            if plan.broken_date:
                entries.append(
                    (
                        plan.broken_date,
                        7,
                        self.env._(
                            "Payment plan %(plan)s broken: the balance fell due", plan=plan.name
                        ),
                        self.env._("History of the plan"),
                    )
                )
            if plan.completed_date:
                entries.append(
                    (
                        plan.completed_date,
                        7,
                        self.env._("Payment plan %(plan)s completed", plan=plan.name),
                        self.env._("History of the plan"),
                    )
                )
        return entries

    def _timeline_payments(self, moves):
        entries = []
        receivables = moves.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        for partial in receivables.matched_credit_ids.sorted(lambda p: (p.max_date, p.id)):
            invoice = partial.debit_move_id.move_id
            source = partial.credit_move_id.move_id
            entries.append(
                (
                    partial.max_date,
                    7,
                    self.env._(
                        "%(entry)s settles %(amount)s of invoice %(invoice)s",
                        entry=source.name,
                        amount=formatLang(
                            self.env, partial.amount, currency_obj=partial.company_currency_id
                        ),
                        invoice=invoice.name,
                    ),
                    self.env._("Accounting entry %s", source.name),
                )
            )
        return entries

    def _timeline_events(self, moves):
        entries = []
        labels = dict(
            self.env["dunning.prescription.event"]
            ._fields["event_type"]
            ._description_selection(self.env)
        )
        for event in moves.prescription_event_ids.sorted(lambda e: (e.date, e.id)):
            if event.partial_reconcile_id:
                continue  # the payment itself is on the timeline
            proof = (
                self._event_piece_name(event)
                if event.attachment_id
                else self.env._("No document attached")
            )
            fact = self.env._(
                "Prescription of %(invoice)s: %(event)s%(note)s",
                invoice=event.move_id.name,
                event=labels.get(event.event_type, ""),
                note=f" — {event.note}" if event.note else "",
            )
            entries.append((event.date, 8, fact, proof))
        return entries

    # EVIDENCE BUNDLE: piece names (shared by the bundle and the timeline)

    def _invoice_piece_name(self, move):
        return f"factures/{evidence_bundle.safe_name(move.name)}.pdf"

    def _letter_piece_name(self, action):
        name = evidence_bundle.safe_name(action.letter_attachment_id.name or "courrier.pdf")
        return f"courriers/{action._letter_reference()}-{name}"

    def _receipt_piece_name(self, action):
        name = evidence_bundle.safe_name(action.lrar_receipt_id.name or "accuse.pdf")
        return f"accuses-reception/{action._letter_reference()}-{name}"

    def _email_piece_name(self, action):
        return f"emails/{action._letter_reference()}.eml"

    def _plan_piece_name(self, plan):
        return f"echeanciers/{evidence_bundle.safe_name(plan.name)}-signe.pdf"

    def _plan_scan_piece_name(self, plan):
        name = evidence_bundle.safe_name(plan.signed_scan_id.name or "scan.pdf")
        return f"echeanciers/{evidence_bundle.safe_name(plan.name)}-scan-{name}"

    def _event_piece_name(self, event):
        name = evidence_bundle.safe_name(event.attachment_id.name or "preuve")
        return f"preuves/{evidence_bundle.safe_name(event.move_id.name)}-{event.id}-{name}"

    # EVIDENCE BUNDLE: building

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
