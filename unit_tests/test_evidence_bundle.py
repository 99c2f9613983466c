import csv
import hashlib
import io
import json
import zipfile

from recouvrement_amiable.rules import evidence_bundle as eb


def test_safe_name():
    assert eb.safe_name("FAC/2026/00001 é.pdf") == "FAC-2026-00001-e.pdf"
    assert eb.safe_name("") == "document"


def test_bundle_manifest_hashes(tmp_path):
    piece = tmp_path / "big.bin"
    piece.write_bytes(b"x" * (3 * eb.CHUNK + 5))
    target = tmp_path / "bundle.zip"
    with open(target, "wb") as out:
        writer = eb.BundleWriter(out)
        writer.add_bytes("a.pdf", "Facture", "2026-01-31", b"%PDF-1")
        writer.add_bytes("a.pdf", "Même nom", "2026-02-01", b"%PDF-2")
        writer.add_path("big.bin", "Gros fichier", "2026-02-02", piece)
        sha = writer.write_manifest()
        writer.add_unlisted("chronologie.pdf", b"summary")
        writer.close()
    with zipfile.ZipFile(target) as archive:
        manifest = archive.read("manifest.json")
        assert hashlib.sha256(manifest).hexdigest() == sha
        files = json.loads(manifest)["files"]
        assert [f["name"] for f in files] == ["a.pdf", "a-2.pdf", "big.bin"]
        for entry in files:
            assert hashlib.sha256(archive.read(entry["name"])).hexdigest() == entry["sha256"]
        rows = list(csv.DictReader(io.StringIO(archive.read("manifest.csv").decode())))
        assert [r["sha256"] for r in rows] == [f["sha256"] for f in files]
        assert rows[1]["description"] == "Même nom"
        assert "chronologie.pdf" in archive.namelist()
    with open(target, "rb") as bundle:
        assert eb.verify(bundle) == []
