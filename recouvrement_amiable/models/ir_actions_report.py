# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import lxml.html
from lxml import etree

from odoo import models

from ..tools.pdf_split import split_pdf_on_markers

ARTICLE_XPATH = "//div[contains(concat(' ', normalize-space(@class), ' '), ' article ')]"


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _render_pdf_documents_in_one_call(self, report_ref, res_ids, markers, tag=False):
        """Render one PDF per record with a single wkhtmltopdf call, as {res_id: bytes}.

        wkhtmltopdf built on an unpatched Qt (Debian's) converts one document per call, so
        Odoo's batch rendering would call it once per record. Here every record's article goes
        into one document, a page break between records, and the PDF is split back using the
        outline entry that each record's first heading produces. Returns None when the split
        is ambiguous, so that the caller falls back to one call per record.

        ``tag``: the markers are not printed by the documents themselves (Odoo's invoices, whose
        web font gives no extractable text): each one is printed, tiny and white, in a font
        whose text can be read back, at the top of its document.
        """
        report = self._get_report(report_ref)
        html = self._render_qweb_html(report_ref, res_ids)[0]
        root = lxml.html.fromstring(html, parser=lxml.html.HTMLParser(encoding="utf-8"))
        articles = root.xpath(ARTICLE_XPATH)
        if len(articles) != len(res_ids):
            return None
        merged = etree.Element("div", {"class": "article"})
        for index, article in enumerate(articles):
            if index:
                etree.SubElement(merged, "div", {"style": "page-break-before: always;"})
            article.getparent().remove(article)
            article.set("class", "o_recouvrement_document")
            if tag:
                label = etree.Element(
                    "div",
                    {"style": "font-family: 'DejaVu Sans'; font-size: 4px; color: #ffffff;"},
                )
                label.text = markers[index]
                article.insert(0, label)
            merged.append(article)
        root.xpath("//main")[0].append(merged)
        bodies, _ids, header, footer, paperformat_args = report._prepare_html(
            lxml.html.tostring(root, encoding="unicode"), report_model=report.model
        )
        pdf = self._run_wkhtmltopdf(
            bodies,
            report_ref=report_ref,
            header=header,
            footer=footer,
            specific_paperformat_args=paperformat_args,
        )
        return self._split_pdf_on_markers(pdf, res_ids, markers)

    def _split_pdf_on_markers(self, pdf, res_ids, markers):
        """Split the merged PDF back into {res_id: bytes}; None when ambiguous."""
        documents = split_pdf_on_markers(pdf, markers)
        if documents is None:
            return None
        return dict(zip(res_ids, documents, strict=True))
