# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import test_partner
from . import test_prescription
from . import test_collection_status
from . import test_translations
from . import test_dunning_run
from . import test_dunning_guardrails
from . import test_dunning_performance
from . import test_late_costs
from . import test_reports
from . import test_payment_plan
from . import test_portal
from . import test_trust
from . import test_debtor_categories
from . import test_ecb_import
from . import test_cockpit
from . import test_portal_trust
from . import test_litigation_file
from . import test_legal_category
from . import test_scheduled_job
from . import test_dunning_sms
from . import test_delivery_status
from . import test_snailmail_posting
from . import test_dunning_workers
