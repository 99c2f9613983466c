# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from decimal import Decimal

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import format_date, formatLang

from ..rules import debtor_category, litigation, penalties, prescription, recoverability

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


class DunningLitigationFile(models.Model):
    """The file handed over at the end of the amicable phase: invoices, amounts, prescription,
    the facts in date order with their proofs, the evidence bundle, and the way out."""

    _name = "dunning.litigation.file"
    _description = "Litigation File"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "dunning.evidence.mixin",
        "dunning.litigation.file.timeline",
        "dunning.litigation.file.bundle",
        "dunning.litigation.file.documents",
    ]
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

    # -------------------------------------------------------------------------
    # CRUD METHODS
    # -------------------------------------------------------------------------

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

    # -------------------------------------------------------------------------
    # CONSTRAINT METHODS
    # -------------------------------------------------------------------------

    @api.constrains("chosen_path")
    def _check_chosen_path(self):
        for record in self.filtered("chosen_path"):
            refusal = record._path_refusal_text(record.chosen_path)
            if refusal:
                raise ValidationError(refusal)

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

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

    # -------------------------------------------------------------------------
    # ACTION METHODS
    # -------------------------------------------------------------------------

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

    # -------------------------------------------------------------------------
    # CREATION
    # -------------------------------------------------------------------------

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

    # -------------------------------------------------------------------------
    # THE WAY OUT
    # -------------------------------------------------------------------------

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
