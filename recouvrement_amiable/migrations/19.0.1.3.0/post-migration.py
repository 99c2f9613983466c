# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The daily run's first scheduled action, installed before the run became the ``dunning.run``
service, still called ``dunning.action._cron_run_dunning()`` (scheduled actions are
``noupdate`` data): it becomes ``dunning.run._cron_run()`` like the second worker, so that the
workers of the day wake each other up and are counted alike (issue 16)."""

from odoo import SUPERUSER_ID, api

OLD_CODE = "model._cron_run_dunning()"


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    cron = env.ref("recouvrement_amiable.ir_cron_dunning_run", raise_if_not_found=False)
    if cron and (cron.code or "").strip() == OLD_CODE:
        cron.write(
            {"model_id": env["ir.model"]._get_id("dunning.run"), "code": "model._cron_run()"}
        )
