# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo.tests import new_test_user, tagged

from .common import DunningCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-06-10")  # a Wednesday
class TestDunningRun(DunningCommon):
    def _debtor(self, name, **values):
        return self.env["res.partner"].create(
            {"name": name, "is_company": True, "email": f"{name.lower()}@example.com", **values}
        )

    def test_each_level_by_days_overdue(self):
        self.policy.progressive_escalation = False  # levels by age alone (see below for on)
        cases = {
            "courteous": ("2026-06-04", 6),
            "firm": ("2026-05-25", 16),
            "phone": ("2026-05-15", 26),
            "final": ("2026-05-05", 36),
            "formal_notice": ("2026-04-25", 46),
        }
        invoices = {}
        for key, (due, _days) in cases.items():
            invoices[key] = self._invoice(self._debtor(f"Debtor{key}"), due)
        actions = self._run(self.env["account.move"].union(*invoices.values()))
        self.assertEqual(len(actions), 5)
        for key, invoice in invoices.items():
            action = actions.filtered(lambda a, inv=invoice: a.line_ids.move_id == inv)
            self.assertEqual(action.level_id, self.levels[key], key)
        courteous = actions.filtered(lambda a: a.level_id == self.levels["courteous"])
        self.assertEqual(courteous.state, "sent")
        self.assertTrue(courteous.channel_email and not courteous.channel_letter)
        self.assertEqual(invoices["courteous"].dunning_level_id, self.levels["courteous"])
        firm = actions.filtered(lambda a: a.level_id == self.levels["firm"])
        self.assertEqual(firm.letter_state, "to_render")
        formal = actions.filtered(lambda a: a.level_id == self.levels["formal_notice"])
        self.assertEqual(formal.state, "to_approve")
        self.assertFalse(formal.message_id, "nothing is sent before approval")
        self.assertFalse(invoices["formal_notice"].dunning_level_id)

    def test_emails_are_queued_in_french(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["recouvrement_amiable"], ["fr_FR"], overwrite=True
        )
        debtor = self._debtor("Durand", lang="fr_FR")
        invoice = self._invoice(debtor, "2026-06-04", amount=1234.56)
        action = self._run(invoice)
        mail = self._mails(action)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.state, "outgoing", "queued, not sent by the run")
        self.assertIn("Relance courtoise", mail.subject)
        self.assertIn(invoice.name, mail.body_html)
        self.assertIn("Sauf erreur de notre part", mail.body_html)

    def test_emails_of_a_batch_compiled_once_and_as_odoo_renders_them(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        # A and B owe the same amounts (formatted once), C reads English (formatted again)
        debtors = (
            self._debtor("A", lang="fr_FR") | self._debtor("B", lang="fr_FR") | self._debtor("C")
        )
        invoices = self.env["account.move"].union(
            *(self._invoice(debtor, "2026-06-04", amount=1234.5) for debtor in debtors)
        )
        self.env.cr.cache.pop("dunning_qweb_compiled", None)
        self.env.cr.cache.pop("dunning_formatted", None)
        actions = self._run(invoices)
        self.assertEqual(len(actions), 3)
        self.assertEqual(
            len(self.env.cr.cache["dunning_qweb_compiled"]), 2, "one body per language"
        )
        formatted = self.env.cr.cache["dunning_formatted"]
        amounts = [text for key, text in formatted.items() if key[0][0] == "format_amount"]
        self.assertCountEqual(
            amounts, ["1\N{NO-BREAK SPACE}234,50\N{NO-BREAK SPACE}€", "1,234.50\N{NO-BREAK SPACE}€"]
        )
        template = self.levels["courteous"].mail_template_id
        composer = self.env["mail.compose.message"].create(
            {
                "composition_mode": "mass_mail",
                "model": "dunning.action",
                "res_ids": repr(actions.ids),
                "template_id": template.id,
            }
        )
        odoo_values = composer._prepare_mail_values(actions.ids)  # compiled for each record
        for action in actions:
            mail = self._mails(action)
            self.assertIn(action.partner_id.name, mail.body_html)
            self.assertEqual(mail.body_html, odoo_values[action.id]["body_html"])
            self.assertEqual(mail.subject, odoo_values[action.id]["subject"])

    def test_one_communication_per_debtor_with_amounts_still_due(self):
        debtor = self._debtor("Durand")
        recent = self._invoice(debtor, "2026-06-04", amount=500.0)
        older = self._invoice(debtor, "2026-05-25", amount=800.0)
        oldest = self._invoice(debtor, "2026-05-05", amount=1000.0)
        self._register_payment(oldest, amount=400.0, payment_date="2026-05-20")
        action = self._run(recent | older | oldest)
        self.assertEqual(len(action), 1)
        self.assertEqual(action.level_id, self.levels["final"], "highest level due")
        self.assertEqual(action.line_ids.move_id, recent | older | oldest)
        residuals = {line.move_id: line.amount_residual for line in action.line_ids}
        self.assertEqual(residuals[oldest], 600.0, "amount still due, not the invoice total")
        self.assertEqual(action.amount_due, 1900.0)
        self.assertEqual(recent.dunning_level_id, self.levels["courteous"])
        self.assertEqual(older.dunning_level_id, self.levels["firm"])
        self.assertEqual(oldest.dunning_level_id, self.levels["final"])
        self.assertEqual(debtor.dunning_action_count, 1)
        self.assertEqual(oldest.dunning_action_count, 1)

    def test_communication_logged_on_the_debtor_and_shown_on_its_invoices(self):
        debtor = self._debtor("Trace")
        invoices = self._invoice(debtor, "2026-06-04") | self._invoice(debtor, "2026-05-25")
        before = {move: move.message_ids for move in invoices}
        action = self._run(invoices)
        logged = debtor.message_ids.filtered(lambda m: action.display_name in m.body)
        self.assertEqual(len(logged), 1, "the debtor's chatter traces the communication")
        for move in invoices:
            self.assertEqual(move.message_ids, before[move], "no message per invoice")
            self.assertEqual(move.dunning_action_count, 1, "the invoice shows it (smart button)")
            self.assertEqual(move.dunning_last_date, action.date)
        self.assertEqual(
            action.message_ids, action.message_id, "its own history starts with its e-mail"
        )

    def test_no_email_address_gets_a_letter(self):
        debtor = self._debtor("Papier", email=False)
        action = self._run(self._invoice(debtor, "2026-06-04"))
        self.assertFalse(action.channel_email)
        self.assertTrue(action.channel_letter)
        self.assertEqual(action.letter_state, "to_render")

    def test_letters_are_printed_and_kept(self):
        debtor = self._debtor("Papier", email=False)
        action = self._run(self._invoice(debtor, "2026-05-25"))
        with self.allow_pdf_render():
            self.Action._cron_render_letters()
        self.assertEqual(action.letter_state, "rendered")
        self.assertEqual(action.letter_attachment_id.mimetype, "application/pdf")
        self.assertEqual(action.letter_attachment_id.res_id, action.id)

    def _tokens_made(self, name, count):
        """(queries, invoices) of giving the letter's invoices their portal tokens."""
        debtor = self._debtor(name, email=False)
        invoices = self.env["account.move"].union(
            *(self._invoice(debtor, "2026-05-25", amount=100.0 + i) for i in range(count))
        )
        action = self._run(invoices)
        invoices.sudo().write({"access_token": False})
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        action._ensure_invoice_tokens()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before, invoices

    def test_letters_invoices_get_their_payment_tokens_in_one_update(self):
        self._tokens_made("Jetons chauds", 1)  # warm-up: registry and report caches
        few, _invoices = self._tokens_made("Jetons", 2)
        many, invoices = self._tokens_made("Jetons bis", 6)
        self.assertEqual(few, many, "one token query per invoice")
        tokens = invoices.sudo().mapped("access_token")
        self.assertTrue(all(tokens) and len(set(tokens)) == 6, "a token of its own each")
        self.assertEqual(invoices.mapped("amount_total"), [100.0 + i for i in range(6)])

    def test_phone_level_schedules_a_call_on_a_working_day(self):
        debtor = self._debtor("Telephone")
        with freeze_time("2026-07-13 20:30:00"):  # Monday evening, 14 July is a holiday
            action = self._run(self._invoice(debtor, "2026-06-15"), today=date(2026, 7, 13))
        self.assertEqual(action.level_id, self.levels["phone"])
        activity = action.call_activity_id
        self.assertEqual(activity.res_id, debtor.id)
        self.assertEqual(activity.activity_type_id, self.env.ref("mail.mail_activity_data_call"))
        self.assertEqual(activity.date_deadline, date(2026, 7, 15))

    def test_running_twice_the_same_day_sends_nothing_twice(self):
        invoice = self._invoice(self._debtor("Durand"), "2026-06-04")
        first = self._run(invoice)
        second = self._run(invoice)
        self.assertEqual(len(first), 1)
        self.assertFalse(second)
        self.assertEqual(len(self._mails(first)), 1)

    def test_cron_server_action_and_button_agree(self):
        debtor = self._debtor("Durand")
        invoice = self._invoice(debtor, "2026-05-25")
        other = self._invoice(self._debtor("Martin"), "2026-06-04")
        with self.env.cr.savepoint() as savepoint:
            from_cron = self._run()
            cron_levels = {a.partner_id: a.level_id for a in from_cron if a.partner_id == debtor}
            savepoint.rollback()
        self.env.invalidate_all()
        with self.env.cr.savepoint() as savepoint:
            server_action = self.env.ref("recouvrement_amiable.action_server_dunning_run_invoices")
            server_action.with_context(
                active_model="account.move", active_ids=(invoice | other).ids
            ).run()
            from_action = self.Action.search([("partner_id", "=", debtor.id)])
            action_levels = {a.partner_id: a.level_id for a in from_action}
            savepoint.rollback()
        self.env.invalidate_all()
        debtor.action_dunning_run()
        from_button = self.Action.search([("partner_id", "=", debtor.id)])
        self.assertEqual(cron_levels, {debtor: self.levels["firm"]})
        self.assertEqual(action_levels, cron_levels)
        self.assertEqual({a.partner_id: a.level_id for a in from_button}, cron_levels)

    def test_billing_clerk_can_dun(self):
        clerk = new_test_user(
            self.env,
            "billing_clerk_run",
            groups="account.group_account_invoice",
            company_id=self.env.company.id,
            company_ids=[(6, 0, self.env.company.ids)],
        )
        debtor = self._debtor("Durand")
        invoice = self._invoice(debtor, "2026-05-25")
        invoice.with_user(clerk)._action_dunning_run()
        action = self.Action.search([("partner_id", "=", debtor.id)])
        self.assertEqual(action.level_id, self.levels["firm"])
        self.assertEqual(action.user_id, clerk)
        self.assertEqual(action.letter_state, "to_render")
        self.assertEqual(len(self._mails(action)), 1)

    def test_escalation_over_time(self):
        invoice = self._invoice(self._debtor("Durand"), "2026-06-04")
        levels = []
        for day in ("2026-06-10", "2026-06-20", "2026-06-30", "2026-07-10", "2026-07-20"):
            with freeze_time(day):
                action = self._run(invoice, today=date.fromisoformat(day))
                levels.append(action.level_id)
        expected = ["courteous", "firm", "phone", "final", "formal_notice"]
        self.assertEqual(levels, [self.levels[key] for key in expected])

    def test_handover_after_formal_notice(self):
        self.policy.progressive_escalation = False  # straight to the formal notice
        debtor = self._debtor("Durand")
        invoice = self._invoice(debtor, "2026-04-25")
        notice = self._run(invoice)
        notice.action_approve()
        self.assertEqual(invoice.dunning_level_id, self.levels["formal_notice"])
        with freeze_time("2026-06-25"):
            handover = self._run(invoice, today=date(2026, 6, 25))
        self.assertEqual(handover.level_id, self.levels["handover"])
        self.assertEqual(handover.state, "handover")
        self.assertFalse(handover.message_id, "nothing is sent")
        self.assertEqual(debtor.dunning_handover_date, date(2026, 6, 25))

    def test_progressive_escalation_written_reminder_before_formal_notice(self):
        self.assertTrue(self.policy.progressive_escalation, "on by default")
        invoice = self._invoice(self._debtor("Jamais"), "2025-11-22")  # 200 days late
        first = self._run(invoice)
        self.assertEqual(first.level_id, self.levels["final"], "a written reminder first")
        self.assertFalse(first.is_formal_notice)
        self.assertTrue(first.channel_email and first.state == "sent")
        self.assertFalse(first.has_prior_reminder)
        self.assertNotIn("despite our previous reminders", self._mails(first).body_html)
        with freeze_time("2026-06-16"):  # contact gap over, formal-notice gap (8 days) not
            self.assertFalse(self._run(invoice, today=date(2026, 6, 16)))
        with freeze_time("2026-06-18"):
            notice = self._run(invoice, today=date(2026, 6, 18))
        self.assertTrue(notice.is_formal_notice)
        self.assertTrue(notice.has_prior_reminder)

    def test_no_despite_our_reminders_without_reminders(self):
        self.policy.progressive_escalation = False
        invoice = self._invoice(self._debtor("Direct"), "2026-04-25")
        notice = self._run(invoice)
        self.assertTrue(notice.is_formal_notice)
        self.assertFalse(notice.has_prior_reminder)
        notice.action_approve()
        body = self._mails(notice).body_html
        self.assertNotIn("Despite our reminders", body)
        self.assertIn("still unpaid after their due date", body)
        self.assertIn("follows by registered letter", body)

    def _court_todos(self, invoice):
        return invoice.activity_ids.filtered(
            lambda a: a.summary and a.summary.startswith("File a claim in court before")
        )

    def test_no_formal_notice_when_prescription_comes_before_deadline_and_margin(self):
        self.policy.progressive_escalation = False
        self.assertEqual(self.env.company.dunning_court_filing_margin_days, 30)
        consumer = self.env["res.partner"].create({"name": "Presque Prescrit", "email": "p@x.fr"})
        invoice = self._invoice(consumer, "2024-07-01")  # last day 2026-07-01
        self.assertEqual(invoice.prescription_date, date(2026, 7, 1))
        # 2026-06-10 + 8 days to pay + 30 days to file = 2026-07-18: too late
        self.assertFalse(self._run(invoice))
        todo = self._court_todos(invoice)
        self.assertEqual(len(todo), 1)
        self.assertEqual(todo.date_deadline, date(2026, 7, 1))
        self.assertFalse(self._run(invoice), "still refused")
        self.assertEqual(len(self._court_todos(invoice)), 1, "one to-do")

    def test_formal_notice_refused_at_approval_when_prescription_got_close(self):
        self.policy.progressive_escalation = False
        consumer = self.env["res.partner"].create({"name": "Bientôt Prescrit", "email": "b@x.fr"})
        invoice = self._invoice(consumer, "2024-08-15")  # last day 2026-08-15
        notice = self._run(invoice)
        self.assertTrue(notice.is_formal_notice)
        self.assertTrue(notice._threat_allowed(), "2026-07-18 is before 2026-08-15")
        with freeze_time("2026-07-15"):
            self.assertFalse(notice._threat_allowed())
            result = notice.action_approve()
        self.assertEqual(result["tag"], "display_notification")
        self.assertEqual(notice.state, "cancelled")
        self.assertFalse(notice.message_id, "nothing sent")
        self.assertEqual(self._court_todos(invoice).date_deadline, date(2026, 8, 15))
