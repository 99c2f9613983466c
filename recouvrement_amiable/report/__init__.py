# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import report_formal_notice
from . import report_evidence_integrity
from . import report_payment_order_request
from . import report_claim_declaration
from . import report_public_claim
from . import report_mandatement_request
