# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from datetime import timedelta
from decimal import Decimal

import requests
from stdnum.fr import siren, siret

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import consteq, format_date

from ..rules import legal_category, prescription, recoverability

_logger = logging.getLogger(__name__)
COMPANY_SEARCH_TIMEOUT = 10

DEBTOR_TYPES = [
    (prescription.PROFESSIONAL, "Professional"),
    (prescription.CONSUMER, "Consumer"),
    (prescription.NON_PROFESSIONAL, "Non-professional legal person"),
    (prescription.PUBLIC_BODY, "Public-law debtor"),
]
COLLECTION_FREEZES = [
    (recoverability.INSOLVENCY, "Insolvency proceedings"),
    (recoverability.OVER_INDEBTEDNESS, "Over-indebtedness"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Debtor profile, managed on the commercial entity
    legal_category_code = fields.Char(
        string="INSEE Legal Category",
        size=4,
        help="Four-digit code of the INSEE legal categories nomenclature (5710 SAS, 7210 "
        "commune, 9220 association…), as in the SIRENE register. It proposes the debtor "
        "category, which stays editable.",
    )
    debtor_type = fields.Selection(
        selection=DEBTOR_TYPES,
        compute="_compute_debtor_type",
        tracking=True,
        store=True,
        readonly=False,
        precompute=True,
        help="Sets the prescription period of this debtor's debts and which late-payment "
        "costs may be claimed: consumers 2 years; professionals 5 years, penalties and €40 "
        "(L441-10, D441-5 C. com.); non-professional legal persons (associations, SCI…) 5 "
        "years and no collection cost (L111-8 CPCE), like consumers; public-law debtors "
        "(State, local authority, public establishment or hospital) 4 years from 1 January "
        "after the service, interrupted by every written request, public-procurement "
        "interest and €40 (loi 68-1250, R2192-31, D2192-35).",
    )
    # Freezes of individual collection (law file, section 8)
    collection_freeze = fields.Selection(
        selection=COLLECTION_FREEZES,
        tracking=True,
        help="Insolvency proceedings (L622-21 C. com.) or an admitted over-indebtedness file "
        "(L722-2 C. conso.) stop every individual collection action.",
    )
    insolvency_publication_date = fields.Date(
        string="BODACC Publication Date",
        help="Publication of the opening judgment in the BODACC: the claim must be declared to "
        "the court-appointed representative within two months (L622-24 C. com.).",
    )
    insolvency_judgment_date = fields.Date(
        string="Opening Judgment Date",
        help="Date of the judgment opening the insolvency proceedings (stated in the BODACC "
        "notice): late-payment interest stops on that day (L622-28 C. com.) and no €40 is due "
        "on an invoice falling due from then (L441-10 II). When it is not recorded, the BODACC "
        "publication date is used.",
    )
    claim_declaration_deadline = fields.Date(
        compute="_compute_claim_declaration_deadline",
        store=True,
    )
    claim_declaration_date = fields.Date(
        string="Claim Declared On",
        tracking=True,
        help="Day the claim was declared to the court-appointed representative: the reminders "
        "of the declaration deadline are closed.",
    )
    over_indebtedness_date = fields.Date(string="Over-indebtedness File Admitted On")
    # Dunning
    dunning_policy_id = fields.Many2one(
        comodel_name="dunning.policy",
        help="Overrides the company's default policy for this debtor.",
    )
    dunning_email_invalid = fields.Boolean(
        string="Invalid E-mail Address",
        compute="_compute_dunning_email_invalid",
        search="_search_dunning_email_invalid",
        help="Its e-mails bounced as many times as the company's limit allows: reminders go "
        "by letter until the address is changed (which clears the bounces).",
    )
    dunning_excluded = fields.Boolean(
        string="Excluded from Dunning",
        tracking=True,
        help="No automatic reminder is sent to this debtor.",
    )
    dunning_promise_date = fields.Date(
        string="Promised Payment Date",
        help="No escalation until this date plus the grace period.",
    )
    dunning_promise_amount = fields.Monetary(
        string="Promised Amount", currency_field="dunning_currency_id"
    )
    dunning_currency_id = fields.Many2one(
        comodel_name="res.currency", compute="_compute_dunning_currency_id"
    )
    dunning_last_contact_date = fields.Date(string="Last Dunning Contact", readonly=True)
    dunning_handover_date = fields.Date(
        string="Handed Over to Litigation On",
        readonly=True,
        tracking=True,
        help="The amicable phase ended: the debtor is flagged for litigation handover.",
    )
    dunning_action_count = fields.Integer(compute="_compute_dunning_action_count")
    payment_plan_count = fields.Integer(compute="_compute_payment_plan_count")
    litigation_file_count = fields.Integer(compute="_compute_litigation_file_count")
    late_payment_rate = fields.Float(
        string="Contractual Late-payment Rate (%)",
        digits=(6, 3),
        help="Leave empty to apply the company's rate, or the legal one (ECB rate + 10 "
        "points). At least three times the legal interest rate (L441-10 C. com.).",
    )

    # Collection cockpit
    dunning_user_id = fields.Many2one(
        comodel_name="res.users",
        string="Collection Responsible",
        tracking=True,
        help="Follows this debtor in the collection cockpit; empty: the company's credit "
        "controller.",
    )
    dunning_score = fields.Integer(
        string="Payment Score",
        default=100,
        readonly=True,
        help="Payment behaviour over the last 12 months, from 0 (worst) to 100 (pays on "
        "time): average days late, broken promises, broken plans, disputes. Refreshed every "
        "night; the call list starts with the lowest scores.",
    )

    # EXTENDS base
    def _commercial_fields(self):
        return [
            *super()._commercial_fields(),
            "legal_category_code",
            "debtor_type",
            "collection_freeze",
            "insolvency_publication_date",
            "claim_declaration_date",
            "over_indebtedness_date",
            "dunning_policy_id",
            "dunning_excluded",
            "late_payment_rate",
            "dunning_user_id",
        ]

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends("is_company", "legal_category_code")
    def _compute_debtor_type(self):
        for partner in self:
            partner.debtor_type = legal_category.proposed_category(
                partner.legal_category_code
            ) or legal_category.category_without_code(partner.is_company, partner.debtor_type)

    @api.depends("collection_freeze", "insolvency_publication_date")
    def _compute_claim_declaration_deadline(self):
        for partner in self:
            is_insolvent = partner.collection_freeze == recoverability.INSOLVENCY
            publication = partner.insolvency_publication_date
            partner.claim_declaration_deadline = (
                prescription.claim_declaration_deadline(publication)
                if is_insolvent and publication
                else False
            )

    def _compute_dunning_currency_id(self):
        for partner in self:
            partner.dunning_currency_id = (partner.company_id or self.env.company).currency_id

    def _compute_dunning_action_count(self):
        counts = dict(
            self.env["dunning.action"]._read_group(
                [("partner_id", "in", self.commercial_partner_id.ids)],
                groupby=["partner_id"],
                aggregates=["__count"],
            )
        )
        for partner in self:
            partner.dunning_action_count = counts.get(partner.commercial_partner_id, 0)

    def _compute_payment_plan_count(self):
        counts = dict(
            self.env["dunning.payment.plan"]._read_group(
                [("partner_id", "in", self.commercial_partner_id.ids)],
                groupby=["partner_id"],
                aggregates=["__count"],
            )
        )
        for partner in self:
            partner.payment_plan_count = counts.get(partner.commercial_partner_id, 0)

    def _compute_litigation_file_count(self):
        counts = dict(
            self.env["dunning.litigation.file"]._read_group(
                [("partner_id", "in", self.commercial_partner_id.ids)],
                groupby=["partner_id"],
                aggregates=["__count"],
            )
        )
        for partner in self:
            partner.litigation_file_count = counts.get(partner.commercial_partner_id, 0)

    # -------------------------------------------------------------------------
    # CONSTRAINT METHODS
    # -------------------------------------------------------------------------

    @api.constrains("company_registry", "country_id")
    def _check_french_company_registry(self):
        for partner in self:
            number = (partner.company_registry or "").replace(" ", "").replace(".", "")
            if not number or partner.country_id.code != "FR":
                continue
            validator = {9: siren, 14: siret}.get(len(number))
            if not validator or not validator.is_valid(number):
                raise ValidationError(
                    self.env._(
                        "The SIREN/SIRET number “%(number)s” of %(partner)s is not valid: a "
                        "SIREN has 9 digits and a SIRET 14 digits, with a valid check digit.",
                        number=partner.company_registry,
                        partner=partner.display_name,
                    )
                )

    @api.constrains("legal_category_code")
    def _check_legal_category_code(self):
        for partner in self.filtered("legal_category_code"):
            if not legal_category.is_valid_code(partner.legal_category_code):
                raise ValidationError(
                    self.env._(
                        "The INSEE legal category “%(code)s” of %(partner)s is not valid: it "
                        "has four digits (5710 for a SAS, 7210 for a commune, 9220 for an "
                        "association…).",
                        code=partner.legal_category_code,
                        partner=partner.display_name,
                    )
                )

    @api.constrains("late_payment_rate")
    def _check_late_payment_rate(self):
        for partner in self.filtered("late_payment_rate"):
            partner.env["res.company"]._check_contract_rate_value(partner.late_payment_rate)

    @api.constrains(
        "collection_freeze",
        "insolvency_publication_date",
        "insolvency_judgment_date",
        "claim_declaration_date",
    )
    def _check_insolvency_publication_date(self):
        today = fields.Date.context_today(self)
        for partner in self:
            if partner.claim_declaration_date and partner.claim_declaration_date > today:
                raise ValidationError(
                    self.env._("The claim declaration date cannot be in the future.")
                )
            publication = partner.insolvency_publication_date
            if publication and publication > today:
                raise ValidationError(
                    self.env._("The BODACC publication date cannot be in the future.")
                )
            judgment = partner.insolvency_judgment_date
            if judgment and (judgment > today or (publication and judgment > publication)):
                raise ValidationError(
                    self.env._(
                        "The opening judgment cannot be in the future nor after its BODACC "
                        "publication."
                    )
                )

    def _insolvency_judgment_date(self):
        """The day insolvency proceedings were opened against this debtor, or None: the
        judgment date, else (debtor under the insolvency freeze) the BODACC publication date."""
        self.ensure_one()
        partner = self.commercial_partner_id
        if partner.insolvency_judgment_date:
            return partner.insolvency_judgment_date
        if partner.collection_freeze == recoverability.INSOLVENCY:
            return partner.insolvency_publication_date or None
        return None

    @api.depends("email", "message_bounce")
    @api.depends_context("company")
    def _compute_dunning_email_invalid(self):
        limit = self.env.company.dunning_email_bounce_limit
        for partner in self:
            partner.dunning_email_invalid = bool(partner.email) and (
                partner.message_bounce >= limit
            )

    def _search_dunning_email_invalid(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        invalid = Domain("email", "!=", False) & Domain(
            "message_bounce", ">=", self.env.company.dunning_email_bounce_limit
        )
        return invalid if operator == "in" else ~invalid

    # -------------------------------------------------------------------------
    # CRUD METHODS
    # -------------------------------------------------------------------------

    # EXTENDS base
    def write(self, vals):
        bounced = self.filtered("message_bounce") if "email" in vals else self.browse()
        bounced_addresses = {partner.id: partner.email_normalized for partner in bounced}
        res = super().write(vals)
        # a new address starts with no bounce: its reminders go by e-mail again
        readdressed = bounced.filtered(lambda p: p.email_normalized != bounced_addresses[p.id])
        if readdressed:
            readdressed.write({"message_bounce": 0})
        if vals.get("claim_declaration_date"):
            self._close_claim_declaration_reminders()
        elif {"collection_freeze", "insolvency_publication_date"} & vals.keys():
            self._schedule_claim_declaration()
        return res

    # -------------------------------------------------------------------------
    # ACTION METHODS
    # -------------------------------------------------------------------------

    def action_dunning_run(self):
        """Button "Relancer": run the dunning for these debtors now."""
        moves = self.env["account.move"].search(
            [("commercial_partner_id", "in", self.commercial_partner_id.ids)]
        )
        return moves._action_dunning_run()

    def action_fetch_legal_category(self):
        """Button next to the legal category: read it from the State's public company search
        for the SIREN of the partner; the debtor category follows (still editable). Only who
        may edit the partner (contact creation rights, as the button's group) may."""
        self.ensure_one()
        partner = self.commercial_partner_id
        partner.check_access("write")
        number = partner._french_siren()
        try:
            response = requests.get(
                legal_category.SEARCH_URL,
                params={"q": number, "page": 1, "per_page": 5},
                headers={"Accept": "application/json"},
                timeout=COMPANY_SEARCH_TIMEOUT,
            )
            response.raise_for_status()
            code = legal_category.legal_category_in_search(response.json(), number)
        except (requests.RequestException, ValueError) as error:
            _logger.info("Legal category of SIREN %s not fetched: %s", number, error)
            raise UserError(
                self.env._(
                    "The legal category of SIREN %(siren)s could not be read from the public "
                    "company search (%(reason)s). Type it in from %(url)s.",
                    siren=number,
                    reason=str(error)[:200],
                    url=legal_category.HUMAN_URL.format(siren=number),
                )
            ) from error
        partner.legal_category_code = code
        return True

    def action_resume_dunning(self):
        """Button "Reprendre les relances": the debtor handed over to litigation goes back to
        the amicable phase (the handover stops every automated dunning). Billing users may,
        whether or not they may edit contacts."""
        if not self.env.user.has_group("account.group_account_invoice"):
            raise AccessError(self.env._("Only billing users can resume the dunning of a debtor."))
        for partner in self.commercial_partner_id.filtered("dunning_handover_date"):
            partner.sudo().dunning_handover_date = False
            partner.sudo()._message_log(
                body=self.env._("Amicable dunning resumed by %s.", self.env.user.name),
                author_id=self.env.user.partner_id.id,
            )
        return True

    def action_view_dunning_actions(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "recouvrement_amiable.action_dunning_action"
        )
        action["domain"] = [("partner_id", "in", self.commercial_partner_id.ids)]
        action["context"] = {"search_default_group_state": 0}
        return action

    def action_open_force_contact(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Force a Contact"),
            "res_model": "dunning.force.contact",
            "view_mode": "form",
            "target": "new",
            "context": {"default_partner_id": self.commercial_partner_id.id},
        }

    def action_view_payment_plans(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "recouvrement_amiable.action_dunning_payment_plan"
        )
        action["domain"] = [("partner_id", "in", self.commercial_partner_id.ids)]
        return action

    def action_create_payment_plan(self):
        """Button "Payment plan": the wizard on this debtor's invoices that can go into one."""
        self.ensure_one()
        Plan = self.env["dunning.payment.plan"]
        moves = self._open_invoices_for_statement().filtered(
            lambda move: not Plan._unplannable_reason(move)
        )
        if not moves:
            raise UserError(
                self.env._(
                    "%(debtor)s has no open invoice that can go into a payment plan.",
                    debtor=self.commercial_partner_id.display_name,
                )
            )
        return moves.action_create_payment_plan()

    def action_create_litigation_file(self):
        """Button and server action: the litigation file of each selected debtor today."""
        files = self.env["dunning.litigation.file"]._create_for_debtors(self)
        return files._action_open()

    def action_view_litigation_files(self):
        files = self.env["dunning.litigation.file"].search(
            [("partner_id", "in", self.commercial_partner_id.ids)]
        )
        return files._action_open()

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _french_siren(self):
        """The SIREN of this French partner (first nine digits of its SIREN/SIRET), or a
        refusal saying what is missing."""
        self.ensure_one()
        number = (self.company_registry or "").replace(" ", "").replace(".", "")[:9]
        if self.country_id.code != "FR" or not siren.is_valid(number):
            raise UserError(
                self.env._(
                    "%(partner)s has no French SIREN/SIRET number: record it first to read "
                    "its legal category.",
                    partner=self.display_name,
                )
            )
        return number

    def _collection_responsible(self, company):
        """Who follows this debtor up: its salesperson, the credit controller, or the admin."""
        self.ensure_one()
        return (
            self.commercial_partner_id.user_id
            or company.dunning_responsible_id
            or self.env.ref("base.user_admin", raise_if_not_found=False)
            or self.env.user
        )

    def _portal_debtor_author(self, token_record=None, access_token=None):
        """The partner acting for this debtor on the portal, or a refusal.

        Portal acts (signing a plan, paying an instalment, asking for a plan, disputing an
        invoice) belong to the debtor only: a logged-in portal user of the debtor (its partner
        is the author), or a visitor not logged in holding the valid link (``access_token``
        of ``token_record``, a plan or a communication of this debtor; the debtor is the
        author). Employees record these acts in the back-office; another customer's users
        are refused even with a link.
        """
        self.ensure_one()
        debtor = self.commercial_partner_id
        user = self.env.user
        if user._is_public():
            if (
                token_record
                and access_token
                and token_record.partner_id.commercial_partner_id == debtor
                and consteq(token_record.sudo().access_token or "", access_token)
                and token_record._portal_link_valid()
            ):
                return debtor
        elif user._is_portal() and user.partner_id.commercial_partner_id == debtor:
            return user.partner_id
        raise AccessError(
            self.env._(
                "Only the customer can do this on the portal, logged in or with the link we "
                "sent. Employees record signatures, disputes and payment plans in the "
                "back-office."
            )
        )

    def _open_invoices_for_statement(self):
        """Posted customer invoices of this debtor still to be paid (account statement)."""
        self.ensure_one()
        return self.env["account.move"].search(
            [
                ("commercial_partner_id", "=", self.commercial_partner_id.id),
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("payment_state", "in", ("not_paid", "partial")),
            ],
            order="invoice_date_due, id",
        )

    def _statement_sections(self):
        """The statement's invoices: those claimed (in the total) and those set apart with
        their status (prescribed, disputed or otherwise blocked), never in the total."""
        self.ensure_one()
        moves = self._open_invoices_for_statement()
        apart = moves.filtered(lambda move: move.is_collection_blocked or move.is_prescribed)
        return moves - apart, apart

    def _late_payment_contract_rate(self):
        """Contractual penalty rate of this debtor or its company, None for the legal rate."""
        self.ensure_one()
        rate = self.late_payment_rate or self.env.company.late_payment_rate
        return Decimal(str(rate)) if rate else None

    def _dunning_contact(self):
        """Who receives the communications: the invoicing address of the debtor."""
        self.ensure_one()
        return self.browse(self.address_get(["invoice"])["invoice"])

    def _schedule_claim_declaration(self):
        """Give the responsible accountant the to-dos of the declaration: 30, 15 and 5 days
        before its deadline (those still to come; the deadline itself when none is), once
        each, until the declaration date is recorded."""
        todo = self.env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
        today = fields.Date.context_today(self)
        debtors = self.filtered(
            lambda p: (
                p.claim_declaration_deadline
                and not p.claim_declaration_date
                and p == p.commercial_partner_id
            )
        )
        for partner in debtors:
            deadline = partner.claim_declaration_deadline
            planned = set(partner.activity_ids.mapped("summary"))
            for days in prescription.claim_declaration_reminder_days(deadline, today):
                summary = self._claim_summary(deadline, days)
                if summary in planned:
                    continue
                partner.activity_schedule(
                    activity_type_id=todo.id if todo else False,
                    date_deadline=deadline - timedelta(days=days),
                    summary=summary,
                    note=self.env._(
                        "Declare the claim to the court-appointed representative before "
                        "%(deadline)s (BODACC publication on %(publication)s, L622-24 C. com.), "
                        "then record the declaration date on the debtor.",
                        deadline=format_date(self.env, deadline),
                        publication=format_date(self.env, partner.insolvency_publication_date),
                    ),
                    user_id=self.env.user.id,
                )

    def _close_claim_declaration_reminders(self):
        """The claim is declared: its reminders are done."""
        prefix = self._claim_summary_prefix()
        for partner in self:
            reminders = partner.activity_ids.filtered(
                lambda a: (a.summary or "").startswith(prefix)
            )
            reminders.action_feedback(
                feedback=self.env._(
                    "Claim declared on %s.", format_date(self.env, partner.claim_declaration_date)
                )
            )

    def _claim_summary_prefix(self):
        return self.env._("Declare the claim")

    def _claim_summary(self, deadline, days):
        return self.env._(
            "%(prefix)s before %(deadline)s (D-%(days)s)",
            prefix=self._claim_summary_prefix(),
            deadline=format_date(self.env, deadline),
            days=days,
        )
