# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class DunningLitigationFileLine(models.Model):
    """One invoice of a litigation file, with its amounts and prescription on the file's date."""

    _name = "dunning.litigation.file.line"
    _description = "Litigation File Invoice"
    _inherit = ["dunning.evidence.mixin"]
    _order = "invoice_date_due, id"
    _check_company_auto = True

    file_id = fields.Many2one(
        comodel_name="dunning.litigation.file",
        required=True,
        ondelete="cascade",
        index=True,
        readonly=True,
    )
    company_id = fields.Many2one(related="file_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="file_id.currency_id")
    move_id = fields.Many2one(
        comodel_name="account.move",
        string="Invoice",
        required=True,
        index=True,
        readonly=True,
        check_company=True,
    )
    invoice_date = fields.Date(readonly=True)
    invoice_date_due = fields.Date(string="Due Date", readonly=True)
    amount_total = fields.Monetary(string="Principal", readonly=True)
    amount_paid = fields.Monetary(string="Payments Received", readonly=True)
    amount_residual = fields.Monetary(string="Principal Still Due", readonly=True)
    penalty_amount = fields.Monetary(string="Penalties", readonly=True)
    penalty_detail = fields.Text(
        string="Penalties by Half-year",
        readonly=True,
        help="Period, days and rate of each half-year.",
    )
    indemnity_amount = fields.Monetary(string="Recovery Indemnity", readonly=True)
    prescription_date = fields.Date(readonly=True)
    prescription_detail = fields.Text(
        string="Events that Moved the Prescription",
        readonly=True,
        help="Acknowledgements, payments, signed plans, suspensions… with their dates.",
    )
    is_prescribed = fields.Boolean(string="Prescribed", readonly=True)
    is_disputed = fields.Boolean(string="Disputed", readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        self._check_internal_create()
        return super().create(vals_list)

    def write(self, vals):
        if not self._is_internal():
            raise UserError(
                self.env._(
                    "The invoices of a litigation file are taken from the accounts: refresh "
                    "the file instead of changing them."
                )
            )
        return super().write(vals)
