# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Split one PDF holding several letters back into one PDF per letter.

Only the stable pypdf API is used, the one every PDF library Odoo 19 runs on provides
(PyPDF2 2.x, pypdf 3 and later): ``reader.pages[i]``, ``len(reader.pages)``,
``page.extract_text()``, ``writer.add_page()``; never the PyPDF2 1.x names (``getPage``,
``numPages``, ``extractText``, ``addPage``) that pypdf 3 removed. The reader and the writer are
Odoo's (``odoo.tools.pdf``): whichever library is installed, Odoo's patches apply and the
written PDF carries Odoo's metadata.

The text of the pages is read with poppler's ``pdftotext`` when it is installed (a C program:
the pure-Python extraction took half of the time of a batch of 200 letters), else with the
library's ``extract_text()``.
"""

import io
import subprocess

from odoo.tools.misc import find_in_path
from odoo.tools.pdf import PdfFileReader, PdfFileWriter

PDFTOTEXT_TIMEOUT = 120  # seconds, for a batch of a few hundred pages


def _compact(text):
    return "".join(text.split())


def letter_starts(page_texts, markers):
    """Index of the first page of each letter, in the order of ``markers``.

    A letter starts on the first page whose text holds its marker (white space ignored, as
    text extraction may cut or join words). Returns None when the split is ambiguous: a
    marker found on no page, two letters on the same first page, letters out of order, or a
    first letter that does not start on the first page.
    """
    texts = [_compact(text or "") for text in page_texts]
    starts = []
    for marker in markers:
        compact = _compact(marker)
        pages = [index for index, text in enumerate(texts) if compact in text]
        if not pages:
            return None
        starts.append(pages[0])
    if not starts or starts != sorted(set(starts)) or starts[0] != 0:
        return None
    return starts


def split_pdf_on_markers(pdf, markers):
    """Split ``pdf`` (bytes) into one PDF (bytes) per marker, in the order of ``markers``.

    Each letter runs from its first page (see ``letter_starts``) to the page before the next
    letter's. Returns None when the split is ambiguous, so that the caller renders the
    letters one by one instead.
    """
    reader = PdfFileReader(io.BytesIO(pdf))
    page_count = len(reader.pages)
    starts = letter_starts(page_texts(pdf, reader), markers)
    if starts is None:
        return None
    documents = []
    for first, end in zip(starts, [*starts[1:], page_count], strict=True):
        writer = PdfFileWriter()
        for index in range(first, end):
            writer.add_page(reader.pages[index])
        with io.BytesIO() as stream:
            writer.write(stream)
            documents.append(stream.getvalue())
    return documents


def page_texts(pdf, reader):
    """The text of each page of ``pdf`` (bytes), ``reader`` being its reader."""
    page_count = len(reader.pages)
    texts = pdftotext_pages(pdf)
    if texts is None or len(texts) < page_count:
        return [page.extract_text() for page in reader.pages]
    return texts[:page_count]


def pdftotext_pages(pdf):
    """The text of each page by poppler's ``pdftotext`` (pages end with a form feed), or None
    when it is not installed or fails."""
    try:
        binary = find_in_path("pdftotext")
    except OSError:
        return None
    if not binary:
        return None
    try:
        result = subprocess.run(
            [binary, "-q", "-enc", "UTF-8", "-", "-"],
            input=pdf,
            capture_output=True,
            timeout=PDFTOTEXT_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if result.returncode:
        return None
    return result.stdout.decode("utf-8", errors="replace").split("\f")
