"""Merge a freshly exported template into fr.po, keeping existing translations.

Usage: i18n_merge.py TEMPLATE.pot fr.po [ADDON.pot]
Prints the entries still untranslated and exits 1 when there are any. With ADDON.pot (the
add-on's i18n/recouvrement_amiable.pot), the template is copied there too when its entries
changed (a new export date alone does not rewrite it).
"""

import shutil
import sys
from pathlib import Path

import polib


def update_pot(template_path, pot_path):
    """Copy the exported template to the add-on's .pot when its entries differ."""
    if Path(pot_path).exists():
        old = [str(entry) for entry in polib.pofile(pot_path)]
        if old == [str(entry) for entry in polib.pofile(template_path)]:
            return
    shutil.copyfile(template_path, pot_path)
    print(f"template updated -> {pot_path}")


def main(template_path, po_path, pot_path=None):
    if pot_path:
        update_pot(template_path, pot_path)
    template = polib.pofile(template_path)
    known = {}
    if Path(po_path).exists():
        known = {(e.msgctxt, e.msgid): e.msgstr for e in polib.pofile(po_path) if e.msgstr}
    template.metadata.update(
        {
            "Language": "fr",
            "Language-Team": "French",
            "Plural-Forms": "nplurals=2; plural=n > 1;",
            "Content-Type": "text/plain; charset=UTF-8",
        }
    )
    missing = []
    for entry in template:
        entry.msgstr = known.get((entry.msgctxt, entry.msgid), "")
        if not entry.msgstr:
            missing.append(entry.msgid)
    template.save(po_path)
    for msgid in missing:
        print(f"untranslated: {msgid!r}")
    print(f"{len(template) - len(missing)} translated, {len(missing)} missing -> {po_path}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
