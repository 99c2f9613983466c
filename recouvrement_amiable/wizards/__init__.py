# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import dunning_call_result
from . import dunning_force_contact
from . import dunning_payment_plan_wizard
from . import dunning_payment_plan_wizard_line
from . import dunning_payment_plan_sign
from . import dunning_payment_plan_cancel
from . import dunning_ageing_wizard
