# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The litigation file as a collection agency or a commissaire de justice imports it (issue 13).

Two files of the same data:

- ``dossier.json``: the whole file, nested (format FORMAT, version VERSION): ``reference``,
  ``date``, ``currency``, ``state``, ``recommended_path``, ``chosen_path``, ``creditor`` and
  ``debtor`` (``name``, ``legal_form``, ``category``, ``legal_category_code``, ``registry``
  (SIREN/SIRET), ``vat``, ``street``, ``street2``, ``zip``, ``city``, ``country``, ``email``,
  ``phone``), ``amounts`` (``principal``, ``paid``, ``residual``, ``penalties``,
  ``indemnities``, ``balance``, ``claimable``), ``invoices`` (one object per invoice, the keys
  of INVOICE_COLUMNS), ``communications`` (``date``, ``level``, ``channels``,
  ``formal_notice``, ``lrar_number``, ``lrar_presentation_date``) and ``evidence``
  (``bundle``, ``manifest_sha256``);
- ``factures.csv``: one row per invoice, the file's reference and the debtor first
  (FILE_COLUMNS then INVOICE_COLUMNS), ``;``-separated, UTF-8 with a byte-order mark (as a
  French spreadsheet opens it), amounts with a dot and two decimals, dates in ISO 8601.
"""

import csv
import io
import json
from decimal import Decimal

FORMAT = "recouvrement_amiable.litigation_file"
VERSION = 1
FILE_COLUMNS = (
    "file_reference",
    "file_date",
    "currency",
    "debtor_name",
    "debtor_registry",
    "debtor_category",
    "debtor_street",
    "debtor_zip",
    "debtor_city",
    "debtor_country",
    "debtor_email",
    "debtor_phone",
)
INVOICE_COLUMNS = (
    "number",
    "invoice_date",
    "due_date",
    "amount_total",
    "amount_paid",
    "amount_residual",
    "penalties",
    "indemnity",
    "prescription_date",
    "prescribed",
    "disputed",
)
AMOUNT_KEYS = ("amount_total", "amount_paid", "amount_residual", "penalties", "indemnity")


def _plain(value):
    """JSON/CSV value: amounts as 2-decimal strings, dates in ISO 8601 (empty values are
    None: the caller turns Odoo's False of an empty field into None)."""
    if isinstance(value, Decimal | float) and not isinstance(value, bool):
        return f"{Decimal(str(value)).quantize(Decimal('0.01'))}"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _plain_tree(value):
    if isinstance(value, dict):
        return {key: _plain_tree(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain_tree(item) for item in value]
    if isinstance(value, bool):
        return value
    return _plain(value)


def to_json(data):
    """``data`` (the file as nested dicts) as UTF-8 JSON bytes, with the format header."""
    document = {"format": FORMAT, "version": VERSION, **_plain_tree(data)}
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False).encode()


def _csv_cell(value):
    if isinstance(value, bool):
        return "1" if value else "0"
    plain = _plain(value)
    return "" if plain is None else str(plain)


def to_csv(data):
    """One row per invoice of ``data``, the file's columns first; UTF-8 with BOM, ``;``."""
    debtor = data["debtor"]
    file_values = {
        "file_reference": data["reference"],
        "file_date": data["date"],
        "currency": data["currency"],
        "debtor_name": debtor["name"],
        "debtor_registry": debtor["registry"],
        "debtor_category": debtor["category"],
        "debtor_street": debtor["street"],
        "debtor_zip": debtor["zip"],
        "debtor_city": debtor["city"],
        "debtor_country": debtor["country"],
        "debtor_email": debtor["email"],
        "debtor_phone": debtor["phone"],
    }
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(FILE_COLUMNS + INVOICE_COLUMNS)
    for invoice in data["invoices"]:
        row = [file_values[column] for column in FILE_COLUMNS]
        row += [invoice[column] for column in INVOICE_COLUMNS]
        writer.writerow([_csv_cell(value) for value in row])
    return out.getvalue().encode("utf-8-sig")
