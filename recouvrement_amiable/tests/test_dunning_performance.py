# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import tagged

from .common import DunningCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-06-10")
class TestDunningPerformance(DunningCommon):
    """The run's query count does not grow with the number of invoices per debtor."""

    def _debtor_with_invoices(self, name, count):
        debtor = self.env["res.partner"].create(
            {"name": name, "is_company": True, "email": f"{name}@example.com"}
        )
        return self.env["account.move"].union(
            *(self._invoice(debtor, "2026-05-25", amount=100.0 + i) for i in range(count))
        )

    def _count_queries(self, moves):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        actions = self._run(moves)
        self.env.flush_all()
        return self.env.cr.sql_log_count - before, actions

    def test_query_count_independent_of_invoices_per_debtor(self):
        # warm-up: template compilation, registry caches
        self._count_queries(self._debtor_with_invoices("warmup", 1))
        few, few_actions = self._count_queries(self._debtor_with_invoices("few", 2))
        many, many_actions = self._count_queries(self._debtor_with_invoices("many", 12))
        self.assertEqual(len(few_actions.line_ids), 2)
        self.assertEqual(len(many_actions.line_ids), 12)
        self.assertEqual(few, many, "one query per invoice crept into the run")

    def _queries_per_extra_debtor(self, prefix):
        self._count_queries(self._debtor_with_invoices(f"{prefix}warmup", 1))
        three = self.env["account.move"].union(
            *(self._debtor_with_invoices(f"{prefix}three{i}", 2) for i in range(3))
        )
        six = self.env["account.move"].union(
            *(self._debtor_with_invoices(f"{prefix}six{i}", 2) for i in range(6))
        )
        for_three, _actions = self._count_queries(three)
        for_six, _actions = self._count_queries(six)
        return (for_six - for_three) / 3

    def test_queries_per_extra_debtor_are_few(self):
        per_debtor = self._queries_per_extra_debtor("own")
        self.assertLessEqual(per_debtor, 25, f"{per_debtor} queries per extra debtor")

    def test_shipped_default_policy_costs_no_query_per_debtor(self):
        own_policy = self._queries_per_extra_debtor("own")
        self.env.company.dunning_policy_id = False  # the shipped policy, as in the benchmark
        self.assertEqual(self.env.company._dunning_policy(), self.policy)
        shipped = self._queries_per_extra_debtor("shipped")
        self.assertEqual(shipped, own_policy, "the shipped policy was looked up per debtor")

    def test_work_units_find_their_invoices_through_indexes(self):
        # each work unit looks up the open invoices of its debtors: never a scan of them all
        self.env.cr.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE indexname IN %s",
            [
                (
                    "account_move_dunning_open_invoices_idx",
                    "account_move_line_dunning_no_followup_idx",
                )
            ],
        )
        definitions = dict(self.env.cr.fetchall())
        self.assertIn(
            "(commercial_partner_id) WHERE", definitions["account_move_dunning_open_invoices_idx"]
        )
        self.assertIn(
            "no_followup IS TRUE", definitions["account_move_line_dunning_no_followup_idx"]
        )

    def test_shipped_templates_recipient_and_language_need_no_safe_eval(self):
        # Odoo renders the language at each step of the composer: as plain field paths, it
        # reads them from the record instead of compiling and checking them with safe_eval
        render = self.env["mail.render.mixin"]
        templates = self.env["mail.template"].search(
            [("model", "in", ("dunning.action", "dunning.payment.plan"))]
        )
        self.assertGreaterEqual(len(templates), 4)
        for template in templates:
            for fname in ("partner_to", "lang"):
                self.assertFalse(
                    render._has_unsafe_expression_template_inline_template(
                        template[fname], template.model
                    ),
                    f"{template.name}: {fname} goes through safe_eval",
                )
        action = self._run(self._debtor_with_invoices("paths", 1))
        template = action.level_id.mail_template_id
        self.assertEqual(
            template._render_field("lang", action.ids)[action.id], action.contact_id.lang
        )
        self.assertEqual(
            template._render_field("partner_to", action.ids)[action.id],
            str(action.contact_id.id),
        )

    def test_run_computes_each_invoice_level_once(self):
        moves = self._debtor_with_invoices("level-once", 3)
        self.env.flush_all()
        move_class = type(self.env["account.move"])
        computed = []
        original = move_class._compute_dunning_level

        def counting(records):
            computed.extend(records.ids)
            return original(records)

        with patch.object(move_class, "_compute_dunning_level", counting):
            action = self._run(moves)
            self.env.flush_all()
        self.assertEqual(action.state, "sent")
        self.assertEqual(moves.dunning_level_id, action.level_id)
        self.assertEqual(sorted(computed), sorted(moves.ids), "a level computed twice")

    def _mail_creations(self, moves):
        """The ``mail.mail`` creations of a run on ``moves``: one per pass of the composer."""
        mail_class = type(self.env["mail.mail"])
        passes = []
        original = mail_class.create

        def counting(records, vals_list):
            passes.append(len(vals_list) if isinstance(vals_list, list) else 1)
            return original(records, vals_list)

        with patch.object(mail_class, "create", counting):
            actions = self._run(moves)
        return actions, passes

    def test_batch_of_e_mails_made_in_one_pass_of_the_composer(self):
        # Odoo's mass mailing makes 50 e-mails at a time and empties the cache after each
        # chunk; the run's batch of debtors is made at once
        self.assertEqual(self.env["mail.compose.message"]._batch_size, 50, "Odoo's default")
        moves = self.env["account.move"].union(
            *(self._debtor_with_invoices(f"pass{i}", 1) for i in range(55))
        )
        actions, passes = self._mail_creations(moves)
        self.assertEqual(len(actions.message_id), 55)
        self.assertEqual(passes, [55])

    def test_mail_batch_size_set_by_the_administrator_comes_first(self):
        self.env["ir.config_parameter"].sudo().set_param("mail.batch_size", "2")
        moves = self.env["account.move"].union(
            *(self._debtor_with_invoices(f"chunk{i}", 1) for i in range(5))
        )
        actions, passes = self._mail_creations(moves)
        self.assertEqual(len(actions.message_id), 5)
        self.assertEqual(passes, [2, 2, 1])

    def test_pinned_query_count_for_one_debtor(self):
        self._count_queries(self._debtor_with_invoices("warmup", 1))
        moves = self._debtor_with_invoices("pinned", 5)
        self.env.flush_all()
        self.env.invalidate_all()
        # one mass-mail composer per template renders the whole batch, and the rates table is
        # read once: fixed costs here, shared by every debtor of a batch in a real run (69 since
        # issue 11: one query per batch for the written reminders already sent (progressive
        # escalation), one for the payment plans' cost bases (broken plans), one for "despite
        # our reminders" in the batch of e-mails, one for the debtor categories; 68 since the
        # delivery status of issue 14, measured: Odoo reported one query fewer than pinned;
        # 67 since the run logs on the debtor only, not on each invoice; 55 since the e-mails
        # are queued last: Odoo's composer empties the cache, and what came after it read the
        # communications, their lines and invoices and the debtor again)
        with self.assertQueryCount(55):
            self._run(moves)
            self.env.flush_all()


@tagged("post_install", "-at_install")
@freeze_time("2026-06-10 09:00:00")  # a Wednesday, 11:00 in Paris: the SMS leave at once
class TestDunningPerformanceSms(DunningCommon):
    """The SMS channel costs no query per debtor: its number, state, message and log are
    written for the whole batch."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.tz = "Europe/Paris"
        cls.courteous = cls.levels["courteous"]

    def _consumers(self, prefix, count):
        debtors = self.env["res.partner"].create(
            [
                {
                    "name": f"{prefix} {i}",
                    "email": f"{prefix}{i}@example.com",
                    "phone": f"06 12 34 {i // 10}{i % 10} 78",
                }
                for i in range(count)
            ]
        )
        return self.env["account.move"].union(
            *(self._invoice(debtor, "2026-06-04") for debtor in debtors)
        )

    def _per_extra_debtor(self, prefix):
        self._count(self._consumers(f"{prefix}warmup", 1))
        for_three = self._count(self._consumers(f"{prefix}three", 3))
        for_six = self._count(self._consumers(f"{prefix}six", 6))
        return (for_six - for_three) / 3

    def _count(self, moves):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        actions = self.env["dunning.run"]._run(moves=moves)
        self.env.flush_all()
        self.assertEqual(len(actions), len(moves.commercial_partner_id))
        return self.env.cr.sql_log_count - before

    def test_sms_adds_no_query_per_debtor(self):
        self.courteous.channel_sms = False
        without_sms = self._per_extra_debtor("mail")
        self.courteous.channel_sms = True
        with_sms = self._per_extra_debtor("sms")
        sent = self.env["sms.sms"].sudo().search([("dunning_action_id", "!=", False)])
        self.assertEqual(len(sent), 1 + 3 + 6, "every consumer got its SMS")
        self.assertEqual(with_sms, without_sms, "the SMS added queries per debtor")
