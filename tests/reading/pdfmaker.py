"""A minimal PDF writer for tests: plain text in standard Type1 Helvetica with WinAnsi encoding.

Enough to turn a seed text into a real PDF (so the reader is tested through pypdfium2), and to make the broken
PDFs the reader must refuse: encrypted, image-only (no text layer).
"""

from __future__ import annotations

import textwrap
import zlib

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
FONT_SIZE, LEADING, MARGIN = 9, 11, 50
LINES_PER_PAGE = (PAGE_HEIGHT - 2 * MARGIN) // LEADING
WRAP = 100


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def layout(text: str, wrap: int = WRAP) -> list[list[str]]:
    """Wrap long lines as a PDF would and cut into pages; a form feed starts a new page."""
    pages: list[list[str]] = []
    for chunk in text.split("\f"):
        lines: list[str] = []
        for line in chunk.split("\n"):
            lines.extend(textwrap.wrap(line, wrap, break_on_hyphens=False) or [""])
        for start in range(0, max(len(lines), 1), LINES_PER_PAGE):
            pages.append(lines[start : start + LINES_PER_PAGE])
    return pages


def _content(lines: list[str]) -> bytes:
    out = [b"BT", f"/F1 {FONT_SIZE} Tf {LEADING} TL {MARGIN} {PAGE_HEIGHT - MARGIN} Td".encode()]
    for line in lines:
        # A tab separates table cells: write the cell after it further right, on the same line.
        cells = line.split("\t")
        out.append(b"(" + _escape(cells[0]) + b") Tj")
        for offset, cell in enumerate(cells[1:], start=1):
            out.append(
                f"{330 * offset} 0 Td".encode()
                + b" ("
                + _escape(cell)
                + b") Tj "
                + f"{-330 * offset} 0 Td".encode()
            )
        out.append(b"T*")
    out.append(b"ET")
    return b"\n".join(out)


def _assemble(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    body = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(body))
        body += f"{number} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(body)
    body += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        body += f"{offset:010d} 00000 n \n".encode()
    body += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R ".encode() + trailer_extra + b">>\n"
    body += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(body)


def _stream(data: bytes, extra: bytes = b"", compress: bool = True) -> bytes:
    if compress:
        data = zlib.compress(data)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length " + str(len(data)).encode() + extra + b" >>\nstream\n" + data + b"\nendstream"


def make_pdf(text: str, wrap: int = WRAP) -> bytes:
    """A text PDF of the given text (pages split at form feeds and when full)."""
    pages = layout(text, wrap)
    # 1 catalog, 2 pages, 3 font, then (page, content) pairs
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(len(pages)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for index, lines in enumerate(pages):
        content_number = 5 + 2 * index
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {content_number} 0 R >>".encode()
        )
        objects.append(_stream(_content(lines)))
    return _assemble(objects)


def make_image_only_pdf(pages: int = 2) -> bytes:
    """A 'scanned' PDF: each page paints a grey image and has no text at all."""
    kids = " ".join(f"{3 + 3 * i} 0 R" for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
    ]
    for index in range(pages):
        page, content, image = 3 + 3 * index, 4 + 3 * index, 5 + 3 * index
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
            f"/Resources << /XObject << /Im1 {image} 0 R >> >> /Contents {content} 0 R >>".encode()
        )
        objects.append(_stream(f"q {PAGE_WIDTH} 0 0 {PAGE_HEIGHT} 0 0 cm /Im1 Do Q".encode()))
        pixels = bytes([128]) * (32 * 32)
        objects.append(
            _stream(
                pixels,
                b" /Type /XObject /Subtype /Image /Width 32 /Height 32 /ColorSpace "
                b"/DeviceGray /BitsPerComponent 8",
            )
        )
        assert page == len(objects) - 2
    return _assemble(objects)


def make_encrypted_pdf(text: str = "Secret") -> bytes:
    """A PDF whose trailer names a standard security handler with a user password: it cannot be opened.

    The /O and /U entries are arbitrary, so no password opens it; readers must still recognise it as
    encrypted.
    """
    base = make_pdf(text)
    encrypt = (
        b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 "
        b"/O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> >>"
    )
    # Rebuild with the /Encrypt dictionary as an extra object referenced from the trailer.
    pages = layout(text)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(len(pages)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for index, lines in enumerate(pages):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * index} 0 R >>".encode()
        )
        objects.append(_stream(_content(lines)))
    objects.append(encrypt)
    assert base.startswith(b"%PDF")
    return _assemble(objects, f"/Encrypt {len(objects)} 0 R /ID [<{'ab' * 16}> <{'ab' * 16}>] ".encode())
