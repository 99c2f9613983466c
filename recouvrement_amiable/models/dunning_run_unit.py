# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class DunningRunUnit(models.Model):
    """A work unit of the day's scheduled dunning run: a batch of debtors.

    The first worker of the day splits the run into units; every worker (each copy of the
    scheduled action, run by Odoo's cron workers) then claims units one by one with a row lock
    that skips the units another worker holds, contacts their debtors and commits the unit as
    done. A work queue, not evidence: the units of earlier days are removed when a new day is
    planned.
    """

    _name = "dunning.run.unit"
    _description = "Dunning Run Work Unit"
    _order = "date desc, sequence"

    date = fields.Date(required=True, readonly=True, index=True)
    sequence = fields.Integer(required=True, readonly=True)
    partner_ids = fields.Many2many(
        "res.partner",
        "dunning_run_unit_partner_rel",
        "unit_id",
        "partner_id",
        string="Debtors",
        readonly=True,
    )
    state = fields.Selection(
        [("todo", "To Do"), ("done", "Done")], default="todo", required=True, readonly=True
    )
    worker = fields.Char(readonly=True, help="Process that did the unit (host:pid/thread).")
    started_at = fields.Datetime(readonly=True)
    done_at = fields.Datetime(readonly=True)
    action_count = fields.Integer(string="Communications", readonly=True)

    _date_sequence_uniq = models.Constraint(
        "unique(date, sequence)", "A day's run is split into work units once."
    )
