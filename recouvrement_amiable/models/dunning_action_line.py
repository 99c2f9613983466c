# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class DunningActionLine(models.Model):
    """An invoice in a communication, with the amounts as they were on that day (evidence)."""

    _name = "dunning.action.line"
    _description = "Dunning Communication Invoice"
    _order = "invoice_date_due, id"

    action_id = fields.Many2one(
        comodel_name="dunning.action",
        string="Communication",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(comodel_name="res.company", required=True, index=True)
    move_id = fields.Many2one(
        comodel_name="account.move",
        string="Invoice",
        required=True,
        ondelete="restrict",
        index=True,
    )
    level_id = fields.Many2one(
        comodel_name="dunning.level",
        string="Invoice Level",
        help="Level this invoice reached with this communication.",
    )
    is_escalation = fields.Boolean(
        help="The invoice reached a new level with this communication.",
    )
    currency_id = fields.Many2one(comodel_name="res.currency", required=True)
    invoice_date = fields.Date()
    invoice_date_due = fields.Date(string="Due Date")
    days_overdue = fields.Integer()
    amount_total = fields.Monetary(string="Invoice Total")
    amount_residual = fields.Monetary(string="Still Due")
    penalty_amount = fields.Monetary(
        string="Penalties", help="Late-payment penalties up to the date of the communication."
    )
    indemnity_amount = fields.Monetary(
        string="Indemnity", help="Fixed recovery indemnity (€40, D441-5 C. com.)."
    )

    def _counts_as_reached(self):
        """An invoice reaches a level once a communication escalating it went out."""
        self.ensure_one()
        return self.is_escalation and self.action_id.state in ("sent", "failed", "handover")

    # -------------------------------------------------------------------------
    # CRUD METHODS
    # -------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        self.env["dunning.action"]._check_internal_create()
        return super().create(vals_list)

    def write(self, vals):
        self._check_action_open()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sent(self):
        self._check_action_open()

    def _check_action_open(self):
        """Invoices and amounts change with their communication, and only before it is sent."""
        if not self.env["dunning.action"]._is_internal() or self.action_id.filtered(
            lambda a: a.state != "to_approve"
        ):
            raise UserError(
                self.env._(
                    "The invoices and amounts of a communication are set by the collection "
                    "process and never change once it was sent."
                )
            )
