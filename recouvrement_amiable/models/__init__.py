# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import res_partner
from . import dunning_prescription_event
from . import account_move
from . import account_partial_reconcile
