# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .test_payment_plan import PaymentPlanCommon

COUNTERS = (
    "call_count",
    "approval_count",
    "promise_count",
    "letter_count",
    "plan_amend_count",
    "instalment_count",
    "failure_count",
    "claim_count",
    "overdue_count",
    "overdue_amount",
    "risk_30_amount",
    "risk_90_amount",
    "risk_180_amount",
    "prescribed_amount",
    "plan_completion_rate",
    "plan_broken_rate",
)


@tagged("post_install", "-at_install")
@freeze_time("2026-06-10 09:00:00")  # Wednesday 11:00 in Paris: within calling hours
class TestCockpitToday(PaymentPlanCommon):
    """A small hand-made history: one of each thing to do today, for two collectors."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.tz = "Europe/Paris"
        group = "account.group_account_invoice"
        cls.anne = new_test_user(cls.env, login="anne.cockpit", groups=group, name="Anne")
        cls.bruno = new_test_user(cls.env, login="bruno.cockpit", groups=group, name="Bruno")
        cls.env.company.dunning_responsible_id = cls.anne
        cls.Cockpit = cls.env["dunning.cockpit"]

    def _debtor(self, name, collector=None, **values):
        return self.env["res.partner"].create(
            {
                "name": name,
                "is_company": True,
                "email": f"{name.lower()}@example.com",
                "dunning_user_id": collector and collector.id,
                **values,
            }
        )

    def _card(self, user=None, company=None):
        company = company or self.env.company
        return self.Cockpit.search(
            [("company_id", "=", company.id), ("user_id", "=", user and user.id)]
        )

    def _history(self):
        """Bruno follows the caller, the letter and the failure; Anne (default) the rest."""
        caller = self._debtor("Appel", self.bruno)
        notice = self._debtor("Demeure")
        letter = self._debtor("Lettre", self.bruno)
        bounce = self._debtor("Rebond", self.bruno)
        promise = self._debtor("Promesse", dunning_promise_date="2026-06-10")
        invoices = {
            "call": self._invoice(caller, "2026-05-15", amount=100.0),
            "notice": self._invoice(notice, "2026-04-25", amount=200.0),
            "letter": self._invoice(letter, "2026-05-25", amount=300.0),
            "bounce": self._invoice(bounce, "2026-06-04", amount=400.0),
            "promise": self._invoice(promise, "2026-06-08", amount=500.0),
        }
        # progressive escalation: the formal notice follows a written reminder sent earlier
        self._run(invoices["notice"], today=date(2026, 5, 15))
        actions = self._run(
            invoices["call"] | invoices["notice"] | invoices["letter"] | invoices["bounce"],
            today=date(2026, 6, 10),
        )
        by_partner = {action.partner_id: action for action in actions}
        by_partner[letter].lrar_deposit_date = "2026-06-01"  # 9 days, no presentation yet
        by_partner[bounce]._mark_email_failed("550 mailbox unavailable")
        return {
            "caller": caller,
            "notice": by_partner[notice],
            "letter": by_partner[letter],
            "bounce": by_partner[bounce],
            "promise": promise,
            "invoices": invoices,
        }

    def test_counters_per_collector_and_their_lists(self):
        history = self._history()
        with freeze_time("2026-04-01"):
            plan_invoice = self._invoice(self.consumer, "2026-03-01", amount=900.0)
            plan = self._signed_plan(plan_invoice, instalment_count=3, first_due_date="2026-04-30")
            credit_note = self._reverse(plan_invoice, 90.0)
            (credit_note | plan_invoice).line_ids.filtered(
                lambda line: line.account_id.account_type == "asset_receivable"
            ).reconcile()
        self.assertTrue(plan.needs_amendment)

        team, anne, bruno = self._card(), self._card(self.anne), self._card(self.bruno)
        self.assertTrue(team.is_team and anne and bruno)
        self.assertEqual(
            (bruno.call_count, bruno.letter_count, bruno.failure_count, bruno.approval_count),
            (1, 1, 1, 0),
        )
        self.assertEqual(
            (anne.approval_count, anne.promise_count, anne.plan_amend_count),
            (1, 1, 1),
        )
        self.assertEqual(anne.instalment_count, 2)  # April and May unpaid
        self.assertEqual(team.call_count + team.approval_count + team.promise_count, 3)
        self.assertEqual(team.overdue_count, 6)
        self.assertEqual(team.overdue_amount, 100 + 200 + 300 + 400 + 500 + 810)
        self.assertEqual(bruno.overdue_amount, 100 + 300 + 400)
        self.assertTrue(team.calling_now)

        self.assertEqual(
            bruno.action_open_calls()["domain"], [("id", "in", [history["caller"].id])]
        )
        self.assertEqual(
            team.action_open_approvals()["domain"], [("id", "in", history["notice"].ids)]
        )
        self.assertEqual(
            anne.action_open_promises()["domain"], [("id", "in", history["promise"].ids)]
        )
        self.assertEqual(
            bruno.action_open_letters()["domain"], [("id", "in", history["letter"].ids)]
        )
        self.assertEqual(
            bruno.action_open_failures()["domain"], [("id", "in", history["bounce"].ids)]
        )
        self.assertEqual(team.action_open_plans_to_amend()["domain"], [("id", "in", plan.ids)])
        missed = plan.line_ids.filtered(lambda line: line.due_date < date(2026, 6, 10))
        self.assertEqual(sorted(team.action_open_instalments()["domain"][0][2]), sorted(missed.ids))
        self.assertFalse(bruno.action_open_promises()["domain"][0][2])

        # My debtors: the collector's card only
        my_cards = self.Cockpit.with_user(self.bruno).search([("user_id", "=", self.bruno.id)])
        self.assertEqual(my_cards, bruno)
        invoices = (
            self.env["account.move"]
            .with_user(self.bruno)
            .search(
                [
                    "|",
                    ("commercial_partner_id.dunning_user_id", "=", self.bruno.id),
                    "&",
                    ("commercial_partner_id.dunning_user_id", "=", False),
                    ("company_id.dunning_responsible_id", "=", self.bruno.id),
                ]
            )
        )
        self.assertEqual(
            invoices,
            history["invoices"]["call"]
            | history["invoices"]["letter"]
            | history["invoices"]["bounce"],
        )

    def test_letter_follow_up_delay_is_a_setting(self):
        history = self._history()
        self.env.company.dunning_lrar_followup_days = 10
        card = self._card(self.bruno)
        self.assertEqual(card.letter_count, 0)
        self.env.company.dunning_lrar_followup_days = 9
        card.invalidate_recordset()
        self.assertEqual(card.letter_count, 1)
        self.assertEqual(
            card.action_open_letters()["domain"], [("id", "in", history["letter"].ids)]
        )

    def test_a_presented_letter_and_a_kept_promise_leave_the_cockpit(self):
        history = self._history()
        history["letter"].lrar_presentation_date = "2026-06-03"
        self._pay(history["invoices"]["promise"], 500.0, day="2026-06-10")
        self.assertEqual(self._card(self.bruno).letter_count, 0)
        self.assertEqual(self._card(self.anne).promise_count, 0)

    def test_outside_calling_hours(self):
        self._history()
        with freeze_time("2026-06-10 19:00:00"):  # 21:00 in Paris
            card = self._card()
            self.assertFalse(card.calling_now)
            self.assertEqual(card.next_call_slot.date(), date(2026, 6, 11))
            self.assertEqual(card.call_count, 1)

    def test_prescription_at_risk(self):
        """Consumer debts (2 years): amounts whose prescription falls in 30/90/180 days."""
        self._invoice(self.consumer, "2024-06-25", amount=100.0)  # last day 2026-06-25
        self._invoice(self.consumer, "2024-08-20", amount=200.0)  # 2026-08-20
        self._invoice(self.consumer, "2024-11-30", amount=400.0)  # 2026-11-30
        self._invoice(self.consumer, "2025-06-30", amount=999.0)  # 2027: not at risk
        lost = self._invoice(self.consumer, "2024-03-01", amount=800.0)  # lost 2026-03-01
        self._invoice(self.consumer, "2023-01-02", amount=1600.0)  # lost over a year ago
        card = self._card()
        self.assertEqual(
            (card.risk_30_amount, card.risk_90_amount, card.risk_180_amount), (100, 300, 700)
        )
        self.assertEqual((card.risk_30_count, card.risk_90_count, card.risk_180_count), (1, 2, 3))
        self.assertEqual(card.prescribed_amount, 800)
        self.assertEqual(card.action_open_prescribed()["domain"], [("id", "in", lost.ids)])
        self.assertEqual(card.action_open_prescribed()["res_model"], "account.move")

    def test_claims_to_declare(self):
        """Debtors in insolvency proceedings, claim not declared, deadline within 30 days."""
        self._invoice(self.professional, "2026-04-01", amount=700.0)
        self.professional.write(
            {"collection_freeze": "insolvency", "insolvency_publication_date": "2026-04-20"}
        )  # deadline 2026-06-20: 10 days left
        card = self._card()
        self.assertEqual(card.claim_count, 1)
        action = card.action_open_claims()
        self.assertEqual(
            (action["res_model"], action["domain"]),
            ("res.partner", [("id", "in", self.professional.ids)]),
        )
        self.professional.claim_declaration_date = "2026-06-09"
        self.env.invalidate_all()
        self.assertEqual(self._card().claim_count, 0)

    def test_empty_company_and_multi_company(self):
        empty = self.env["res.company"].create({"name": "Société vide"})
        self._history()
        self.env.user.company_ids |= empty
        card = self._card(company=empty)
        self.assertTrue(card.is_team)
        self.assertFalse(any(card[name] for name in COUNTERS))
        self.assertFalse(card.action_open_calls()["domain"][0][2])
        # a user of the first company only sees its cards
        self.assertFalse(self.Cockpit.with_user(self.bruno).search([("company_id", "=", empty.id)]))

    def test_counters_cost_a_constant_number_of_queries(self):
        """Reading every counter of every card: the same 2 queries for 3 or 9 cards."""
        self._history()
        for size in (3, 9):
            for index in range(size - len(self.Cockpit.search([]))):
                debtor = self._debtor(
                    f"Autre{size}{index}", new_test_user(self.env, login=f"c{size}{index}")
                )
                self._invoice(debtor, "2026-05-01")
            cards = self.Cockpit.search([])
            self.assertEqual(len(cards), size)
            self.env.flush_all()
            # from a known cache, not what the steps before left in it: emptied, then only
            # the current user and the company's currency (the amounts are monetary) read
            self.env.invalidate_all()
            self.env.user.partner_id.fetch()
            cards.company_id.currency_id.fetch()
            cards.invalidate_recordset()
            with self.assertQueryCount(2):  # the cards, then every counter of every card
                cards.read(list(COUNTERS))


@tagged("post_install", "-at_install")
class TestCockpitFigures(PaymentPlanCommon):
    """Each figure on a small hand-made history (one class: one costly set-up)."""

    def _ageing(self, at, **kwargs):
        report = self.env["dunning.ageing.report"].with_context(ageing_date=at)
        groups = report.formatted_read_group(
            [("company_id", "=", self.env.company.id)],
            groupby=["age_bucket"],
            aggregates=["amount_residual:sum"],
        )
        return {g["age_bucket"]: g["amount_residual:sum"] for g in groups}

    @freeze_time("2026-06-10")
    def test_buckets_at_two_dates(self):
        late = self._invoice(self.professional, "2026-01-10", invoice_date="2026-01-10")
        self._pay(late, 400.0, day="2026-02-15")
        self._invoice(self.consumer, "2026-03-20", invoice_date="2026-01-20", amount=500.0)
        self._invoice(self.association, "2025-01-01", invoice_date="2024-12-01", amount=300.0)
        paid = self._invoice(self.consumer, "2026-01-31", invoice_date="2026-01-01", amount=50.0)
        self._pay(paid, 50.0, day="2026-02-20")
        # 1 February: nothing paid yet; 'late' 22 days, 'paid' 1 day, the old one 396 days
        self.assertEqual(
            self._ageing("2026-02-01"),
            {"1_30": 1050.0, "not_due": 500.0, "over_365": 300.0},
        )
        # 1 March: 600 left on 'late' (50 days), 'paid' settled
        self.assertEqual(
            self._ageing("2026-03-01"),
            {"31_60": 600.0, "not_due": 500.0, "over_365": 300.0},
        )
        # today: 'late' 151 days, the consumer's 82 days
        self.assertEqual(
            self._ageing("2026-06-10"), {"91_180": 600.0, "61_90": 500.0, "over_365": 300.0}
        )
        self.assertEqual(self._ageing("2025-12-31"), {"181_365": 300.0})  # 364 days
        # groups come in age order, not in the alphabetical order of their keys
        self.assertEqual(
            list(self._ageing("2026-02-01")), ["not_due", "1_30", "over_365"], "age order"
        )
        rows = (
            self.env["dunning.ageing.report"]
            .with_context(ageing_date="2026-03-01")
            .search([("partner_id", "=", self.professional.id)])
        )
        self.assertEqual((rows.move_id, rows.amount_31_60, rows.amount_not_due), (late, 600.0, 0.0))
        self.assertEqual(rows.user_id, self.env.company.dunning_responsible_id)

    @freeze_time("2026-06-10")
    def test_first_screen_is_the_balance_by_debtor_a_page_at_a_time(self):
        action = self.env["dunning.ageing.wizard"].create({"date": "2026-06-10"}).action_open()
        self.assertEqual(action["view_mode"].split(",")[0], "list")
        arch = self.env["dunning.ageing.report"].get_view(view_type="list")["arch"]
        self.assertIn('default_group_by="partner_id"', arch)
        self._invoice(self.professional, "2026-05-20", amount=100.0)
        paid_later = self._invoice(self.consumer, "2026-06-01", amount=200.0)
        self._invoice(self.consumer, "2025-01-01", amount=300.0)
        # paid after the balance date: still owed on 5 June
        self._pay(paid_later, 200.0, day="2026-06-08")
        report = self.env["dunning.ageing.report"].with_context(ageing_date="2026-06-05")
        result = report.web_read_group(
            [("company_id", "=", self.env.company.id)],
            ["partner_id"],
            ["amount_1_30:sum", "amount_over_365:sum", "amount_residual:sum"],
            limit=1,
        )
        self.assertEqual(result["length"], 2, "every debtor counted, one page shown")
        self.assertEqual(len(result["groups"]), 1)
        by_debtor = {
            group["partner_id"][0]: (
                group["amount_1_30:sum"],
                group["amount_over_365:sum"],
                group["amount_residual:sum"],
            )
            for group in report.web_read_group(
                [("company_id", "=", self.env.company.id)],
                ["partner_id"],
                ["amount_1_30:sum", "amount_over_365:sum", "amount_residual:sum"],
            )["groups"]
        }
        self.assertEqual(
            by_debtor,
            {self.professional.id: (100.0, 0.0, 100.0), self.consumer.id: (200.0, 300.0, 500.0)},
        )
        self.assertEqual(
            self._ageing("2026-06-10"), {"1_30": 100.0, "over_365": 300.0}, "paid by today"
        )

    @freeze_time("2026-06-10")
    def test_wizard_and_empty_company(self):
        action = self.env["dunning.ageing.wizard"].create({"date": "2026-03-01"}).action_open()
        self.assertEqual(action["context"], {"ageing_date": "2026-03-01"})
        self.assertEqual(action["res_model"], "dunning.ageing.report")
        with self.assertRefused(UserError, "today's date or before"):
            self.env["dunning.ageing.wizard"].create({"date": "2026-06-11"}).action_open()
        empty = self.env["res.company"].create({"name": "Société vide"})
        report = self.env["dunning.ageing.report"].with_company(empty)
        self.assertFalse(
            report.formatted_read_group(
                [("company_id", "=", empty.id)],
                groupby=["age_bucket"],
                aggregates=["amount_residual:sum"],
            )
        )

    @freeze_time("2026-04-05")
    def test_countback_on_three_months(self):
        january = self._invoice(
            self.professional, "2026-02-28", invoice_date="2026-01-15", amount=6000.0
        )
        self._invoice(self.professional, "2026-03-31", invoice_date="2026-02-10", amount=12000.0)
        self._invoice(self.consumer, "2026-04-30", invoice_date="2026-03-20", amount=10000.0)
        self._pay(january, 3000.0, day="2026-03-15")
        action = self.env["dunning.dso"].action_open_report()
        self.assertEqual(action["res_model"], "dunning.dso")
        rows = self.env["dunning.dso"].search([("company_id", "=", self.env.company.id)])
        company = {row.date.isoformat(): row for row in rows if not row.partner_id}
        self.assertEqual(len(company), 24)
        self.assertEqual(min(company), "2024-04-30")
        # March: 25,000 open; sales 10,000 (31 d), 12,000 (28 d), 6,000 (31 d) -> 74.5 days
        march = company["2026-03-31"]
        self.assertEqual((march.balance, march.sales, march.dso), (25000.0, 10000.0, 74.5))
        self.assertEqual(company["2026-02-28"].dso, 28 + 31)  # 18,000 = February + January
        self.assertEqual(company["2026-01-31"].dso, 31.0)
        self.assertEqual(company["2025-12-31"].dso, 0.0)
        debtor = rows.filtered(lambda r: r.partner_id == self.professional)
        self.assertEqual(
            debtor.mapped("date"), [date(2026, 3, 31), date(2026, 2, 28), date(2026, 1, 31)]
        )
        # professional in March: 15,000 open, no March sales (0, 31 d), February 12,000 (28 d),
        # then 3,000 of January's 6,000 -> 31 + 28 + 15.5
        self.assertEqual(debtor[0].dso, 74.5)
        consumer = rows.filtered(lambda r: r.partner_id == self.consumer)
        self.assertEqual((consumer.balance, consumer.dso), (10000.0, 31.0))
        # opened again the same day: not recomputed
        with self.assertQueryCount(3):
            self.env["dunning.dso"].action_open_report()
        # recomputed in a fixed number of queries, whatever the number of debtors and months
        # (the receivables by debtor and month, then one DELETE and one INSERT of every row)
        self.env.flush_all()
        with self.assertQueryCount(3):
            self.env["dunning.dso"]._refresh(self.env.company, date(2026, 4, 5))
        self.assertEqual(
            self.env["dunning.dso"].search_count([("company_id", "=", self.env.company.id)]),
            len(rows),
        )

    @freeze_time("2026-04-05")
    def test_empty_company(self):
        empty = self.env["res.company"].create({"name": "Société vide"})
        self.env["dunning.dso"]._refresh(empty, date(2026, 4, 5))
        rows = self.env["dunning.dso"].search([("company_id", "=", empty.id)])
        self.assertEqual(len(rows), 24)
        self.assertEqual(set(rows.mapped("dso")), {0.0})

    @freeze_time("2026-06-10")
    def test_scores(self):
        early = self._invoice(self.professional, "2026-01-01", amount=100.0)
        self._pay(early, 100.0, day="2026-01-21")  # 20 days late
        on_time = self._invoice(self.professional, "2026-02-01", amount=100.0)
        self._pay(on_time, 100.0, day="2026-01-25")  # early: 0
        self._invoice(self.consumer, "2026-05-11", amount=100.0)  # open, 30 days late
        self._invoice(self.consumer, "2026-06-20", amount=100.0)._mark_disputed("Non livré")
        with freeze_time("2026-03-20"):
            late = self._invoice(
                self.association, "2026-04-01", invoice_date="2026-03-01", amount=900.0
            )
            plan = self._signed_plan(late, instalment_count=3, first_due_date="2026-04-30")
        plan._internal().write({"state": "broken", "broken_date": "2026-05-15"})
        self.association.dunning_promise_date = "2026-05-01"  # grace 3 days, still unpaid
        quiet = self.env["res.partner"].create({"name": "Sans histoire", "dunning_score": 12})
        self.env["dunning.cockpit"]._refresh_payment_scores(date(2026, 6, 10))
        self.assertEqual(self.professional.dunning_score, 95)  # 10 days late on average
        self.assertEqual(self.consumer.dunning_score, 80)  # 30 days late, 1 dispute
        self.assertEqual(self.association.dunning_score, 30)  # 70 days, promise, plan
        self.assertEqual(quiet.dunning_score, 100)
        partners = self.professional | self.consumer | self.association | quiet
        view = self.env.ref("recouvrement_amiable.view_partner_call_list")
        self.assertIn('default_order="dunning_score, id"', view.arch_db)
        self.assertEqual(
            self.env["res.partner"].search([("id", "in", partners.ids)], order="dunning_score, id"),
            self.association | self.consumer | self.professional | quiet,
        )
        # the company's weights: disputes weigh more, lateness less
        self.env.company.write({"dunning_score_dispute": 25, "dunning_score_day_late_points": 0.25})
        self.env["dunning.cockpit"]._refresh_payment_scores(date(2026, 6, 10))
        self.assertEqual(self.consumer.dunning_score, 68)  # 30 days * 0.25 + 25
        self.assertEqual(self.professional.dunning_score, 98)  # 10 days * 0.25, rounded
        with self.assertRaises(ValidationError):
            self.env.company.dunning_score_dispute = -1
        # paid and forgotten after 12 months
        with freeze_time("2027-06-10"):
            self.env["dunning.cockpit"]._refresh_payment_scores(date(2027, 6, 10))
            self.assertEqual(self.professional.dunning_score, 100)

    @freeze_time("2026-06-10")
    def test_shares_per_level_channel_and_debtor_type(self):
        firm = self._invoice(self.professional, "2026-02-10", amount=1000.0)
        courteous = self._invoice(self.consumer, "2026-02-20", amount=500.0)
        with freeze_time("2026-03-02"):
            self._run(firm | courteous, today=date(2026, 3, 2))
        self._pay(firm, 600.0, day="2026-03-10")  # 8 days after the reminder
        self._pay(firm, 400.0, day="2026-03-25")  # 23 days: paid in full
        self._pay(courteous, 500.0, day="2026-04-20")  # 49 days
        rows = self.env["dunning.effectiveness.report"].search(
            [("company_id", "=", self.env.company.id)]
        )
        by_level = {row.level_id: row for row in rows}
        row = by_level[self.levels["firm"]]
        self.assertEqual(
            (row.channel, row.debtor_type, row.communication_count),
            ("email_letter", "professional", 1),
        )
        self.assertEqual(
            (row.amount_claimed, row.amount_paid_15, row.amount_paid_30), (1000.0, 600.0, 1000.0)
        )
        self.assertEqual(
            (row.share_paid_15, row.share_paid_30, row.median_days_to_pay), (60.0, 100.0, 23.0)
        )
        row = by_level[self.levels["courteous"]]
        self.assertEqual((row.channel, row.debtor_type), ("email", "consumer"))
        self.assertEqual(
            (row.share_paid_15, row.share_paid_30, row.median_days_to_pay), (0.0, 0.0, 49.0)
        )
        empty = self.env["res.company"].create({"name": "Société vide"})
        self.assertFalse(
            self.env["dunning.effectiveness.report"].search([("company_id", "=", empty.id)])
        )
        # a year later, these communications are out of the window
        with freeze_time("2027-03-03"):
            self.assertFalse(
                self.env["dunning.effectiveness.report"].search(
                    [("company_id", "=", self.env.company.id)]
                )
            )

    @freeze_time("2026-06-10")
    def test_plan_completion_and_broken_rates(self):
        plans = self.Plan
        with freeze_time("2026-03-02"):
            for amount in (300.0, 600.0, 900.0):
                invoice = self._invoice(
                    self.consumer, "2026-02-01", invoice_date="2026-01-15", amount=amount
                )
                plans |= self._signed_plan(invoice, instalment_count=3, first_due_date="2026-03-31")
        plans[0]._internal().write({"state": "completed", "completed_date": "2026-05-31"})
        plans[1:]._internal().write({"state": "broken", "broken_date": "2026-05-15"})
        card = self.env["dunning.cockpit"].search(
            [("company_id", "=", self.env.company.id), ("is_team", "=", True)]
        )
        self.assertEqual((card.plan_completed_count, card.plan_broken_count), (1, 2))
        self.assertEqual((card.plan_completion_rate, card.plan_broken_rate), (33.3, 66.7))
        self.assertEqual(card.action_open_plans_broken()["domain"], [("id", "in", plans[1:].ids)])

    @freeze_time("2027-06-10")
    def test_recovery_by_age(self):
        paid = self._invoice(self.professional, "2026-01-01", amount=1000.0)
        self._pay(paid, 1000.0, day="2026-01-20")  # 19 days past due
        half = self._invoice(self.consumer, "2026-01-01", amount=1000.0)
        # two payments (114 and 120 days past due): each item's reconciliations summed
        self._pay(half, 300.0, day="2026-04-25")
        self._pay(half, 200.0, day="2026-05-01")
        self._invoice(self.association, "2026-01-01", amount=1000.0)  # never paid
        rows = self.env["dunning.recovery.report"].search(
            [("company_id", "=", self.env.company.id)]
        )
        by_age = {row.age_days: row for row in rows}
        self.assertEqual(sorted(by_age), [0, 30, 90, 180, 365])
        at_due = by_age[0]
        self.assertEqual((at_due.open_30, at_due.paid_30, at_due.share_30), (3000.0, 1000.0, 33.3))
        self.assertEqual((at_due.paid_365, at_due.share_365), (1500.0, 50.0))
        three_months = by_age[90]
        self.assertEqual((three_months.open_30, three_months.paid_30), (2000.0, 500.0))
        self.assertEqual((three_months.share_30, three_months.share_365), (25.0, 25.0))
        self.assertEqual(three_months.trade_rule, 75.0)
        one_year = by_age[365]
        self.assertEqual(
            (one_year.open_30, one_year.paid_30, one_year.share_30), (1500.0, 0.0, 0.0)
        )
        self.assertEqual((one_year.open_365, one_year.share_365), (0.0, 0.0))  # not ripe yet
        self.assertEqual(one_year.trade_rule, 20.0)
        empty = self.env["res.company"].create({"name": "Société vide"})
        self.assertFalse(
            self.env["dunning.recovery.report"].search([("company_id", "=", empty.id)])
        )
