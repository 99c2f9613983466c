# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import dunning_evidence_mixin
from . import dunning_evidence
from . import res_company
from . import res_config_settings
from . import res_partner
from . import dunning_prescription_event
from . import dunning_policy
from . import dunning_interest_rate
from . import dunning_level
from . import dunning_action
from . import dunning_action_line
from . import account_move
from . import account_partial_reconcile
from . import mail_mail
from . import ir_attachment
from . import ir_actions_report
from . import dunning_payment_plan
from . import dunning_payment_plan_line
from . import mail_template
from . import mail_message
from . import dunning_litigation_file
from . import dunning_litigation_file_line
