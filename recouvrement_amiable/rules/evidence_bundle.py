# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The evidence bundle of a litigation file: a ZIP written piece by piece, and its manifest.

Each piece is streamed into the archive (chunks from a file or one document at a time) while
its SHA-256 is computed; the archive itself is written to a file object (a temporary file),
never held whole in memory. ``manifest.csv`` and ``manifest.json`` list every piece with its
name, description, date and SHA-256; the SHA-256 of ``manifest.json`` identifies the bundle.
"""

import csv
import hashlib
import io
import json
import re
import unicodedata
import zipfile

CHUNK = 1024 * 1024
MANIFEST_CSV = "manifest.csv"
MANIFEST_JSON = "manifest.json"
MANIFEST_FIELDS = ("name", "description", "date", "sha256", "size")


def safe_name(text, default="document"):
    """A file name that every archive tool and file system accepts: ASCII, no separators."""
    text = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode()
    text = re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.")
    return text[:120] or default


class BundleWriter:
    """Write pieces into a ZIP archive and keep the manifest of what went in."""

    def __init__(self, fileobj):
        self.archive = zipfile.ZipFile(fileobj, "w", compression=zipfile.ZIP_DEFLATED)
        self.entries = []
        self._names = set()

    def _unique(self, name):
        base, dot, ext = name.rpartition(".")
        if not dot:
            base, ext = name, ""
        candidate, index = name, 1
        while candidate in self._names or candidate in (MANIFEST_CSV, MANIFEST_JSON):
            index += 1
            candidate = f"{base}-{index}.{ext}" if ext else f"{base}-{index}"
        self._names.add(candidate)
        return candidate

    def add_chunks(self, name, description, date, chunks):
        """Stream ``chunks`` (an iterable of bytes) into the archive as ``name``.

        Returns the entry written: {name, description, date, sha256, size}.
        """
        name = self._unique(name)
        digest, size = hashlib.sha256(), 0
        with self.archive.open(name, "w", force_zip64=True) as target:
            for chunk in chunks:
                digest.update(chunk)
                size += len(chunk)
                target.write(chunk)
        entry = {
            "name": name,
            "description": description,
            "date": str(date or ""),
            "sha256": digest.hexdigest(),
            "size": size,
        }
        self.entries.append(entry)
        return entry

    def add_bytes(self, name, description, date, data):
        return self.add_chunks(name, description, date, [data or b""])

    def add_path(self, name, description, date, path):
        def chunks():
            with open(path, "rb") as source:
                while chunk := source.read(CHUNK):
                    yield chunk

        return self.add_chunks(name, description, date, chunks())

    def add_unlisted(self, name, data):
        """A piece outside the manifest (a summary that prints the manifest's fingerprint)."""
        self.archive.writestr(self._unique(name), data)

    def write_manifest(self):
        """Write manifest.csv and manifest.json; return the SHA-256 of manifest.json."""
        text = io.StringIO()
        writer = csv.DictWriter(text, fieldnames=MANIFEST_FIELDS, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(self.entries)
        self.archive.writestr(MANIFEST_CSV, text.getvalue().encode("utf-8"))
        manifest = json.dumps(
            {"files": self.entries}, ensure_ascii=False, indent=1, sort_keys=True
        ).encode("utf-8")
        self.archive.writestr(MANIFEST_JSON, manifest)
        return hashlib.sha256(manifest).hexdigest()

    def close(self):
        self.archive.close()


def verify(fileobj):
    """Recompute every hash of a bundle: the list of names whose content differs."""
    with zipfile.ZipFile(fileobj) as archive:
        manifest = json.loads(archive.read(MANIFEST_JSON))
        return [
            entry["name"]
            for entry in manifest["files"]
            if hashlib.sha256(archive.read(entry["name"])).hexdigest() != entry["sha256"]
        ]
