# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import importlib.util
from unittest.mock import call, patch

from odoo.tests import TransactionCase, tagged
from odoo.tools.misc import file_path


@tagged("post_install", "-at_install")
class TestScheduledJob(TransactionCase):
    """The one batch-and-commit loop of the scheduled jobs (run, letters, plans)."""

    def _process(self, job, items, commit=True, time_left=()):
        seen = []
        with patch.object(
            type(self.env["ir.cron"]), "_commit_progress", side_effect=list(time_left)
        ) as progress:
            done = job._process_in_batches(items, seen.append, 2, commit=commit)
        return done, seen, progress

    def test_never_commits_outside_a_scheduled_action(self):
        done, seen, progress = self._process(self.env["dunning.scheduled.job"], list(range(5)))
        self.assertEqual(done, 5)
        self.assertEqual(seen, [[0, 1], [2, 3], [4]])
        progress.assert_not_called()

    def test_a_button_in_a_scheduled_action_never_commits(self):
        job = self.env["dunning.scheduled.job"].with_context(ir_cron_progress_id=1)
        done, _seen, progress = self._process(job, list(range(5)), commit=False)
        self.assertEqual(done, 5)
        progress.assert_not_called()

    def test_commits_each_batch_and_stops_when_the_time_is_up(self):
        job = self.env["dunning.scheduled.job"].with_context(ir_cron_progress_id=1)
        done, seen, progress = self._process(job, list(range(7)), time_left=[60.0, 0.0])
        self.assertEqual(done, 4, "the rest is left for the next call of the job")
        self.assertEqual(seen, [[0, 1], [2, 3]])
        self.assertEqual(progress.call_args_list, [call(2, remaining=5), call(2, remaining=3)])

    def test_last_batch_done_when_the_time_is_up(self):
        job = self.env["dunning.scheduled.job"].with_context(ir_cron_progress_id=1)
        done, _seen, progress = self._process(job, list(range(4)), time_left=[60.0, 0.0])
        self.assertEqual(done, 4)
        self.assertEqual(progress.call_args_list, [call(2, remaining=2), call(2, remaining=0)])


@tagged("post_install", "-at_install")
class TestRunCronMigration(TransactionCase):
    """19.0.1.3.0: the first worker of databases installed before ``dunning.run`` existed."""

    def _migrate(self, version="19.0.1.2.0"):
        path = file_path("recouvrement_amiable/migrations/19.0.1.3.0/post-migration.py")
        spec = importlib.util.spec_from_file_location("ra_post_migration_1_3", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.migrate(self.env.cr, version)

    def test_old_scheduled_action_becomes_a_worker_of_the_run(self):
        cron = self.env.ref("recouvrement_amiable.ir_cron_dunning_run")
        cron.write(
            {
                "model_id": self.env["ir.model"]._get_id("dunning.action"),
                "code": "model._cron_run_dunning()",
            }
        )
        self._migrate()
        cron.invalidate_recordset()
        self.assertEqual((cron.model_id.model, cron.code), ("dunning.run", "model._cron_run()"))
        worker_2 = self.env.ref("recouvrement_amiable.ir_cron_dunning_run_worker_2")
        self.assertEqual((worker_2.model_id, worker_2.code), (cron.model_id, cron.code))

    def test_a_changed_scheduled_action_is_left_alone(self):
        cron = self.env.ref("recouvrement_amiable.ir_cron_dunning_run")
        cron.code = "model._cron_run()\n# the company's note"
        self._migrate()
        self.assertEqual(cron.code, "model._cron_run()\n# the company's note")
