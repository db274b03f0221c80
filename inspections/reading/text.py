"""Text from uploaded files: PDF, Word (.docx), HTML or plain text, page by page.

Every later step works on `ExtractedText.text`; offsets into it map back to page numbers, which is how a
passage shown on the review page points at the page of the original.
"""

from __future__ import annotations

import bisect
import io
import re
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import PurePath

from .errors import (
    CorruptFile,
    EmptyFile,
    EncryptedFile,
    NoTextLayer,
    ReadingError,
    TypeMismatch,
    UnsupportedType,
)

PAGE_BREAK = "\n\f\n"

# A page of a real text PDF has hundreds of characters; a scanned page has none or a few stray ones.
_MIN_CHARS_FOR_TEXT_PAGE = 40
_MIN_SHARE_OF_TEXT_PAGES = 0.1

_TYPE_NAMES = {
    "pdf": "a PDF",
    "docx": "a Word document (.docx)",
    "html": "an HTML page",
    "text": "plain text",
    "zip": "a zip archive",
    "spreadsheet": "a spreadsheet",
    "image": "an image",
    "old_office": "an old-style Office file (.doc/.xls)",
    "binary": "a binary file",
}
_EXTENSION_TYPES = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".htm": "html",
    ".html": "html",
    ".xhtml": "html",
    ".txt": "text",
    ".text": "text",
    ".md": "text",
}
_READABLE = {"pdf", "docx", "html", "text"}


@dataclass
class ExtractedText:
    """The document's text: pages joined with PAGE_BREAK, and where each page starts in the joined text."""

    pages: list[str]
    source_type: str = "text"
    filename: str = ""
    problems: list[str] = field(default_factory=list)
    text: str = field(init=False)
    page_starts: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.page_starts = []
        offset = 0
        for page in self.pages:
            self.page_starts.append(offset)
            offset += len(page) + len(PAGE_BREAK)
        self.text = PAGE_BREAK.join(self.pages)

    @classmethod
    def from_string(cls, text: str, filename: str = "") -> ExtractedText:
        """Text already pulled from a document; form feeds (as pdftotext writes them) separate pages."""
        return cls(
            pages=[_normalise(page) for page in text.split("\f")], source_type="text", filename=filename
        )

    @property
    def page_count(self) -> int:
        return len(self.pages)

    def page_of(self, offset: int) -> int:
        """1-based page number of a character offset."""
        return max(1, bisect.bisect_right(self.page_starts, offset))


def _normalise(text: str) -> str:
    # pdfium marks a hyphen that ended a line with U+FFFE; Windows line ends and NULs confuse every rule
    # after.
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufffe", "-").replace("\x00", "")
    text = text.replace("\u00a0", " ").replace("\f", "\n")
    return _undo_double_spacing(text)


_SINGLE_BREAK = re.compile(r"[^\n]\n(?=[^\n])")
_DOUBLE_BREAK = re.compile(r"[^\n]\n[ \t]*\n(?=[ \t]*[^\s])")
_ONE_BLANK_LINE = re.compile(r"\n[ \t]*\n(?![ \t]*\n)")
_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n){2,}")


def _undo_double_spacing(text: str) -> str:
    """Text copied from a web page, or pulled by some tools, has a blank line after every line: a wrapped
    title, a date range or a table row cut by one stops looking like one line followed by the next. Where
    nearly every line is followed by one blank line, the blank line is a copying habit and is taken out
    (two or more blank lines still part paragraphs)."""
    doubles = len(_DOUBLE_BREAK.findall(text))
    if doubles < 10 or doubles < 4 * len(_SINGLE_BREAK.findall(text)):
        return text
    text = _BLANK_LINES.sub("\n\x00", text)  # a marker: NULs were taken out above, so none is in the text
    return _ONE_BLANK_LINE.sub("\n", text).replace("\n\x00", "\n\n")


def sniff_type(data: bytes) -> str:
    """What the bytes really are, whatever the file is called."""
    head = data[:2048]
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return "zip"
        if "word/document.xml" in names:
            return "docx"
        if any(name.startswith(("xl/", "ppt/")) for name in names) or "content.xml" in names:
            return "spreadsheet"
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "old_office"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*", b"BM", b"RIFF")):
        return "image"
    text = _decode(data[:65536])
    if text is None:
        return "binary"
    lowered = text.lstrip("\ufeff \t\r\n").lower()
    if lowered.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in lowered[:4096]:
        return "html"
    if re.search(r"<(html|body|p|div|h1|h2|table)\b[^>]*>", lowered[:4096]) and "</" in lowered:
        return "html"
    return "text"


def _decode(data: bytes) -> str | None:
    """Text if the bytes are text (UTF-8, else cp1252) and mostly printable; None for binaries."""
    if b"\x00" in data[:4096]:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A cut multi-byte character at the end of a sample is still UTF-8.
        if exc.start >= len(data) - 4:
            text = data[: exc.start].decode("utf-8")
        else:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                return None
    if not text:
        return text
    printable = sum(1 for ch in text if ch.isprintable() or ch in "\n\r\t\f")
    return text if printable / len(text) >= 0.95 else None


def extract(data: bytes, filename: str = "", allow_mismatch: bool = False) -> ExtractedText:
    """Read a file's text. Raises a ReadingError subclass, with a message for the admin, when it cannot.

    A file whose content is not what its extension says is refused (TypeMismatch) unless allow_mismatch,
    in which case it is read by its content and the mismatch is kept in `problems`.
    """
    if not data or not data.strip():
        raise EmptyFile()
    real = sniff_type(data)
    suffix = PurePath(filename).suffix.lower() if filename else ""
    claimed = _EXTENSION_TYPES.get(suffix)
    problems: list[str] = []
    if real not in _READABLE:
        if claimed and claimed != real:
            raise TypeMismatch(
                f"The file is named '{filename}' but it is really {_TYPE_NAMES[real]}, which cannot be read. "
                "Upload the real document."
            )
        raise UnsupportedType(
            f"'{filename or 'The file'}' is {_TYPE_NAMES[real]}, which cannot be read. "
            + UnsupportedType.default_message
        )
    if claimed and claimed != real:
        message = (
            f"The file is named '{filename}' but it is really {_TYPE_NAMES[real]}. Rename it with the right "
            "extension, or check that the right file was uploaded."
        )
        if not allow_mismatch:
            raise TypeMismatch(message)
        problems.append(message)
    readers = {"pdf": _pdf_pages, "docx": _docx_pages, "html": _html_pages, "text": _text_pages}
    pages = [_normalise(page) for page in readers[real](data)]
    result = ExtractedText(pages=pages, source_type=real, filename=filename, problems=problems)
    if not result.text.strip():
        raise EmptyFile("The document contains no text. Check that the right file was uploaded.")
    return result


def _pdf_pages(data: bytes) -> list[str]:
    import pypdfium2 as pdfium  # imported here: reading text or HTML must not need pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == 4:  # FPDF_ERR_PASSWORD
            raise EncryptedFile() from exc
        raise CorruptFile() from exc
    try:
        page_count = len(document)
        if page_count == 0:
            raise CorruptFile("The PDF has no pages. Download a fresh copy of the document and upload that.")
        pages = []
        for index in range(page_count):
            page = document[index]
            try:
                textpage = page.get_textpage()
                pages.append(textpage.get_text_range())
                textpage.close()
            finally:
                page.close()
    except pdfium.PdfiumError as exc:
        raise CorruptFile() from exc
    finally:
        document.close()
    text_pages = sum(1 for page in pages if len("".join(page.split())) >= _MIN_CHARS_FOR_TEXT_PAGE)
    if text_pages == 0 or text_pages / len(pages) < _MIN_SHARE_OF_TEXT_PAGES:
        raise NoTextLayer()
    return pages


def _docx_pages(data: bytes) -> list[str]:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for a damaged package
        raise CorruptFile(
            "The Word document is damaged and cannot be opened. Save it again from Word and upload that."
        ) from exc
    lines: list[str] = []
    # Body order matters (a judgement table sits between paragraphs), so walk the body's children.
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells: list[str] = []
                for cell in row.cells:
                    value = " ".join(cell.text.split())
                    if not cells or cells[-1] != value:  # merged cells repeat their text
                        cells.append(value)
                lines.append("\t".join(cells))
    return ["\n".join(lines)]


class _HtmlText(HTMLParser):
    _BLOCK = {
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "tr",
        "table",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "article",
        "header",
        "footer",
        "blockquote",
        "pre",
        "hr",
        "dt",
        "dd",
        "title",
        "caption",
    }
    _SKIP = {"script", "style", "noscript", "template", "head"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append("\t")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(re.sub(r"\s+", " ", data))


def _html_pages(data: bytes) -> list[str]:
    parser = _HtmlText()
    parser.feed(_decode(data) or data.decode("utf-8", errors="replace"))
    parser.close()
    raw = "".join(parser.parts)
    lines = [line.strip(" ").replace("\n\t", "\n") for line in raw.split("\n")]
    text = "\n".join(line.lstrip("\t") for line in lines)
    return [re.sub(r"\n{3,}", "\n\n", text).strip()]


def _text_pages(data: bytes) -> list[str]:
    text = _decode(data)
    if text is None:
        raise UnsupportedType()
    return text.lstrip("\ufeff").split("\f")


__all__ = ["PAGE_BREAK", "ExtractedText", "ReadingError", "extract", "sniff_type"]
