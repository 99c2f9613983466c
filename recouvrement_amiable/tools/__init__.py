# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Technical helpers of the add-on that need no database (no business rule: see ``rules/``).

Each module imports only Odoo's libraries (``odoo.tools``), never models, so that it is
unit-tested in ``unit_tests/`` without a running Odoo.
"""
