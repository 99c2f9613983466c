# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import polib

from odoo.tests import TransactionCase, tagged
from odoo.tools.misc import file_path
from odoo.tools.translate import TranslationModuleReader

MODULE = "recouvrement_amiable"


@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):
    """French first: every term of the add-on has its French translation in i18n/fr.po."""

    def test_fr_po_covers_every_term(self):
        po = polib.pofile(file_path(f"{MODULE}/i18n/fr.po"))
        translated = {entry.msgid for entry in po if entry.msgstr.strip()}
        sources = {
            source
            for _module, _type, _name, _res_id, source, _value, _comments in (
                TranslationModuleReader(self.env.cr, [MODULE])
            )
        }
        missing = sorted(sources - translated)
        self.assertFalse(missing, "Terms without a French translation in i18n/fr.po")

    def test_pot_lists_every_term(self):
        """i18n/recouvrement_amiable.pot is the template of the current terms, none missing,
        none stale (``bash scripts/i18n_update.sh`` rewrites it)."""
        pot = {entry.msgid for entry in polib.pofile(file_path(f"{MODULE}/i18n/{MODULE}.pot"))}
        sources = {
            source
            for _module, _type, _name, _res_id, source, _value, _comments in (
                TranslationModuleReader(self.env.cr, [MODULE])
            )
        }
        self.assertFalse(sorted(sources - pot), "Terms missing from the .pot")
        self.assertFalse(sorted(pot - sources), "Terms of the .pot no longer in the add-on")

    def test_french_labels_load(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms([MODULE], ["fr_FR"], overwrite=True)
        fields_fr = (
            self.env["account.move"]
            .with_context(lang="fr_FR")
            .fields_get(["prescription_date", "days_overdue"], ["string"])
        )
        self.assertEqual(fields_fr["prescription_date"]["string"], "Date de prescription")
        self.assertEqual(fields_fr["days_overdue"]["string"], "Jours de retard")
