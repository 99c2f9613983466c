# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import csv
import hashlib
import io
import json
import logging
import time
import zipfile
from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import DunningCommon
from .test_reports import pdf_text

_logger = logging.getLogger(__name__)


class LitigationCommon(DunningCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._use_french()
        company = cls.env.company
        company.write({"company_registry": "55208131700018", "city": "Paris"})
        company.partner_id.lang = "fr_FR"
        cls.File = cls.env["dunning.litigation.file"]
        common = {"company_id": company.id, "company_ids": [Command.set(company.ids)]}
        cls.billing = new_test_user(
            cls.env, "lit_billing", groups="account.group_account_invoice", **common
        )

    def _file(self, partners):
        return self.File._create_for_debtors(partners)

    def _bundle(self, file):
        with self.allow_pdf_render():
            file.action_build_bundle()
        return zipfile.ZipFile(io.BytesIO(file.bundle_id.raw))


@tagged("post_install", "-at_install")
@freeze_time("2026-03-02")
class TestLitigationFile(LitigationCommon):
    def test_file_from_customers_amounts_and_prescription(self):
        recent = self._invoice(self.professional, "2026-01-31", amount=10000.0)
        old = self._invoice(self.professional, "2020-06-15", amount=500.0)
        self._event(old, "acknowledgement", "2021-01-10", note="Courrier signé")
        paid_part = self._invoice(self.consumer, "2026-01-15", amount=300.0)
        self._register_payment(paid_part, amount=100.0)
        action = (
            self.env["res.partner"]
            .browse((self.professional | self.consumer).ids)
            .action_create_litigation_file()
        )
        files = self.File.search(action["domain"])
        self.assertEqual(len(files), 2)
        pro = files.filtered(lambda f: f.partner_id == self.professional)
        self.assertEqual(pro.line_ids.move_id, old | recent)
        line = pro.line_ids.filtered(lambda li: li.move_id == recent)
        # law file vector: 10,000 due 2026-01-31, 30 days at 12.15 % -> 99.86, + €40
        self.assertAlmostEqual(line.penalty_amount, 99.86)
        self.assertIn("30", line.penalty_detail)
        self.assertEqual(line.indemnity_amount, 40.0)
        old_line = pro.line_ids.filtered(lambda li: li.move_id == old)
        self.assertEqual(old_line.prescription_date, date(2026, 1, 10))
        self.assertTrue(old_line.is_prescribed)
        self.assertIn("10/01/2021", old_line.prescription_detail)
        self.assertEqual(pro.amount_principal, 10500.0)
        self.assertEqual(pro.amount_indemnities, 80.0)
        self.assertAlmostEqual(pro.amount_balance, 10500.0 + pro.amount_penalties + 80.0, places=2)
        self.assertAlmostEqual(pro.amount_claimable, 10099.86, places=2)
        consumer = files - pro
        self.assertEqual(consumer.amount_paid, 100.0)
        self.assertEqual(consumer.amount_balance, 200.0, "no penalty, no €40 for a consumer")
        # one file per debtor and date
        again = self._file(self.professional)
        self.assertEqual(again, pro)
        self.assertEqual(self.professional.litigation_file_count, 1)

    def test_refusals_change_nothing(self):
        invoice = self._invoice(self.professional, "2026-01-31", amount=1000.0)
        with self.assertRefused(UserError, "no unpaid customer invoice"):
            self._file(self.professional | self.association)
        self.assertFalse(self.File.search([]))
        file = self._file(self.professional)
        as_billing = file.with_user(self.billing)
        with self.assertRefused(UserError, "created by the collection process only"):
            self.File.with_user(self.billing).create({"partner_id": self.professional.id})
        with self.assertRefused(UserError, "amount_balance"):
            as_billing.write({"amount_balance": 1.0})
        with self.assertRefused(UserError, "changes through its buttons only"):
            as_billing.write({"state": "sent"})
        with self.assertRefused(UserError, "taken from the accounts"):
            file.line_ids.with_user(self.billing).write({"amount_residual": 1.0})
        with self.assertRefused(UserError, "Say to whom"):
            as_billing.action_mark_ready()
            as_billing.action_mark_sent()
        self.assertEqual(file.state, "draft")
        self.assertEqual(file.amount_balance, 1000.0 + file.amount_penalties + 40.0)
        self.assertEqual(file.line_ids.move_id, invoice)
        as_billing.write({"sent_to": "Maître Dupont, commissaire de justice"})
        as_billing.action_mark_ready()
        as_billing.action_mark_sent()
        self.assertEqual(file.state, "sent")
        with self.assertRefused(UserError, "chosen_path"):
            as_billing.write({"chosen_path": "agency"})
        with self.assertRefused(UserError, "Only a draft"):
            as_billing.unlink()

    def test_handover_opens_the_file(self):
        debtor = self.professional
        invoice = self._invoice(debtor, "2026-04-25")
        with freeze_time("2026-05-15"):  # the written reminder that must precede the notice
            self._run(invoice, today=date(2026, 5, 15))
        with freeze_time("2026-06-10"):
            notice = self._run(invoice, today=date(2026, 6, 10))
            self.assertEqual(notice.state, "to_approve")
            notice.action_approve()
        with freeze_time("2026-06-25"):
            handover = self._run(invoice, today=date(2026, 6, 25))
            self.assertEqual(handover.state, "handover")
            file = self.File.search([("partner_id", "=", debtor.id)])
            self.assertEqual(file.origin, "handover")
            self.assertEqual(file.date, date(2026, 6, 25))
            self.assertEqual(file.line_ids.move_id, invoice)
            self.assertEqual(file.recommended_path, "small_claims")
        # issue 13: handed over, the debtor gets no automated dunning any more, even on a new
        # invoice; a payment still reconciles and shows in the file's timeline
        later = self._invoice(debtor, "2026-06-20", amount=300.0)
        with freeze_time("2026-07-20"):
            self.assertFalse(self._run(invoice | later, today=date(2026, 7, 20)))
            self._register_payment(invoice, amount=100.0, payment_date="2026-07-20")
            facts = [entry["fact"] for entry in file._timeline_entries()]
            self.assertTrue(any("100" in fact for fact in facts))
        # resumed by hand (billing users only): the amicable phase goes on
        reader = new_test_user(self.env, "lit_reader_h", groups="account.group_account_readonly")
        with self.assertRaises(AccessError):
            debtor.with_user(reader).action_resume_dunning()
        self.assertEqual(debtor.dunning_handover_date, date(2026, 6, 25))
        with freeze_time("2026-07-21"):
            debtor.with_user(self.billing).action_resume_dunning()
            self.assertFalse(debtor.dunning_handover_date)
            self.assertTrue(self._run(invoice | later, today=date(2026, 7, 21)))


@tagged("post_install", "-at_install")
@freeze_time("2026-03-02")
class TestLitigationWayOut(LitigationCommon):
    def test_small_claims_up_to_the_ceiling(self):
        self._invoice(self.professional, "2026-02-20", amount=4800.0)
        file = self._file(self.professional)
        self.assertEqual(file.recommended_path, "small_claims")
        self.assertEqual(file.chosen_path, "small_claims")
        self.assertIn("L125-1", file.recommendation)
        self.assertIn("5 000,00", file.recommendation.replace("\u202f", " ").replace("\xa0", " "))

    def test_small_claims_request_letter(self):
        invoice = self._invoice(self.professional, "2026-02-20", amount=4800.0)
        file = self._file(self.professional)
        file.sent_to = "Maître Anne Dupont"
        action = file.action_print_small_claims_request()
        self.assertEqual(action["type"], "ir.actions.report")
        with self.allow_pdf_render():
            pdf = (
                self.env["ir.actions.report"]
                .with_context(force_report_rendering=True)
                ._render_qweb_pdf(
                    "recouvrement_amiable.action_report_small_claims_request", res_ids=file.ids
                )[0]
            )
        text = pdf_text(pdf).replace("\u202f", " ").replace("\xa0", " ")
        for expected in ("L125-1", "Maître Anne Dupont", invoice.name, "4 800,00", "R125-1"):
            self.assertIn(expected, text)
        self.assertIn("petites créances", text)
        file.chosen_path = "agency"
        with self.assertRefused(UserError, "as the way out first"):
            file.action_print_small_claims_request()

    def test_over_the_ceiling_payment_order_and_refusal_of_small_claims(self):
        self._invoice(self.professional, "2026-02-20", amount=5100.0)
        file = self._file(self.professional)
        self.assertEqual(file.recommended_path, "payment_order")
        with self.assertRefused(ValidationError, "R125-1"):
            file.with_user(self.billing).write({"chosen_path": "small_claims"})
        self.assertEqual(file.chosen_path, "payment_order")
        file.with_user(self.billing).write({"chosen_path": "agency"})
        self.assertEqual(file.chosen_path, "agency")

    def _pdf_text(self, report, file):
        with self.allow_pdf_render():
            pdf = (
                self.env["ir.actions.report"]
                .with_context(force_report_rendering=True)
                ._render_qweb_pdf(report, res_ids=file.ids)[0]
            )
        text = " ".join(pdf_text(pdf).replace("\u202f", " ").replace("\xa0", " ").split())
        return text.replace("- ", "-")  # words cut at the end of a line

    def test_payment_order_request(self):
        # issue 13: the requête with the mentions of art. 1407 CPC, the court from the parties
        invoice = self._invoice(self.professional, "2026-01-20", amount=6000.0)
        self.professional.write(
            {"legal_category_code": "5710", "street": "3 rue du Port", "zip": "69002"}
        )
        file = self._file(self.professional)
        self.assertEqual(file.chosen_path, "payment_order")
        file.court_name = "Tribunal de commerce de Lyon"
        action = file.action_print_payment_order_request()
        self.assertEqual(action["type"], "ir.actions.report")
        text = self._pdf_text("recouvrement_amiable.action_report_payment_order_request", file)
        line = file.line_ids
        for expected in (
            "injonction de payer",
            "1405",
            "1407",
            "Tribunal de commerce de Lyon",
            "entre commerçants",
            "1406",
            "55208131700018",  # the creditor's SIREN/SIRET
            "3 rue du Port",  # the debtor's registered office
            invoice.name,
            "6 000,00",
            "L441-10",
            f"{line.penalty_amount + line.indemnity_amount + 6000.0:,.2f}".replace(
                ",", " "
            ).replace(".", ","),
        ):
            self.assertIn(expected, text)
        # a consumer goes to the judicial court, with no collection costs
        self._invoice(self.consumer, "2026-01-20", amount=6000.0)
        consumer_file = self._file(self.consumer)
        consumer_file.chosen_path = "payment_order"
        text = self._pdf_text(
            "recouvrement_amiable.action_report_payment_order_request", consumer_file
        )
        self.assertIn("tribunal judiciaire", text)
        self.assertNotIn("L441-10", text)
        self.assertNotIn("Indemnité", text)
        # another way out: refused, whichever way the document is asked for
        file.chosen_path = "agency"
        with self.assertRefused(UserError, "as the way out first"):
            file.action_print_payment_order_request()
        with self.assertRefused(UserError, "as the way out first"), self.allow_pdf_render():
            self.env["ir.actions.report"]._render_qweb_pdf(
                "recouvrement_amiable.action_report_payment_order_request", res_ids=file.ids
            )

    def test_claim_declaration_document(self):
        # issue 13: due at the judgment, not yet due with its date, later invoices not declared
        due = self._invoice(
            self.professional, "2026-01-31", invoice_date="2026-01-01", amount=10000.0
        )
        not_due = self._invoice(
            self.professional, "2026-03-12", invoice_date="2026-02-05", amount=2000.0
        )
        later = self._invoice(
            self.professional, "2026-03-25", invoice_date="2026-02-20", amount=500.0
        )
        self.professional.write(
            {
                "collection_freeze": "insolvency",
                "insolvency_judgment_date": "2026-02-10",
                "insolvency_publication_date": "2026-02-25",
            }
        )
        file = self._file(self.professional)
        file.sent_to = "Maître Paul Martin"
        self.assertEqual(file.chosen_path, "claim_declaration")
        file.action_print_claim_declaration()
        text = self._pdf_text("recouvrement_amiable.action_report_claim_declaration", file)
        for expected in (
            "Déclaration de créance",
            "L622-24",
            "Maître Paul Martin",
            "10/02/2026",  # the opening judgment
            "25/04/2026",  # the deadline: BODACC + 2 months
            due.name,
            not_due.name,
            "12/03/2026",  # the due date of the amount not yet due
            "L622-28",
            "L622-17",
            "L624-9",
            "10 069,96",  # 10,000 + 29.96 of interest to the judgment + €40
        ):
            self.assertIn(expected, text)
        self.assertIn(later.name, text.split("L622-17")[0].rsplit("Non déclarées", 1)[-1])
        # not the way out: refused
        file.chosen_path = "agency"
        with self.assertRefused(UserError, "as the way out first"):
            file.action_print_claim_declaration()

    def _export(self, files, user=None):
        action = self.env.ref("recouvrement_amiable.action_server_litigation_export_agency")
        if user:
            action = action.with_user(user)
        return action.with_context(
            active_model=files._name, active_ids=files.ids, active_id=files[:1].id
        ).run()

    def test_agency_export_csv_and_json(self):
        # issue 13: the file exported for an agency, fields documented in rules/agency_export
        invoice = self._invoice(self.professional, "2026-01-20", amount=6000.0)
        self.professional.write({"legal_category_code": "5710", "zip": "69002"})
        file = self._file(self.professional)
        file.chosen_path = "agency"
        result = self._export(file, user=self.billing)
        self.assertEqual(result["type"], "ir.actions.act_url")
        attachment = self.env["ir.attachment"].browse(
            int(result["url"].split("/")[3].split("?")[0])
        )
        self.assertEqual((attachment.res_model, attachment.res_id), (file._name, file.id))
        archive = zipfile.ZipFile(io.BytesIO(attachment.raw))
        self.assertEqual(sorted(archive.namelist()), ["dossier.json", "factures.csv"])
        document = json.loads(archive.read("dossier.json"))
        self.assertEqual(document["format"], "recouvrement_amiable.litigation_file")
        self.assertEqual(document["reference"], file.name)
        self.assertEqual(document["chosen_path"], "agency")
        self.assertEqual(document["creditor"]["registry"], "55208131700018")
        self.assertEqual(document["debtor"]["legal_category_code"], "5710")
        self.assertEqual(document["debtor"]["category"], "professional")
        self.assertEqual(document["amounts"]["residual"], "6000.00")
        self.assertEqual(document["invoices"][0]["number"], invoice.name)
        self.assertEqual(document["invoices"][0]["due_date"], "2026-01-20")
        rows = list(
            csv.reader(io.StringIO(archive.read("factures.csv").decode("utf-8-sig")), delimiter=";")
        )
        row = dict(zip(rows[0], rows[1], strict=True))
        self.assertEqual(
            (row["file_reference"], row["number"], row["amount_residual"], row["debtor_zip"]),
            (file.name, invoice.name, "6000.00", "69002"),
        )
        # exported again: the previous export is replaced
        self._export(file, user=self.billing)
        exports = self.env["ir.attachment"].search(
            [("res_model", "=", file._name), ("res_id", "=", file.id), ("name", "like", "export")]
        )
        self.assertEqual(len(exports), 1)
        # a read-only accountant cannot export; nor can two files go at once
        reader = new_test_user(
            self.env,
            "lit_reader",
            groups="account.group_account_readonly",
            company_id=self.env.company.id,
        )
        with self.assertRaises(UserError):
            self._export(file, user=reader)
        self.assertEqual(self.env["ir.attachment"].search_count([("id", "in", exports.ids)]), 1)
        self._invoice(self.consumer, "2026-01-20", amount=100.0)
        with self.assertRefused(UserError, "one litigation file at a time"):
            self.env["dunning.litigation.export"]._action_export(file | self._file(self.consumer))

    def test_public_body_claim_then_mandatement_request(self):
        # issue 11 and 13: ECB + 8 fixed at the start and €40 in the file; the claim, then
        # the prefect two months later, never for the State
        town = self.env["res.partner"].create(
            {"name": "Commune de Saint-Exemple", "is_company": True, "legal_category_code": "7210"}
        )
        invoice = self._invoice(town, "2026-01-10", invoice_date="2025-12-10", amount=5000.0)
        file = self._file(town)
        self.assertEqual(file.recommended_path, "public_body")
        line = file.line_ids
        # 2026-01-11..2026-03-02: 51 days at 2.15 + 8 = 10.15 %
        self.assertAlmostEqual(line.penalty_amount, 70.91)
        self.assertEqual(line.indemnity_amount, 40.0)
        with self.assertRefused(UserError, "written claim to the public body first"):
            file.action_print_mandatement_request()
        file.with_user(self.billing).action_print_public_claim()
        self.assertEqual(file.public_claim_date, date(2026, 3, 2))
        text = self._pdf_text("recouvrement_amiable.action_report_public_claim", file)
        for expected in (invoice.name, "70,91", "R2192-31", "D2192-35", "68-1250", "L1612-16"):
            self.assertIn(expected, text)
        with self.assertRefused(UserError, "02/05/2026"):
            file.action_print_mandatement_request()
        with freeze_time("2026-05-02"):
            file.action_print_mandatement_request()
            text = self._pdf_text("recouvrement_amiable.action_report_mandatement_request", file)
        for expected in ("mandatement d'office", "L1612-15", "L1612-16", "02/03/2026", "5 110,91"):
            self.assertIn(expected, text)
        town.legal_category_code = "7113"  # a ministry: the State
        with freeze_time("2026-05-02"), self.assertRefused(UserError, "administrative court"):
            file.action_print_mandatement_request()

    def test_ceiling_is_a_company_setting(self):
        self.env.company.litigation_small_claims_ceiling = 4000.0
        self._invoice(self.professional, "2026-02-20", amount=4800.0)
        self.assertEqual(self._file(self.professional).recommended_path, "payment_order")

    def test_insolvency_claim_declaration(self):
        self._invoice(self.professional, "2026-02-20", amount=1000.0)
        self.professional.write(
            {"collection_freeze": "insolvency", "insolvency_publication_date": "2026-02-25"}
        )
        file = self._file(self.professional)
        self.assertEqual(file.recommended_path, "claim_declaration")
        self.assertIn("L622-21", file.recommendation)
        for path in ("small_claims", "payment_order"):
            with self.assertRefused(ValidationError, "insolvency proceedings"):
                file.write({"chosen_path": path})

    def test_insolvency_interest_stops_at_the_opening_judgment(self):
        # issue 11: interest stops at the opening judgment (L622-28 C. com.); no €40 on an
        # invoice the judgment forbade paying at its due date (L441-10 II)
        late = self._invoice(
            self.professional, "2026-01-31", invoice_date="2026-01-01", amount=10000.0
        )
        forbidden = self._invoice(
            self.professional, "2026-02-20", invoice_date="2026-01-20", amount=1000.0
        )
        self.professional.write(
            {
                "collection_freeze": "insolvency",
                "insolvency_judgment_date": "2026-02-10",
                "insolvency_publication_date": "2026-02-25",
            }
        )
        file = self._file(self.professional)
        line = file.line_ids.filtered(lambda li: li.move_id == late)
        self.assertAlmostEqual(line.penalty_amount, 29.96)  # 9 days at 12.15 %, not 30
        self.assertIn("09/02/2026", line.penalty_detail)
        self.assertEqual(line.indemnity_amount, 40.0)
        line = file.line_ids.filtered(lambda li: li.move_id == forbidden)
        self.assertEqual((line.penalty_amount, line.indemnity_amount), (0.0, 0.0))
        # the communications' computation says the same
        rates = self.env["dunning.interest.rate"]._rates_by_half()
        costs = self.env["dunning.run"]._late_costs(
            self.professional, late | forbidden, date(2026, 3, 2), rates
        )
        self.assertEqual(costs[late], {"penalty_amount": 29.96, "indemnity_amount": 40.0})
        self.assertEqual(costs[forbidden], {"penalty_amount": 0.0, "indemnity_amount": 0.0})
        # without the judgment date, the BODACC publication date bounds the interest
        self.professional.insolvency_judgment_date = False
        costs = self.env["dunning.run"]._late_costs(
            self.professional, late, date(2026, 3, 2), rates
        )
        self.assertAlmostEqual(costs[late]["penalty_amount"], 79.89)  # 24 days

    def test_opening_judgment_not_after_its_publication(self):
        self.professional.write(
            {"collection_freeze": "insolvency", "insolvency_publication_date": "2026-02-25"}
        )
        with self.assertRefused(ValidationError, "opening judgment"):
            self.professional.insolvency_judgment_date = "2026-02-26"
        self.assertFalse(self.professional.insolvency_judgment_date)

    def test_disputed_goes_to_a_commissaire_de_justice(self):
        invoice = self._invoice(self.professional, "2026-02-20", amount=1000.0)
        invoice._mark_disputed("Livraison incomplète")
        file = self._file(self.professional)
        self.assertEqual(file.recommended_path, "agency")
        with self.assertRefused(ValidationError, "disputed"):
            file.write({"chosen_path": "small_claims"})

    def test_prescribed_nothing_to_do(self):
        self._invoice(self.consumer, "2023-01-10", amount=700.0)
        file = self._file(self.consumer)
        self.assertEqual(file.recommended_path, "nothing")
        self.assertIn("passation en perte", file.recommendation)
        with self.assertRefused(ValidationError, "prescribed"):
            file.write({"chosen_path": "payment_order"})
        with self.assertRefused(ValidationError, "not a public-law body"):
            file.write({"chosen_path": "public_body"})
        with self.assertRefused(ValidationError, "not in insolvency"):
            file.write({"chosen_path": "claim_declaration"})


@tagged("post_install", "-at_install")
@freeze_time("2026-06-10")
class TestLitigationEvidence(LitigationCommon):
    def _history(self):
        """A reminder letter, a formal notice with its LRAR, a payment, an acknowledgement."""
        debtor = self.professional
        invoice = self._invoice(debtor, "2026-04-20", amount=1200.0)
        debtor.email = False
        letter = self._run(invoice, today=date(2026, 4, 27))
        with self.allow_pdf_render():
            self.Action._cron_render_letters()
        debtor.email = "compta@durand.example"
        notice = self._run(invoice)
        notice.action_approve()
        with self.allow_pdf_render():
            self.Action._cron_render_letters()
        receipt = self.env["ir.attachment"].create(
            {"name": "AR signé.pdf", "raw": b"%PDF-1.4 receipt", "res_model": notice._name}
        )
        notice.write(
            {
                "lrar_number": "1A 234 567 8901 2",
                "lrar_deposit_date": "2026-06-10",
                "lrar_presentation_date": "2026-06-10",
                "lrar_status": "signed",
                "lrar_receipt_id": receipt.id,
            }
        )
        self._register_payment(invoice, amount=200.0, payment_date="2026-06-10")
        proof = self.env["ir.attachment"].create(
            {"name": "reconnaissance.pdf", "raw": b"%PDF-1.4 ack"}
        )
        self._event(invoice, "acknowledgement", "2026-06-01", attachment_id=proof.id)
        return invoice, letter, notice

    def test_timeline_and_bundle(self):
        invoice, letter, notice = self._history()
        file = self._file(self.professional)
        archive = self._bundle(file)
        manifest_bytes = archive.read("manifest.json")
        self.assertEqual(hashlib.sha256(manifest_bytes).hexdigest(), file.manifest_sha256)
        entries = json.loads(manifest_bytes)["files"]
        for entry in entries:
            self.assertEqual(
                hashlib.sha256(archive.read(entry["name"])).hexdigest(), entry["sha256"]
            )
        names = [entry["name"] for entry in entries]
        csv_text = archive.read("manifest.csv").decode()
        for name in names:
            self.assertIn(name, csv_text)
        self.assertIn(f"factures/{invoice.name.replace('/', '-')}.pdf", names)
        letters = [name for name in names if name.startswith("courriers/")]
        self.assertEqual(len(letters), 2)
        for action in letter | notice:
            self.assertIn(
                action.letter_sha256, [e["sha256"] for e in entries if e["name"] in letters]
            )
        self.assertTrue(any(name.startswith("accuses-reception/") for name in names))
        self.assertTrue(any(name.startswith("preuves/") for name in names))
        eml = [name for name in names if name.endswith(".eml")]
        self.assertEqual(len(eml), 1)
        self.assertIn(b"Subject:", archive.read(eml[0]))
        self.assertTrue(archive.read(names[0]).startswith(b"%PDF"))
        # the timeline, in the bundle and printed from the file, shows the manifest's SHA-256
        with self.allow_pdf_render():
            printed = file._render_timeline()
        for pdf in (archive.read("chronologie.pdf"), printed):
            text = pdf_text(pdf)
            self.assertIn(file.manifest_sha256, text)
            self.assertIn("chronologie", text)
        for expected in (
            f"Facture {invoice.name} émise",
            "1A 234 567 8901 2",
            "Mise en demeure",
            "Reconnaissance de dette",
            "reconnaissance.pdf",
            "Procédure simplifiée",
        ):
            self.assertIn(expected, text)
        self.assertLess(text.index("émise"), text.index("1A 234 567 8901 2"))

    def test_altered_letter_stays_out(self):
        _invoice, letter, _notice = self._history()
        attachment = letter.letter_attachment_id
        path = attachment._full_path(attachment.store_fname)
        with open(path, "rb") as stored:
            original = stored.read()
        try:
            with open(path, "wb") as stored:
                stored.write(original + b"forged")
            file = self._file(self.professional)
            with self.assertRefused(UserError, "does not match its SHA-256"):
                self._bundle(file)
            self.assertFalse(file.bundle_id)
        finally:
            with open(path, "wb") as stored:
                stored.write(original)


@tagged("post_install", "-at_install")
class TestLitigationPerformance(LitigationCommon):
    """Not frozen in time: the seconds measured are real ones."""

    def test_bundle_of_300_invoices(self):
        move_vals = [
            {
                "move_type": "out_invoice",
                "partner_id": self.professional.id,
                "invoice_date": "2025-12-01",
                "invoice_date_due": "2026-01-15",
                "invoice_line_ids": [
                    Command.create(
                        {"product_id": self.product_a.id, "price_unit": 100.0 + i, "tax_ids": []}
                    )
                ],
            }
            for i in range(300)
        ]
        moves = self.env["account.move"].create(move_vals)
        moves.action_post()
        started = time.monotonic()
        file = self._file(self.professional)
        created = time.monotonic() - started
        self.assertEqual(len(file.line_ids), len(move_vals))
        started = time.monotonic()
        archive = self._bundle(file)
        built = time.monotonic() - started
        self.assertEqual(
            len([n for n in archive.namelist() if n.startswith("factures/")]), len(move_vals)
        )
        _logger.info(
            "Litigation file of 300 invoices: created in %.1f s, evidence bundle in %.1f s "
            "(%s bytes)",
            created,
            built,
            len(base64.b64decode(file.bundle_id.datas)),
        )


@tagged("post_install", "-at_install")
@freeze_time("2026-03-02")
class TestImminentPrescription(LitigationCommon):
    def _alerts(self, move):
        return move.activity_ids.filtered(lambda a: "go to court before" in (a.summary or ""))

    def test_alert_once_per_prescription_date(self):
        soon = self._invoice(self.consumer, "2024-05-01", amount=700.0)  # prescribed 2026-05-01
        later = self._invoice(self.consumer, "2025-01-10", amount=300.0)  # 2027-01-10
        disputed = self._invoice(self.consumer, "2024-04-20", amount=100.0)
        disputed._mark_disputed("Prestation non conforme")
        Move = self.env["account.move"]
        self.assertEqual(
            Move.search(
                [
                    ("is_prescription_imminent", "=", True),
                    ("id", "in", (soon | later | disputed).ids),
                ]
            ),
            soon,
        )
        self.assertEqual(Move._cron_prescription_alerts(), soon)
        alert = self._alerts(soon)
        self.assertEqual(len(alert), 1)
        self.assertEqual(alert.date_deadline, date(2026, 5, 1))
        self.assertIn("2026", alert.summary)
        self.assertIn(soon.name, str(alert.note))
        self.assertFalse(self._alerts(later) | self._alerts(disputed))
        # the next day: nothing new
        with freeze_time("2026-03-03"):
            self.assertFalse(Move._cron_prescription_alerts())
        self.assertEqual(len(self._alerts(soon)), 1)
        # an acknowledgement moves the date: no longer imminent
        self._event(soon, "acknowledgement", "2026-03-02")
        self.assertFalse(soon.is_prescription_imminent)

    def test_alert_delay_is_a_company_setting(self):
        soon = self._invoice(self.consumer, "2024-05-01", amount=700.0)
        self.env.company.litigation_prescription_alert_days = 30
        self.assertFalse(soon.is_prescription_imminent)
        self.assertFalse(self.env["account.move"]._cron_prescription_alerts())
