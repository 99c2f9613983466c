import base64
import io

import pytest
from PIL import Image

from recouvrement_amiable.rules import uploads


def _image(fmt, size=(40, 20)):
    stream = io.BytesIO()
    Image.new("RGB", size, "white").save(stream, format=fmt)
    return stream.getvalue()


def _b64(data):
    return base64.b64encode(data).decode()


def _code(call, *args):
    with pytest.raises(uploads.UploadError) as caught:
        call(*args)
    return caught.value.code


def test_signature_png_and_jpeg_accepted():
    png = _image("PNG")
    assert uploads.check_signature(_b64(png)) == png
    jpeg = _image("JPEG")
    assert uploads.check_signature(_b64(jpeg).encode()) == jpeg


def test_signature_refused_when_not_an_image_that_decodes():
    assert _code(uploads.check_signature, "") == "signature_missing"
    assert _code(uploads.check_signature, "not base64 !") == "signature_format"
    assert _code(uploads.check_signature, _b64(b"%PDF-1.4 hello")) == "signature_format"
    assert _code(uploads.check_signature, _b64(_image("GIF"))) == "signature_format"
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    assert _code(uploads.check_signature, _b64(svg)) == "signature_format"
    # a PNG header followed by garbage: the magic number alone is not enough
    forged = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    assert _code(uploads.check_signature, _b64(forged)) == "signature_format"
    truncated = _image("PNG")[:-30]
    assert _code(uploads.check_signature, _b64(truncated)) == "signature_format"


def test_signature_size_limits():
    assert uploads.check_signature(_b64(_image("PNG", (2000, 1000))))
    assert _code(uploads.check_signature, _b64(_image("PNG", (2001, 10)))) == (
        "signature_dimensions"
    )
    assert _code(uploads.check_signature, _b64(_image("PNG", (10, 1001)))) == (
        "signature_dimensions"
    )
    big = b"\x89PNG\r\n\x1a\n" + b"\x00" * uploads.SIGNATURE_MAX_BYTES
    assert _code(uploads.check_signature, _b64(big)) == "signature_too_big"


def test_signer_name():
    assert uploads.check_signer_name("  Jean Durand ") == "Jean Durand"
    assert uploads.check_signer_name("é" * 128) == "é" * 128
    assert _code(uploads.check_signer_name, "   ") == "name_missing"
    assert _code(uploads.check_signer_name, None) == "name_missing"
    assert _code(uploads.check_signer_name, "x" * 129) == "name_too_long"


def test_dispute_file_type_from_the_bytes():
    assert uploads.check_dispute_file("bon.pdf", b"%PDF-1.4 x") == ("bon.pdf", uploads.PDF)
    assert uploads.check_dispute_file("photo.jpeg", _image("JPEG"))[1] == uploads.JPEG
    # the name never decides the type nor carries a path
    assert uploads.check_dispute_file("../../etc/x.html", _image("PNG")) == ("x.png", uploads.PNG)
    assert uploads.check_dispute_file("C:\\docs\\devis", b"%PDF-1.7") == ("devis.pdf", uploads.PDF)
    assert uploads.check_dispute_file("", b"%PDF-1.7")[0] == "contestation.pdf"
    assert _code(uploads.check_dispute_file, "a.pdf", b"<html><script>") == "file_type"
    assert _code(uploads.check_dispute_file, "a.pdf", b"MZ\x90\x00") == "file_type"


def test_dispute_file_size():
    limit = uploads.DISPUTE_FILE_MAX_BYTES
    assert uploads.check_dispute_file("a.pdf", b"%PDF-" + b"0" * (limit - 5))
    assert _code(uploads.check_dispute_file, "a.pdf", b"%PDF-" + b"0" * (limit - 4)) == (
        "file_too_big"
    )
