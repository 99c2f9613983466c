# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount, format_date

from ..rules import amount_words, prescription, uploads


class DunningPaymentPlanSignature(models.AbstractModel):
    """The signature of a payment plan, mixed into ``dunning.payment.plan``: the checks of
    the signer and of the amount written in words and figures (art. 1376 C. civ.), the plan
    PDF as acknowledged and the scan kept as evidence, the invoice of the late costs
    acknowledged and the interruption of prescription (art. 2240 C. civ.)."""

    _name = "dunning.payment.plan.signature"
    _description = "Payment Plan Signature"

    # -------------------------------------------------------------------------
    # SIGNATURE
    # -------------------------------------------------------------------------

    def _sign(
        self,
        signer,
        words,
        signed_on=None,
        scan=None,
        scan_name=None,
        *,
        author=None,
        figures=None,
        **signature,
    ):
        """Record the debtor's signature: an acknowledgement of the debt that interrupts the
        prescription of every invoice of the plan (art. 2240 C. civ.).

        ``words``: the amount as the debtor wrote it, checked against the figures (art. 1376
        C. civ.). ``scan``: the signed paper (base64); ``signature``: ``signature`` (image,
        base64) and ``signature_ip`` when signed on the portal; ``author``: the partner who
        signed on the portal, named as the author in the chatter.
        """
        self = self._internal()
        self.ensure_one()
        today = fields.Date.context_today(self)
        signed_on = signed_on or today
        self._check_signable(signer, words, signed_on, today, figures=figures)
        scan_attachment = self._store_scan(scan, scan_name) if scan else None
        if author:
            self._track_set_author(author)
        self.write(
            {
                "state": "signed",
                "signed_by": signer.strip(),
                "signed_on": signed_on,
                "signed_words": words.strip(),
                "signed_figures": (figures or "").strip()[:64] or False,
                "signed_scan_id": scan_attachment.id if scan_attachment else False,
                "penalty_move_id": self._create_late_costs_invoice(signed_on).id,
                **signature,
            }
        )
        self._create_acknowledgement_events(scan_attachment)
        self._store_signed_pdf()
        self.message_post(
            body=self.env._(
                "Plan signed by %(signer)s on %(date)s: the debt of %(amount)s is "
                "acknowledged; prescription is interrupted on every invoice.",
                signer=self.signed_by,
                date=format_date(self.env, signed_on),
                amount=format_amount(self.env, self.amount_total, self.currency_id),
            ),
            attachment_ids=scan_attachment.ids if scan_attachment else [],
            author_id=author.id if author else None,
        )
        return True

    def _check_signable(self, signer, words, signed_on, today, figures=None):
        if self.state not in ("draft", "proposed"):
            raise UserError(self.env._("Plan %(plan)s cannot be signed any more.", plan=self.name))
        if self.state == "proposed" and self.proposal_deadline and self.proposal_deadline < today:
            raise UserError(
                self.env._(
                    "This proposal lapsed on %(date)s: ask us for a new payment plan.",
                    date=format_date(self.env, self.proposal_deadline),
                )
            )
        try:
            uploads.check_signer_name(signer)
        except uploads.UploadError as error:
            raise self.env["ir.attachment"]._dunning_upload_error(error) from error
        # a proposed plan cannot have been signed before it was proposed
        earliest = self.proposal_date or self.date
        if signed_on > today or signed_on < earliest:
            raise UserError(
                self.env._(
                    "The signature date must be between %(date)s (the plan's proposal, or its "
                    "date) and today.",
                    date=format_date(self.env, earliest),
                )
            )
        # the expected words are never given: the debtor writes the amount (art. 1376)
        if not amount_words.matches(words or "", self.amount_total):
            raise UserError(
                self.env._(
                    "The amount written in words (“%(words)s”) is not the amount of the plan. "
                    "Words prevail over figures (art. 1376 C. civ.): the plan cannot be signed "
                    "with a different amount.",
                    words=(words or "").strip()[:200],
                )
            )
        if figures is not None and amount_words.parse_figures(figures) != amount_words.parse_words(
            words
        ):
            raise UserError(
                self.env._(
                    "The amount written in figures (“%(figures)s”) differs from the amount "
                    "written in words: write the same amount twice.",
                    figures=(figures or "").strip()[:64],
                )
            )
        self._check_invoices_still_plannable()

    def _store_signed_pdf(self):
        """Print the plan as signed and keep it: later downloads give this very document."""
        self = self._internal()
        self.ensure_one()
        self.env.flush_all()  # the signature must be in the printed document
        pdf, _type = (
            self.env["ir.actions.report"]
            .sudo()
            ._render_qweb_pdf("recouvrement_amiable.action_report_payment_plan", self.ids)
        )
        self.env.ref("recouvrement_amiable.ir_cron_seal_evidence").sudo()._trigger()
        self.signed_pdf_id = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": f"{self.name.replace('/', '-')} - signé.pdf",
                    "raw": pdf,
                    "res_model": self._name,
                    "res_id": self.id,
                    "mimetype": "application/pdf",
                }
            )
        )

    def _store_scan(self, scan, scan_name):
        return (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": scan_name or f"{self.name} - signé.pdf",
                    "datas": scan,
                    "res_model": self._name,
                    "res_id": self.id,
                }
            )
        )

    def _create_late_costs_invoice(self, invoice_date):
        """The penalties and indemnities acknowledged in the plan become an invoice, so that
        payments are tracked on them like on the others (no VAT: they are damages)."""
        if not self.amount_late_costs:
            return self.env["account.move"]
        journal = self.env["account.journal"].search(
            [
                *self.env["account.journal"]._check_company_domain(self.company_id),
                ("type", "=", "sale"),
            ],
            limit=1,
        )
        if not journal.default_account_id:
            raise UserError(self.env._("A sales journal with a default income account is needed."))
        late_costs = self.env["dunning.run"]._late_costs(
            self.partner_id,
            self.move_ids,
            self.date,
            self.env["dunning.interest.rate"]._rates_by_half(),
        )
        line_vals = []
        for move in self.move_ids:
            costs = late_costs.get(move, {})
            for label, amount in (
                (self.env._("Late-payment penalties, invoice %s", move.name), "penalty_amount"),
                (self.env._("Fixed recovery indemnity, invoice %s", move.name), "indemnity_amount"),
            ):
                if costs.get(amount):
                    line_vals.append(
                        Command.create(
                            {
                                "name": label,
                                "quantity": 1,
                                "price_unit": costs[amount],
                                "account_id": journal.default_account_id.id,
                                "tax_ids": [Command.clear()],
                            }
                        )
                    )
        invoice = (
            self.env["account.move"]
            .sudo()
            .create(
                {
                    "move_type": "out_invoice",
                    "company_id": self.company_id.id,
                    "journal_id": journal.id,
                    "partner_id": self.partner_id.id,
                    "currency_id": self.currency_id.id,
                    "invoice_date": invoice_date,
                    "invoice_date_due": invoice_date,
                    "invoice_origin": self.name,
                    "invoice_line_ids": line_vals,
                }
            )
        )
        # the amounts acknowledged are those of the plan, computed when it was made
        difference = self.currency_id.round(self.amount_late_costs - invoice.amount_total)
        if difference and invoice.invoice_line_ids:
            last = invoice.invoice_line_ids[-1]
            last.price_unit = self.currency_id.round(last.price_unit + difference)
        invoice.action_post()
        invoice.payment_plan_id = self
        return invoice

    def _create_acknowledgement_events(self, scan_attachment):
        self.env["dunning.prescription.event"].sudo().create(
            [
                {
                    "move_id": move.id,
                    "event_type": prescription.PAYMENT_PLAN,
                    "date": self.signed_on,
                    "note": self.env._("Payment plan %s signed", self.name),
                    "attachment_id": scan_attachment.id if scan_attachment else False,
                    "payment_plan_id": self.id,
                }
                for move in self.move_ids
            ]
        )
