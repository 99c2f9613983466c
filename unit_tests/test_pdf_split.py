"""Splitting a batch of letters printed as one PDF (``recouvrement_amiable/tools/pdf_split.py``).

The PDF is generated here with reportlab (an Odoo requirement): two letters, the first on two
pages, the second on one. The split runs through Odoo's ``odoo.tools.pdf`` and, to prove that
no PyPDF2 1.x name is used, on the bare library Odoo picked with its deprecation warnings made
errors (PyPDF2 2.x warns on ``getPage``/``numPages``/``extractText``/``addPage``; pypdf 3 and
later no longer have them).
"""

import io
import re
import warnings
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from odoo.tools import pdf as odoo_pdf
from recouvrement_amiable.tools import pdf_split

ADDON_DIR = Path(__file__).resolve().parent.parent / "recouvrement_amiable"
FIRST = "Lettre de relance n° RA/2026/0001"
SECOND = "Lettre de relance n° RA/2026/0002"


def _pdf(pages):
    """A PDF with one page per list of lines."""
    stream = io.BytesIO()
    pdf = canvas.Canvas(stream, pagesize=A4)
    for lines in pages:
        y = 780
        for line in lines:
            pdf.drawString(72, y, line)
            y -= 20
        pdf.showPage()
    pdf.save()
    return stream.getvalue()


TWO_LETTERS = [
    [FIRST, "Madame, Monsieur,", "Sauf erreur de notre part, la facture FAC/2026/0007"],
    ["reste impayée.", "Page 2 / 2 de la première lettre"],
    [SECOND, "Madame, Monsieur,", "La facture FAC/2026/0011 reste impayée."],
]


def _texts(document):
    reader = odoo_pdf.PdfFileReader(io.BytesIO(document))
    return ["".join(page.extract_text().split()) for page in reader.pages]


def _bare_library():
    """The PDF library itself (pypdf or PyPDF2), without Odoo's compatibility aliases."""
    try:
        import pypdf as library
    except ImportError:
        import PyPDF2 as library
    return library


def test_two_letters_split_at_their_first_page():
    documents = pdf_split.split_pdf_on_markers(_pdf(TWO_LETTERS), [FIRST, SECOND])
    assert len(documents) == 2
    first, second = (_texts(document) for document in documents)
    assert len(first) == 2 and len(second) == 1
    assert "RA/2026/0001" in first[0] and "Page2/2" in first[1]
    assert "RA/2026/0002" in second[0] and "FAC/2026/0011" in second[0]
    assert all(document.startswith(b"%PDF-") for document in documents)


def test_one_letter_keeps_every_page():
    documents = pdf_split.split_pdf_on_markers(_pdf(TWO_LETTERS), [FIRST])
    assert [len(_texts(document)) for document in documents] == [3]


def test_bare_library_without_legacy_names(monkeypatch):
    library = _bare_library()
    monkeypatch.setattr(pdf_split, "PdfFileReader", library.PdfReader)
    monkeypatch.setattr(pdf_split, "PdfFileWriter", library.PdfWriter)
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        warnings.simplefilter("error", PendingDeprecationWarning)
        documents = pdf_split.split_pdf_on_markers(_pdf(TWO_LETTERS), [FIRST, SECOND])
    assert [len(_texts(document)) for document in documents] == [2, 1]


@pytest.mark.parametrize(
    "markers",
    [
        [FIRST, "Lettre de relance n° RA/2026/9999"],  # a letter not found
        [SECOND, FIRST],  # out of order
        [FIRST, FIRST],  # two letters on one page
        ["Page 2 / 2", SECOND],  # the first letter does not start on the first page
        [],
    ],
)
def test_ambiguous_split_gives_none(markers):
    assert pdf_split.split_pdf_on_markers(_pdf(TWO_LETTERS), markers) is None


def test_marker_found_whatever_the_white_space():
    texts = ["Lettre de\nrelance n°  RA/2026/0001 ...", "suite", "Lettre derelance n° RA/2026/0002"]
    assert pdf_split.letter_starts(texts, [FIRST, SECOND]) == [0, 2]


def test_no_pypdf2_1x_names_in_the_addon():
    """Odoo 19's own ``PdfFileReader``/``PdfFileWriter`` classes are fine; 1.x methods are not."""
    legacy = re.compile(r"\.(getPage|getNumPages|extractText|addPage|numPages)\b|import PyPDF2")
    offenders = [
        f"{path.relative_to(ADDON_DIR)}:{number}: {line.strip()}"
        for path in sorted(ADDON_DIR.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if legacy.search(line)
    ]
    assert not offenders, offenders


def test_pages_read_by_pdftotext_when_installed():
    texts = pdf_split.pdftotext_pages(_pdf(TWO_LETTERS))
    assert texts is not None, "poppler-utils is a system package of the project"
    assert "RA/2026/0001" in texts[0] and "Page 2 / 2" in texts[1] and "FAC/2026/0011" in texts[2]


def test_without_pdftotext_the_library_reads_the_pages(monkeypatch):
    monkeypatch.setattr(pdf_split, "find_in_path", lambda _name: None)
    assert pdf_split.pdftotext_pages(_pdf(TWO_LETTERS)) is None
    documents = pdf_split.split_pdf_on_markers(_pdf(TWO_LETTERS), [FIRST, SECOND])
    assert [len(_texts(document)) for document in documents] == [2, 1]


def test_pdftotext_failing_falls_back_to_the_library(monkeypatch):
    monkeypatch.setattr(pdf_split, "find_in_path", lambda _name: "/bin/false")
    documents = pdf_split.split_pdf_on_markers(_pdf(TWO_LETTERS), [FIRST, SECOND])
    assert [len(_texts(document)) for document in documents] == [2, 1]
