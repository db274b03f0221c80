"""Files the reader must refuse, each with a stable code and a message an admin can act on."""

import io
import zipfile

import pytest

from inspections.reading.errors import ReadingError
from inspections.reading.text import extract, sniff_type

from .helpers import PDFS, read_text
from .pdfmaker import make_encrypted_pdf, make_image_only_pdf, make_pdf

REAL_PDF = PDFS / "derby_focused_visit_2023-11-29.pdf"


def _refused(data: bytes, filename: str) -> ReadingError:
    with pytest.raises(ReadingError) as caught:
        extract(data, filename)
    error = caught.value
    assert len(error.message) > 30 and error.message.endswith(".")
    return error


def _zip(names: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in names.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_empty_file():
    assert _refused(b"", "report.pdf").code == "empty"
    assert _refused(b"   \n", "report.txt").code == "empty"


def test_truncated_pdf_is_corrupt():
    data = REAL_PDF.read_bytes()
    error = _refused(data[: len(data) // 2], "report.pdf")
    assert error.code == "corrupt"
    assert "fresh copy" in error.message


def test_garbage_after_pdf_magic_is_corrupt():
    assert _refused(b"%PDF-1.7\n" + bytes(range(256)) * 20, "report.pdf").code == "corrupt"


def test_encrypted_pdf():
    error = _refused(make_encrypted_pdf("Inspection of Derby local authority children's services"), "r.pdf")
    assert error.code == "encrypted"
    assert "password" in error.message


def test_scanned_pdf_needs_ocr():
    error = _refused(make_image_only_pdf(3), "scan.pdf")
    assert error.code == "no_text"
    assert "OCR" in error.message


def test_zip_named_pdf_is_a_type_mismatch():
    error = _refused(_zip({"a.txt": b"hello"}), "report.pdf")
    assert error.code == "type_mismatch"
    assert "report.pdf" in error.message


def test_text_named_pdf_is_a_type_mismatch():
    assert _refused(b"Inspection of Derby local authority children's services\n" * 3, "report.pdf").code == (
        "type_mismatch"
    )


def test_pdf_named_txt_is_reported_but_can_be_read_on_request():
    pdf = make_pdf("Focused visit to Derby City Council children's services\n" * 5)
    assert _refused(pdf, "letter.txt").code == "type_mismatch"
    extracted = extract(pdf, "letter.txt", allow_mismatch=True)
    assert extracted.source_type == "pdf"
    assert extracted.problems and "letter.txt" in extracted.problems[0]


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "page.png"),
        (b"\xff\xd8\xff\xe0" + bytes(200), "scan.jpg"),
        (_zip({"xl/workbook.xml": b"<x/>", "[Content_Types].xml": b"<x/>"}), "figures.xlsx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "old.doc"),
        (bytes(range(256)) * 8, "program.bin"),
    ],
)
def test_unsupported_types(data, filename):
    assert _refused(data, filename).code == "unsupported"


def test_image_named_pdf_is_a_mismatch():
    assert _refused(b"\x89PNG\r\n\x1a\n" + bytes(200), "report.pdf").code == "type_mismatch"


def test_sniffing_reads_the_bytes_not_the_name():
    assert sniff_type(make_pdf("x")) == "pdf"
    assert sniff_type(b"<!DOCTYPE html><html><body><p>x</p></body></html>") == "html"
    assert sniff_type("Plain text, caf\u00e9".encode("cp1252")) == "text"
    assert sniff_type(_zip({"word/document.xml": b"<w/>"})) == "docx"


def test_text_about_no_english_council():
    reading = read_text(
        "Inspection of children's social care services\nCardiff Council\nJudgement Grade\n"
        "Overall effectiveness Good\nOfsted inspected services in Wales.\n"
    )
    assert reading.council is None
    assert [e["code"] for e in reading.errors] == ["unknown_council"]
    assert "council" in reading.errors[0]["message"]


def test_text_naming_two_councils_equally_is_ambiguous():
    reading = read_text(
        "Report to the Joint Committee\nOfsted's findings for Leicester and for Nottingham were discussed. "
        "Leicester and Nottingham agreed a shared plan. The Cabinet noted the recommendations.\n"
    )
    assert reading.council is None
    assert reading.errors[0]["code"] == "ambiguous_council"
    assert "Leicester" in reading.errors[0]["message"] and "Nottingham" in reading.errors[0]["message"]
