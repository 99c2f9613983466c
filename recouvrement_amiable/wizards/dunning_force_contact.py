# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError


class DunningForceContact(models.TransientModel):
    """A manager contacts a debtor despite the contact cap, with a reason that is logged.

    The legal guardrails still hold: a prescribed, disputed or frozen debt is never dunned.
    """

    _name = "dunning.force.contact"
    _description = "Force a Dunning Contact"

    partner_id = fields.Many2one(comodel_name="res.partner", string="Debtor", required=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        if not self.env.user.has_group("account.group_account_manager"):
            raise UserError(self.env._("Only an accounting manager may force a contact."))
        if not self.reason.strip():
            raise UserError(self.env._("Give the reason for forcing this contact."))
        debtor = self.partner_id.commercial_partner_id
        Run = self.env["dunning.run"]
        today = fields.Date.context_today(self)
        if Run._contact_history(debtor, today).get(debtor.id, {}).get("today"):
            raise UserError(
                self.env._(
                    "%(debtor)s was already contacted today: a debtor is contacted at most once "
                    "a day, even when a contact is forced.",
                    debtor=debtor.display_name,
                )
            )
        moves = self.env["account.move"].search([("commercial_partner_id", "=", debtor.id)])
        actions = Run._run(moves=moves, force_reason=self.reason)
        self.partner_id.commercial_partner_id._message_log(
            body=self.env._(
                "Contact forced by %(user)s: %(reason)s",
                user=self.env.user.name,
                reason=self.reason,
            )
        )
        if not actions:
            raise UserError(
                self.env._("Nothing to send: no recoverable invoice of this debtor is due.")
            )
        return {"type": "ir.actions.act_window_close"}
