# Copyright 2026 recouvrement_amiable contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the portal accepts from a visitor: drawn signatures, dispute documents, names.

The file type is read from the bytes (their magic number), never from the name or the type
the browser claims. Each check returns the accepted value or raises ``UploadError`` with a
code that the models turn into a translated message.
"""

import base64
import binascii
import io

from PIL import Image

SIGNATURE_MAX_BYTES = 1024 * 1024
SIGNATURE_MAX_SIZE = (2000, 1000)
SIGNER_NAME_MAX = 128
DISPUTE_FILE_MAX_BYTES = 10 * 1024 * 1024
DISPUTE_FILE_NAME_MAX = 128

PNG = "image/png"
JPEG = "image/jpeg"
PDF = "application/pdf"
MAGIC_NUMBERS = (
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
    (b"%PDF-", PDF),
)
EXTENSIONS = {PNG: ".png", JPEG: ".jpg", PDF: ".pdf"}


class UploadError(ValueError):
    """Refused input; ``code`` names the reason."""

    def __init__(self, code, message=""):
        super().__init__(message or code)
        self.code = code


def sniff_mimetype(data):
    """The type the bytes really are among PNG, JPEG and PDF, else None."""
    for magic, mimetype in MAGIC_NUMBERS:
        if data.startswith(magic):
            return mimetype
    return None


def check_signature(signature_b64):
    """The drawn signature as bytes: a PNG or JPEG image that decodes, not too big.

    ``signature_b64``: base64 text as the signature widget sends it.
    """
    if not signature_b64:
        raise UploadError("signature_missing")
    if isinstance(signature_b64, str):
        signature_b64 = signature_b64.encode("ascii", errors="replace")
    # base64 is 4/3 of the bytes: refuse before decoding anything far too big
    if len(signature_b64) > SIGNATURE_MAX_BYTES * 4 // 3 + 4:
        raise UploadError("signature_too_big")
    try:
        data = base64.b64decode(signature_b64, validate=True)
    except (binascii.Error, ValueError) as error:
        raise UploadError("signature_format") from error
    if len(data) > SIGNATURE_MAX_BYTES:
        raise UploadError("signature_too_big")
    if sniff_mimetype(data) not in (PNG, JPEG):
        raise UploadError("signature_format")
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            if width > SIGNATURE_MAX_SIZE[0] or height > SIGNATURE_MAX_SIZE[1]:
                raise UploadError("signature_dimensions")
            image.load()  # decodes every pixel: a truncated or forged file fails here
    except UploadError:
        raise
    except Exception as error:  # PIL raises many kinds of errors on broken files
        raise UploadError("signature_format") from error
    if not width or not height:
        raise UploadError("signature_format")
    return data


def check_signer_name(name):
    """The signer's name, stripped; present and at most 128 characters."""
    name = (name or "").strip()
    if not name:
        raise UploadError("name_missing")
    if len(name) > SIGNER_NAME_MAX:
        raise UploadError("name_too_long")
    return name


def check_dispute_file(filename, data):
    """(safe file name, mimetype) of a document joined to a dispute: PDF, PNG or JPEG (by
    its bytes), at most 10 MB."""
    if len(data) > DISPUTE_FILE_MAX_BYTES:
        raise UploadError("file_too_big")
    mimetype = sniff_mimetype(data)
    if not mimetype:
        raise UploadError("file_type")
    # keep the base name only, without any path the browser sent, and a known extension
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    name = "".join(char for char in name if char.isprintable())[:DISPUTE_FILE_NAME_MAX]
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return (stem or "contestation") + EXTENSIONS[mimetype], mimetype
