"""The litigation file exported for a collection agency (issue 13)."""

import csv
import io
import json
from datetime import date

from recouvrement_amiable.rules import agency_export as ae

PARTY = {
    "name": "Bâtiments Durand SARL",
    "legal_form": None,
    "category": "professional",
    "legal_category_code": "5499",
    "registry": "39012345300016",
    "vat": None,
    "street": "4 quai des Chartrons",
    "street2": None,
    "zip": "33000",
    "city": "Bordeaux",
    "country": "FR",
    "email": "compta@durand.example",
    "phone": None,
}
DATA = {
    "reference": "DOS/2026/0001",
    "date": date(2026, 3, 2),
    "currency": "EUR",
    "state": "draft",
    "recommended_path": "payment_order",
    "chosen_path": "payment_order",
    "creditor": PARTY | {"name": "Ma Société SAS"},
    "debtor": PARTY,
    "amounts": {"principal": 6000.0, "balance": 6102.3},
    "invoices": [
        {
            "number": "FAC/2026/00001",
            "invoice_date": date(2026, 1, 1),
            "due_date": date(2026, 1, 31),
            "amount_total": 6000.0,
            "amount_paid": 0.0,
            "amount_residual": 6000.0,
            "penalties": 62.3,
            "indemnity": 40.0,
            "prescription_date": date(2031, 1, 31),
            "prescribed": False,
            "disputed": False,
        }
    ],
    "communications": [],
    "evidence": {"bundle": None, "manifest_sha256": None},
}


def test_json_is_the_whole_file_with_its_format():
    document = json.loads(ae.to_json(DATA))
    assert document["format"] == ae.FORMAT
    assert document["version"] == ae.VERSION
    assert document["date"] == "2026-03-02"
    assert document["amounts"]["balance"] == "6102.30"
    invoice = document["invoices"][0]
    assert set(invoice) == set(ae.INVOICE_COLUMNS)
    assert invoice["penalties"] == "62.30"
    assert invoice["prescribed"] is False
    assert document["debtor"]["street2"] is None
    assert document["debtor"]["name"] == "Bâtiments Durand SARL"


def test_csv_one_row_per_invoice_for_a_french_spreadsheet():
    raw = ae.to_csv(DATA)
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == list(ae.FILE_COLUMNS + ae.INVOICE_COLUMNS)
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["file_reference"] == "DOS/2026/0001"
    assert row["debtor_name"] == "Bâtiments Durand SARL"
    assert row["amount_residual"] == "6000.00"
    assert row["due_date"] == "2026-01-31"
    assert row["prescribed"] == "0"
    assert row["debtor_phone"] == ""
