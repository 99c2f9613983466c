# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from stdnum.fr import siren, siret

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

from ..rules import prescription, recoverability

DEBTOR_TYPES = [
    (prescription.PROFESSIONAL, "Professional"),
    (prescription.CONSUMER, "Consumer"),
    (prescription.NON_PROFESSIONAL, "Non-professional legal person"),
]
COLLECTION_FREEZES = [
    (recoverability.INSOLVENCY, "Insolvency proceedings"),
    (recoverability.OVER_INDEBTEDNESS, "Over-indebtedness"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Debtor profile, managed on the commercial entity
    debtor_type = fields.Selection(
        selection=DEBTOR_TYPES,
        compute="_compute_debtor_type",
        store=True,
        readonly=False,
        precompute=True,
        help="Sets the prescription period of this debtor's debts and whether late-payment "
        "costs may be claimed: consumers 2 years and never any collection cost (L218-2 and "
        "L111-8), professionals and non-professional legal persons (associations, SCI…) 5 "
        "years.",
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
    claim_declaration_deadline = fields.Date(
        compute="_compute_claim_declaration_deadline",
        store=True,
    )
    over_indebtedness_date = fields.Date(string="Over-indebtedness File Admitted On")

    # EXTENDS base
    def _commercial_fields(self):
        return [
            *super()._commercial_fields(),
            "debtor_type",
            "collection_freeze",
            "insolvency_publication_date",
            "over_indebtedness_date",
        ]

    # COMPUTE METHODS

    @api.depends("is_company")
    def _compute_debtor_type(self):
        for partner in self:
            if partner.is_company:
                partner.debtor_type = prescription.PROFESSIONAL
            elif not partner.debtor_type:
                partner.debtor_type = prescription.CONSUMER

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

    # CONSTRAINT METHODS

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

    @api.constrains("collection_freeze", "insolvency_publication_date")
    def _check_insolvency_publication_date(self):
        today = fields.Date.context_today(self)
        for partner in self:
            publication = partner.insolvency_publication_date
            if publication and publication > today:
                raise ValidationError(
                    self.env._("The BODACC publication date cannot be in the future.")
                )

    # CRUD METHODS

    def write(self, vals):
        res = super().write(vals)
        if {"collection_freeze", "insolvency_publication_date"} & vals.keys():
            self._schedule_claim_declaration()
        return res

    # BUSINESS METHODS

    def _schedule_claim_declaration(self):
        """Give the responsible accountant a to-do: declare the claim before the deadline."""
        todo = self.env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
        debtors = self.filtered(
            lambda p: p.claim_declaration_deadline and p == p.commercial_partner_id
        )
        for partner in debtors:
            if partner.activity_ids.filtered(lambda a: a.summary == self._claim_summary()):
                continue
            partner.activity_schedule(
                activity_type_id=todo.id if todo else False,
                date_deadline=partner.claim_declaration_deadline,
                summary=self._claim_summary(),
                note=self.env._(
                    "Declare the claim to the court-appointed representative before "
                    "%(deadline)s (BODACC publication on %(publication)s, L622-24 C. com.).",
                    deadline=format_date(self.env, partner.claim_declaration_deadline),
                    publication=format_date(self.env, partner.insolvency_publication_date),
                ),
                user_id=self.env.user.id,
            )

    def _claim_summary(self):
        return self.env._("Declare the claim (insolvency proceedings)")
