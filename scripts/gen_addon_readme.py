"""Generate the add-on's README.rst and static/description/index.html from readme/ fragments.

What OCA's ``oca-gen-addon-readme`` (maintainer-tools) does, offline and without pandoc:
the Markdown fragments of ``readme/`` (DESCRIPTION, CONTEXT, INSTALL, CONFIGURE, USAGE,
DEVELOP, ROADMAP, HISTORY, CONTRIBUTORS, CREDITS; ``.md`` or ``.rst``) and the manifest give
README.rst in OCA's layout (badges, table of contents, bug tracker, credits, maintainers), then
docutils turns it into index.html, the page Odoo shows in the Apps menu. A docutils warning is
an error: a fragment that does not convert cleanly stops the script.

Usage: gen_addon_readme.py [--check] [ADDON_DIR]
  (default ADDON_DIR: recouvrement_amiable next to this script's folder)
  Without --check, both files are rewritten when out of date (exit 0).
  With --check, nothing is written; exit 1 and name the stale files when out of date.
Markdown understood: paragraphs, ``-``/``*`` and ``1.`` lists (continuation lines indented),
``#`` headings, **bold**, *italic*, `code`, [text](url) links.
"""

import argparse
import ast
import hashlib
import re
import sys
from pathlib import Path

from docutils.core import publish_string

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ADDON = ROOT / "recouvrement_amiable"
BRANCH = "19.0"
FRAGMENTS = [
    ("DESCRIPTION", None),
    ("CONTEXT", "Use Cases / Context"),
    ("INSTALL", "Installation"),
    ("CONFIGURE", "Configuration"),
    ("USAGE", "Usage"),
    ("DEVELOP", "Development"),
    ("ROADMAP", "Known issues / Roadmap"),
    ("HISTORY", "Changelog"),
]
CREDIT_FRAGMENTS = [("CONTRIBUTORS", "Contributors"), ("CREDITS", "Other credits")]
STATUS_BADGES = {
    "alpha": ("Alpha", "red"),
    "beta": ("Beta", "yellow"),
    "production/stable": ("Production%2FStable", "green"),
    "mature": ("Mature", "brightgreen"),
}
LICENSE_BADGES = {
    "AGPL-3": ("AGPL--3", "http://www.gnu.org/licenses/agpl-3.0-standalone.html"),
    "LGPL-3": ("LGPL--3", "http://www.gnu.org/licenses/lgpl-3.0-standalone.html"),
    "GPL-3": ("GPL--3", "http://www.gnu.org/licenses/gpl-3.0-standalone.html"),
}


# ---------------------------------------------------------------------------------------------
# Markdown to reStructuredText
# ---------------------------------------------------------------------------------------------


def _inline(text):
    """Inline Markdown (code, links, bold, italic) to reStructuredText."""
    codes = []

    def keep_code(match):
        codes.append(match.group(1))
        return f"\x00{len(codes) - 1}\x00"

    text = re.sub(r"`([^`]+)`", keep_code, text)
    text = re.sub(r"\[([^\]]+)\]\(([^)\s]+)\)", r"`\1 <\2>`__", text)
    text = re.sub(r"\*\*([^*]+)\*\*", "\x01\\1\x01", text)
    text = re.sub(r"(?<![*\w])\*([^*\s][^*]*)\*(?![*\w])", r"*\1*", text)
    text = text.replace("\x01", "**")
    return re.sub(r"\x00(\d+)\x00", lambda m: f"``{codes[int(m.group(1))]}``", text)


HEADING_CHARS = ["-", "~", "^", '"']
LIST_ITEM = re.compile(r"^(\s*)([-*+]|\d+[.)])\s+(.*)$")


def markdown_to_rst(markdown):
    """Convert the Markdown subset of the fragments (see the module docstring)."""
    out = []
    paragraph = []

    def flush():
        if paragraph:
            out.extend(paragraph)
            out.append("")
            paragraph.clear()

    in_list = False
    continuation = "  "
    for raw in markdown.splitlines():
        line = raw.rstrip()
        heading = re.match(r"^(#{1,4})\s+(.*)$", line)
        item = LIST_ITEM.match(line)
        if not line.strip():
            flush()
            if in_list:
                in_list = False
                if out and out[-1] != "":
                    out.append("")
            continue
        if heading:
            flush()
            title = _inline(heading.group(2).strip())
            out.extend([title, HEADING_CHARS[len(heading.group(1)) - 1] * len(title), ""])
            continue
        if item:
            flush()
            indent, bullet, body = item.groups()
            marker = "#." if bullet[0].isdigit() else "-"
            if not in_list and out and out[-1] != "":
                out.append("")
            out.append(f"{indent}{marker} {_inline(body)}")
            continuation = indent + " " * (len(marker) + 1)
            in_list = True
            continue
        if in_list:
            # continuation of the current item: align on the item's text
            out.append(continuation + _inline(line.strip()))
            continue
        paragraph.append(_inline(line.strip()))
    flush()
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------------
# README.rst and index.html
# ---------------------------------------------------------------------------------------------


def read_fragments(addon):
    fragments = {}
    readme = addon / "readme"
    for name, _title in FRAGMENTS + CREDIT_FRAGMENTS:
        md, rst = readme / f"{name}.md", readme / f"{name}.rst"
        if md.exists():
            fragments[name] = markdown_to_rst(md.read_text(encoding="utf-8"))
        elif rst.exists():
            fragments[name] = rst.read_text(encoding="utf-8").strip() + "\n"
    return fragments


MANIFEST_KEYS = (
    "name",
    "summary",
    "author",
    "website",
    "license",
    "development_status",
    "maintainers",
)


def source_digest(addon, manifest):
    """Digest of what README.rst is made of: the fragments, the manifest keys it shows (not
    the rest of the manifest, so that adding a data file does not make it stale) and this
    script."""
    digest = hashlib.sha256()
    digest.update(repr([(key, manifest.get(key)) for key in MANIFEST_KEYS]).encode())
    for path in sorted((addon / "readme").glob("*")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    digest.update(Path(__file__).read_bytes())
    return "sha256:" + digest.hexdigest()


def _section(title, body, underline):
    return f"{title}\n{underline * len(title)}\n\n{body}\n"


def _box(lines):
    rule = "   " + "!" * 59
    return [rule, *(f"   !! {line.ljust(55)}!!" for line in lines), rule]


def render_readme(addon):
    manifest = ast.literal_eval((addon / "__manifest__.py").read_text(encoding="utf-8"))
    fragments = read_fragments(addon)
    name = manifest["name"]
    addon_name = addon.name
    website = manifest.get("website", "").rstrip("/")
    match = re.match(r"https://github\.com/([^/]+)/([^/]+)$", website)
    if not match:
        raise SystemExit(f"the manifest's website must be the GitHub repository: {website!r}")
    org, repo = match.groups()
    badges = []
    status = manifest.get("development_status", "").lower()
    if status in STATUS_BADGES:
        label, colour = STATUS_BADGES[status]
        badges.append(
            (
                f"https://img.shields.io/badge/maturity-{label}-{colour}.png",
                "https://odoo-community.org/page/development-status",
                manifest["development_status"],
            )
        )
    license_ = manifest.get("license", "")
    if license_ in LICENSE_BADGES:
        label, target = LICENSE_BADGES[license_]
        badges.append(
            (
                f"https://img.shields.io/badge/licence-{label}-blue.png",
                target,
                f"License: {license_}",
            )
        )
    badges.append(
        (
            f"https://img.shields.io/badge/github-{org.replace('-', '--')}%2F"
            f"{repo.replace('-', '--').replace('_', '__')}-lightgray.png?logo=github",
            f"https://github.com/{org}/{repo}/tree/{BRANCH}/{addon_name}",
            f"{org}/{repo}",
        )
    )

    parts = [
        "=" * len(name),
        name,
        "=" * len(name),
        "",
        "..",
        *_box(
            [
                "This file is generated by scripts/gen_addon_readme.py",
                "from readme/*.md and the manifest: edit those.",
            ]
        ),
        f"   !! source digest: {source_digest(addon, manifest)}",
        "   " + "!" * 59,
        "",
    ]
    for index, (image, target, alt) in enumerate(badges, 1):
        parts += [
            f".. |badge{index}| image:: {image}",
            f"    :target: {target}",
            f"    :alt: {alt}",
        ]
    parts += ["", " ".join(f"|badge{index}|" for index in range(1, len(badges) + 1)), ""]
    parts.append(fragments.get("DESCRIPTION", manifest.get("summary", "")).rstrip())
    parts += ["", "**Table of contents**", "", ".. contents::", "   :local:", ""]
    for key, title in FRAGMENTS[1:]:
        if key in fragments:
            parts.append(_section(title, fragments[key].rstrip(), "="))
    issues = f"https://github.com/{org}/{repo}/issues"
    parts.append(
        _section(
            "Bug Tracker",
            f"Bugs are tracked on `GitHub Issues <{issues}>`_.\n"
            "In case of trouble, please check there if your issue has already been reported.\n"
            "If you spotted it first, help us to smash it by providing a detailed and welcomed\n"
            f"`feedback <{issues}/new?body=module:%20{addon_name}%0Aversion:%20{BRANCH}"
            "%0A%0A**Steps%20to%20reproduce**%0A-%20...%0A%0A**Current%20behavior**"
            "%0A%0A**Expected%20behavior**>`_.",
            "=",
        )
    )
    credits = ["Credits", "=======", ""]
    authors = [author.strip() for author in manifest.get("author", "").split(",") if author]
    if authors:
        credits.append(_section("Authors", "\n".join(f"- {a}" for a in authors), "~"))
    for key, title in CREDIT_FRAGMENTS:
        if key in fragments:
            credits.append(_section(title, fragments[key].rstrip(), "~"))
    maintainers = manifest.get("maintainers", [])
    body = []
    if maintainers:
        for maintainer in maintainers:
            body += [
                f".. |maintainer-{maintainer}| image:: https://github.com/{maintainer}.png?size=40px",
                f"    :target: https://github.com/{maintainer}",
                f"    :alt: {maintainer}",
            ]
        plural = "s" if len(maintainers) > 1 else ""
        body += [
            "",
            f"Current maintainer{plural}:",
            "",
            " ".join(f"|maintainer-{maintainer}|" for maintainer in maintainers),
            "",
        ]
    body += [
        f"This module is part of the `{org}/{repo} "
        f"<https://github.com/{org}/{repo}/tree/{BRANCH}/{addon_name}>`_ project on GitHub.",
        "",
        "You are welcome to contribute.",
    ]
    credits.append(_section("Maintainers", "\n".join(body), "~"))
    parts.append("\n".join(credits))
    return "\n".join(parts).rstrip() + "\n"


def render_html(readme_rst):
    """index.html as OCA makes it: docutils' HTML writer, stylesheet embedded, warnings fatal."""
    html = publish_string(
        source=readme_rst,
        writer_name="html4css1",
        settings_overrides={
            "_disable_config": True,
            "embed_stylesheet": True,
            "halt_level": 2,  # a warning stops the script
            "report_level": 2,
            "output_encoding": "unicode",
            "xml_declaration": False,
        },
    )
    return "\n".join(line.rstrip() for line in html.splitlines()) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing, fail when stale")
    parser.add_argument("addon", nargs="?", default=str(DEFAULT_ADDON))
    args = parser.parse_args(argv)
    addon = Path(args.addon).resolve()
    readme = render_readme(addon)
    html = render_html(readme)
    targets = {
        addon / "README.rst": readme,
        addon / "static" / "description" / "index.html": html,
    }
    stale = [
        path
        for path, content in targets.items()
        if not path.exists() or path.read_text(encoding="utf-8") != content
    ]
    if args.check:
        for path in stale:
            print(f"{path.relative_to(addon.parent)} is out of date: run {sys.argv[0]}")
        return 1 if stale else 0
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(targets[path], encoding="utf-8")
        print(f"written: {path.relative_to(addon.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
