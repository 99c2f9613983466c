# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class DunningScheduledJob(models.AbstractModel):
    """The one way the add-on's scheduled jobs (dunning run, letters, payment plans) work
    through a long list: by batches, each committed with the job's progress, stopping cleanly
    when the scheduler's time is up; the scheduler runs the job again soon for the rest.

    Commits happen inside a scheduled action only: a button, a server action or a test never
    commits half-way.
    """

    _name = "dunning.scheduled.job"
    _description = "Collection Scheduled Job"

    @api.model
    def _in_scheduled_job(self):
        """Whether this runs as a scheduled action: only then may a batch be committed."""
        return bool(self.env.context.get("ir_cron_progress_id"))

    @api.model
    def _process_in_batches(self, items, process, batch_size, commit=True):
        """``process(batch)`` for each slice of ``items`` (a list or a recordset).

        In a scheduled action (and ``commit``), each batch is committed with its progress
        (``ir.cron._commit_progress``); when the job's time is up, the rest is left for the
        next call (the job is partially done: the scheduler runs it again soon). Returns the
        number of items processed.
        """
        commit = commit and self._in_scheduled_job()
        done = 0
        for start in range(0, len(items), batch_size):
            batch = items[start : start + batch_size]
            process(batch)
            done += len(batch)
            if commit:
                remaining = len(items) - done
                time_left = self.env["ir.cron"]._commit_progress(len(batch), remaining=remaining)
                if remaining and not time_left:
                    break
        return done
