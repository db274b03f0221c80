"""Names capped in bytes with their extension kept; compression bombs refused from the zip's directory alone;
text capped; files served as the type their bytes are."""

import io
import time
import zipfile

import pytest

from inspections.documents.limits import (
    TextTooLong,
    UnpacksTooLarge,
    check_archive,
    check_text_length,
    safe_file_name,
    served_type,
)


def test_a_long_name_keeps_its_extension_and_fits_in_bytes():
    name = safe_file_name("x" * 300 + ".js.txt")
    assert name.endswith(".txt") and not name.endswith(".js")
    assert len(name.encode()) <= 150


def test_a_long_accented_name_is_cut_on_a_character_boundary():
    name = safe_file_name("é" * 150 + ".pdf")
    assert name.endswith(".pdf")
    assert len(name.encode()) <= 150
    name.encode().decode("utf-8")  # whole characters only
    assert set(name[:-4]) == {"é"}


def test_paths_and_control_characters_are_dropped():
    assert safe_file_name("../../etc/passwd\x00.txt") == "passwd.txt"
    assert safe_file_name("C:\\Users\\me\\report.pdf") == "report.pdf"
    assert safe_file_name("") == "document"


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_compression_bomb_is_refused_without_unpacking_it():
    # 256 MiB of zeros packs to a quarter of a megabyte; the check reads only the zip's directory.
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/document.xml", "w", force_zip64=True) as part,
    ):
        chunk = b"\0" * (1024 * 1024)
        for _ in range(256):
            part.write(chunk)
    bomb = buffer.getvalue()
    assert len(bomb) < 1024 * 1024
    started = time.monotonic()
    with pytest.raises(UnpacksTooLarge, match="unpacks to 268 MB"):
        check_archive(bomb)
    assert time.monotonic() - started < 0.5


def test_a_small_highly_packed_file_is_refused_by_its_ratio():
    with pytest.raises(UnpacksTooLarge, match="times its size"):
        check_archive(_zip({"word/document.xml": b"a" * 50_000_000}))


def test_an_ordinary_word_file_and_other_types_pass():
    check_archive(
        _zip({"word/document.xml": b"<w:document>Derby</w:document>" * 100, "[Content_Types].xml": b"x"})
    )
    check_archive(b"%PDF-1.7 ...")
    check_archive(b"PK\x03\x04 not really a zip")


def test_too_many_parts_are_refused(settings):
    settings.MAX_ARCHIVE_PARTS = 10
    with pytest.raises(UnpacksTooLarge, match="11 parts"):
        check_archive(_zip({f"part{i}.xml": b"x" for i in range(11)}))


def test_text_is_capped(settings):
    settings.MAX_DOCUMENT_CHARS = 1000
    check_text_length("x" * 1000)
    with pytest.raises(TextTooLong, match="1,001 characters"):
        check_text_length("x" * 1001)


@pytest.mark.parametrize(
    ("content_type", "served"),
    [
        ("pdf", "application/pdf"),
        ("text", "text/plain; charset=utf-8"),
        ("html", "application/octet-stream"),
        ("", "application/octet-stream"),
        ("binary", "application/octet-stream"),
    ],
)
def test_files_are_served_as_their_bytes_say(content_type, served):
    assert served_type(content_type) == served
