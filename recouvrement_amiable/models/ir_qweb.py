# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import etree

from odoo import models

# context keys set by each rendering (not by the compilation)
RENDER_ONLY_KEYS = ("_qweb_error_path_xml", "dunning_compile_once")


class IrQweb(models.AbstractModel):
    _inherit = "ir.qweb"

    def _generate_code_uncached(self, template):
        """Compile an inline template once per transaction when rendering a batch.

        Odoo renders a mail template's body for each record from a new element, so it compiles
        the same source again for every debtor (a fifth of a dunning run). With the context key
        ``dunning_compile_once`` (set by the run's mass mailing), the compiled functions are kept
        on the cursor, keyed by the source and the whole compilation context: the same inputs
        give the same code.
        """
        if not self.env.context.get("dunning_compile_once") or not isinstance(
            template, etree._Element
        ):
            return super()._generate_code_uncached(template)
        key = (
            etree.tostring(template),
            tuple(
                sorted(
                    (name, repr(value))
                    for name, value in self.env.context.items()
                    if not name.startswith("__qweb") and name not in RENDER_ONLY_KEYS
                )
            ),
        )
        compiled = self.env.cr.cache.setdefault("dunning_qweb_compiled", {})
        if key not in compiled:
            compiled[key] = super()._generate_code_uncached(template)
        return compiled[key]
