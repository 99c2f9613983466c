"""Merge a freshly exported template into fr.po, keeping existing translations.

Usage: i18n_merge.py TEMPLATE.pot fr.po
Prints the entries still untranslated and exits 1 when there are any.
"""

import sys
from pathlib import Path

import polib


def main(template_path, po_path):
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
    sys.exit(main(sys.argv[1], sys.argv[2]))
