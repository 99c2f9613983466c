# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

from ..rules import litigation


class DunningLitigationFileDocuments(models.AbstractModel):
    """The documents of each way out of a litigation file, mixed into
    ``dunning.litigation.file``: the small-claims request, the payment order request, the claim
    declaration, the claim to a public body and the request for a mandatement d'office, each
    refused unless the file's way out is theirs and the law allows it."""

    _name = "dunning.litigation.file.documents"
    _description = "Litigation File Documents"

    # -------------------------------------------------------------------------
    # ACTIONS
    # -------------------------------------------------------------------------

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

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

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
