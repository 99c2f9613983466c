# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SmsTracker(models.Model):
    """The delivery reports of a dunning SMS reach its communication: Odoo deletes an
    ``sms.sms`` once sent and routes the provider's later reports (delivered, undeliverable)
    through its tracker, found by the SMS's UUID."""

    _inherit = "sms.tracker"

    dunning_action_id = fields.Many2one(
        comodel_name="dunning.action",
        string="Dunning Communication",
        index="btree_not_null",
        ondelete="cascade",
        readonly=True,
    )

    # EXTENDS sms
    def _action_update_from_sms_state(self, sms_state, failure_type=False, failure_reason=False):
        result = super()._action_update_from_sms_state(
            sms_state, failure_type=failure_type, failure_reason=failure_reason
        )
        self.dunning_action_id._update_from_sms(sms_state, failure_type)
        return result

    # EXTENDS sms
    def _action_update_from_provider_error(self, provider_error):
        error_status, failure_type, failure_reason = super()._action_update_from_provider_error(
            provider_error
        )
        self.dunning_action_id._update_from_sms("error", failure_type)
        return error_status, failure_type, failure_reason
