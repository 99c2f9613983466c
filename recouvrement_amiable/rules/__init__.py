# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Business rules that need no database.

Plain functions only: no Odoo import anywhere in this package, so that the rules are
unit-tested without Odoo (``unit_tests/``) and called by the models.
"""
