"""Checking uploaded documents by what they contain, not by what they are called.

A báo cáo thành tích arrives as PDF or DOCX, at most 10 MB. A PDF must start with the PDF
signature and open in pypdf with at least one page; a DOCX must be a zip archive holding
``word/document.xml`` (and no macros). The name's extension must agree with the content, so
that the file opens in the program its name promises. Plain bytes in, no Flask, no database.
"""

import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from pypdf import PdfReader
from pypdf.errors import PyPdfError

MAX_SIZE = 10 * 1024 * 1024
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Acrobat accepts the signature anywhere in the first kilobyte; so do we.
_PDF_SIGNATURE_WINDOW = 1024
# pypdf reports malformed files through its own errors and, deep in a broken file, through
# whatever the parser tripped on.
_PDF_PARSE_ERRORS = (PyPdfError, ValueError, KeyError, TypeError, IndexError, AttributeError,
                     RecursionError, OSError, AssertionError)  # fmt: skip


class AttachmentRejected(Exception):
    """The file cannot be accepted; `reason` says why."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class CheckedFile:
    extension: str  # ".pdf" or ".docx"
    media_type: str


def _check_pdf(content: bytes) -> None:
    if b"%PDF-" not in content[:_PDF_SIGNATURE_WINDOW]:
        raise AttachmentRejected("not_pdf")
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise AttachmentRejected("encrypted_pdf")
        pages = len(reader.pages)
    except _PDF_PARSE_ERRORS as error:
        raise AttachmentRejected("damaged_pdf") from error
    if pages == 0:
        raise AttachmentRejected("damaged_pdf")


def _check_docx(content: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as error:
        raise AttachmentRejected("not_docx") from error
    if "word/document.xml" not in names or "[Content_Types].xml" not in names:
        raise AttachmentRejected("not_docx")
    if "word/vbaProject.bin" in names:
        raise AttachmentRejected("macros")


_CHECKS = {".pdf": (_check_pdf, PDF), ".docx": (_check_docx, DOCX)}


def check_document(filename: str, content: bytes) -> CheckedFile:
    """Return what the file is, or raise AttachmentRejected with the reason."""
    extension = PurePath(filename or "").suffix.lower()
    if extension not in _CHECKS:
        raise AttachmentRejected("unsupported_type")
    if not content:
        raise AttachmentRejected("empty")
    if len(content) > MAX_SIZE:
        raise AttachmentRejected("too_large")
    check, media_type = _CHECKS[extension]
    check(content)
    return CheckedFile(extension, media_type)
