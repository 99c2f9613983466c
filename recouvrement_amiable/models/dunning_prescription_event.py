# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from ..rules import prescription

EVENT_TYPES = [
    (prescription.ACKNOWLEDGEMENT, "Acknowledgement of debt"),
    (prescription.PARTIAL_PAYMENT, "Payment"),
    (prescription.PAYMENT_PLAN, "Signed payment plan"),
    (prescription.COURT_CLAIM, "Court claim"),
    (prescription.ENFORCEMENT, "Protective or enforcement measure"),
    (prescription.SUSPENSION, "Mediation / conciliation (suspension)"),
]


class DunningPrescriptionEvent(models.Model):
    """An event that interrupts or suspends the prescription of an invoice (arts. 2230-2244).

    Reminders, calls and formal notices are deliberately not events: they never move the date.
    """

    _name = "dunning.prescription.event"
    _description = "Prescription Event"
    _inherit = ["dunning.evidence.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    move_id = fields.Many2one(
        comodel_name="account.move",
        string="Invoice",
        required=True,
        ondelete="cascade",
        index=True,
        domain="[('move_type', '=', 'out_invoice'), ('state', '=', 'posted')]",
        check_company=True,
    )
    company_id = fields.Many2one(related="move_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(related="move_id.commercial_partner_id", string="Debtor")
    event_type = fields.Selection(selection=EVENT_TYPES, string="Event", required=True)
    effect = fields.Selection(
        selection=[
            ("interruption", "Interruption"),
            ("suspension", "Suspension"),
            ("litigation", "End of the amicable phase"),
        ],
        compute="_compute_effect",
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    end_date = fields.Date(
        string="Suspension End",
        help="Last day of the mediation or conciliation; empty while it is still running.",
    )
    note = fields.Text()
    attachment_id = fields.Many2one(
        comodel_name="ir.attachment",
        string="Proof",
        index="btree_not_null",
        help="Signed acknowledgement, scanned plan, writ, mediation agreement…",
    )
    partial_reconcile_id = fields.Many2one(
        comodel_name="account.partial.reconcile",
        string="Reconciliation",
        ondelete="cascade",
        index="btree_not_null",
        readonly=True,
        help="Set on payments recorded automatically when a payment is reconciled.",
    )
    payment_plan_id = fields.Many2one(
        comodel_name="dunning.payment.plan",
        ondelete="cascade",
        index="btree_not_null",
        readonly=True,
    )
    payment_plan_line_id = fields.Many2one(
        comodel_name="dunning.payment.plan.line",
        string="Instalment",
        ondelete="cascade",
        index="btree_not_null",
        readonly=True,
    )
    is_ignored = fields.Boolean(
        string="After Prescription",
        compute="_compute_is_ignored",
        help="The event came after the debt was prescribed: it revives nothing and the invoice "
        "needs a manual review.",
    )

    # -------------------------------------------------------------------------
    # CRUD METHODS
    # -------------------------------------------------------------------------

    def write(self, vals):
        if not self._is_internal():
            self._check_editable(vals)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_evidence(self):
        if not self._is_internal():
            self._check_editable({})

    def _check_editable(self, vals):
        """Events recorded by the add-on (payments, signed plans) and proofs are evidence."""
        recorded = self.filtered(lambda e: e.partial_reconcile_id or e.payment_plan_id)
        proven = self.filtered("attachment_id")
        if recorded or (proven and (not vals or "attachment_id" in vals)):
            raise UserError(
                self.env._(
                    "This event is evidence (recorded from a payment or a signed plan, or "
                    "proven by a document): it cannot be changed or deleted, nor its proof "
                    "detached."
                )
            )

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends("event_type")
    def _compute_effect(self):
        for event in self:
            if event.event_type == prescription.SUSPENSION:
                event.effect = "suspension"
            elif event.event_type == prescription.COURT_CLAIM:
                event.effect = "litigation"
            else:
                event.effect = "interruption"

    @api.depends("move_id.prescription_date", "date", "event_type", "end_date")
    def _compute_is_ignored(self):
        for move in self.move_id:
            ignored_ids = {ev.key for ev in move._prescription_result().ignored}
            for event in self.filtered(lambda e, move=move: e.move_id == move):
                event.is_ignored = event.id in ignored_ids
        self.filtered(lambda e: not e.move_id).is_ignored = False

    @api.depends("event_type", "date", "move_id")
    def _compute_display_name(self):
        labels = dict(self._fields["event_type"]._description_selection(self.env))
        for event in self:
            event.display_name = "%s — %s" % (
                labels.get(event.event_type, ""),
                format_date(self.env, event.date),
            )

    # -------------------------------------------------------------------------
    # CONSTRAINT METHODS
    # -------------------------------------------------------------------------

    @api.constrains("date", "end_date", "event_type", "move_id")
    def _check_dates(self):
        today = fields.Date.context_today(self)
        for event in self:
            move = event.move_id
            if move.move_type != "out_invoice" or move.state != "posted":
                raise ValidationError(
                    self.env._(
                        "Prescription events can only be recorded on posted customer invoices."
                    )
                )
            if move.invoice_date and event.date < move.invoice_date:
                raise ValidationError(
                    self.env._(
                        "The event of %(date)s is dated before the invoice %(invoice)s "
                        "(%(invoice_date)s).",
                        date=format_date(self.env, event.date),
                        invoice=move.name,
                        invoice_date=format_date(self.env, move.invoice_date),
                    )
                )
            if event.date > today and not event.partial_reconcile_id:
                raise ValidationError(
                    self.env._("A prescription event cannot be dated in the future.")
                )
            if event.end_date and event.event_type != prescription.SUSPENSION:
                raise ValidationError(
                    self.env._("Only a suspension (mediation, conciliation) has an end date.")
                )
            if event.end_date and event.end_date < event.date:
                raise ValidationError(
                    self.env._("The end of a suspension cannot be before its start.")
                )

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _to_rule_event(self):
        self.ensure_one()
        return prescription.Event(self.event_type, self.date, self.end_date, key=self.id)
