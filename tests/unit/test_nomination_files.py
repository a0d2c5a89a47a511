"""Uploaded reports are checked by their content: real PDF or DOCX, at most 10 MB."""

import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfWriter

from conference.nominations.files import DOCX, MAX_SIZE, PDF, AttachmentRejected, check_document
from tests.documents import docx_bytes, pdf_bytes


def rejected(filename: str, content: bytes) -> str:
    with pytest.raises(AttachmentRejected) as error:
        check_document(filename, content)
    return error.value.reason


def encrypted_pdf(user_password: str) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt(user_password=user_password, owner_password="chu-so-huu")
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def test_real_pdf_is_accepted():
    checked = check_document("Báo cáo thành tích.PDF", pdf_bytes(pages=3))
    assert (checked.extension, checked.media_type) == (".pdf", PDF)


def test_real_docx_is_accepted():
    checked = check_document("bao-cao.docx", docx_bytes())
    assert (checked.extension, checked.media_type) == (".docx", DOCX)


@pytest.mark.parametrize(
    "filename", ["bao-cao.doc", "bao-cao.exe", "bao-cao", "bao-cao.pdf.html", ""]
)
def test_other_types_are_refused_by_name(filename):
    assert rejected(filename, pdf_bytes()) == "unsupported_type"


def test_word_file_named_pdf_is_not_a_pdf():
    assert rejected("bao-cao.pdf", docx_bytes()) == "not_pdf"


def test_pdf_named_docx_is_not_a_docx():
    assert rejected("bao-cao.docx", pdf_bytes()) == "not_docx"


def test_html_named_pdf_is_refused():
    assert rejected("bao-cao.pdf", b"<html><script>alert(1)</script></html>") == "not_pdf"


def test_pdf_signature_without_a_document_is_damaged():
    assert rejected("bao-cao.pdf", b"%PDF-1.7\n%%EOF\n") == "damaged_pdf"


def test_truncated_pdf_is_damaged():
    content = pdf_bytes()
    assert rejected("bao-cao.pdf", content[: len(content) // 3]) == "damaged_pdf"


def test_pdf_that_needs_a_password_is_refused_but_one_that_only_restricts_editing_opens():
    assert rejected("bao-cao.pdf", encrypted_pdf("mat-khau")) == "encrypted_pdf"
    assert check_document("bao-cao.pdf", encrypted_pdf("")).media_type == PDF


def test_zip_without_a_word_document_is_not_a_docx():
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("[Content_Types].xml", "<Types/>")
    assert rejected("bao-cao.docx", output.getvalue()) == "not_docx"


def test_docx_with_macros_is_refused():
    assert (
        rejected("bao-cao.docx", docx_bytes(extra={"word/vbaProject.bin": b"\0" * 64})) == "macros"
    )


def test_empty_and_oversized_files_are_refused():
    assert rejected("bao-cao.pdf", b"") == "empty"
    assert rejected("bao-cao.pdf", b"%PDF-1.7\n" + b"0" * MAX_SIZE) == "too_large"


def test_a_file_of_exactly_the_limit_is_checked_for_content_not_size():
    content = pdf_bytes()
    padded = content + b"\n" * (MAX_SIZE - len(content))
    assert check_document("bao-cao.pdf", padded).media_type == PDF


@settings(max_examples=200)
@given(st.binary(max_size=2000))
def test_any_bytes_after_the_pdf_signature_are_accepted_or_refused_never_crash(tail):
    try:
        check_document("bao-cao.pdf", b"%PDF-1.4\n" + tail)
    except AttachmentRejected as error:
        assert error.reason in {"damaged_pdf", "encrypted_pdf"}


@settings(max_examples=100)
@given(st.binary(max_size=2000))
def test_any_bytes_named_docx_are_accepted_or_refused_never_crash(content):
    try:
        check_document("bao-cao.docx", b"PK\x03\x04" + content)
    except AttachmentRejected as error:
        assert error.reason in {"not_docx", "macros"}
