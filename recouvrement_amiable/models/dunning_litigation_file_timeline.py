# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import format_date, formatLang, html2plaintext

from ..rules import evidence_bundle


class DunningLitigationFileTimeline(models.AbstractModel):
    """The chronology of a litigation file, mixed into ``dunning.litigation.file``: every
    fact (invoices, communications, plans, payments, prescription events) in date order with
    the name of its proof in the evidence bundle."""

    _name = "dunning.litigation.file.timeline"
    _description = "Litigation File Timeline"

    # -------------------------------------------------------------------------
    # TIMELINE
    # -------------------------------------------------------------------------

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

    # -------------------------------------------------------------------------
    # PIECE NAMES (shared by the timeline and the evidence bundle)
    # -------------------------------------------------------------------------

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
