# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Fill the columns the trust release made required before the ORM adds its constraints:
the currency of each communication (that of its invoices) and the company of its lines."""

import logging

from odoo.tools import sql

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    if not sql.column_exists(cr, "dunning_action", "currency_id"):
        sql.create_column(cr, "dunning_action", "currency_id", "int4")
    cr.execute(
        """
        UPDATE dunning_action action
           SET currency_id = sub.currency_id
          FROM (SELECT DISTINCT ON (line.action_id) line.action_id, move.currency_id
                  FROM dunning_action_line line
                  JOIN account_move move ON move.id = line.move_id
              ORDER BY line.action_id, line.id) sub
         WHERE sub.action_id = action.id AND action.currency_id IS NULL
        """
    )
    cr.execute(
        """
        UPDATE dunning_action action
           SET currency_id = company.currency_id
          FROM res_company company
         WHERE company.id = action.company_id AND action.currency_id IS NULL
        """
    )
    if not sql.column_exists(cr, "dunning_action_line", "company_id"):
        sql.create_column(cr, "dunning_action_line", "company_id", "int4")
    cr.execute(
        """
        UPDATE dunning_action_line line
           SET company_id = action.company_id
          FROM dunning_action action
         WHERE action.id = line.action_id AND line.company_id IS NULL
        """
    )
    cr.execute(
        """
        SELECT partner_id, date, count(*)
          FROM dunning_action
         WHERE state IN ('to_approve', 'sent', 'handover')
      GROUP BY partner_id, company_id, currency_id, date
        HAVING count(*) > 1
        """
    )
    for partner_id, day, count in cr.fetchall():
        # evidence is never rewritten: the one-contact-a-day index waits until it is consistent
        _logger.warning(
            "Debtor %s was contacted %s times on %s before this release: the index "
            "enforcing one contact a day cannot be created until those are reviewed.",
            partner_id,
            count,
            day,
        )
