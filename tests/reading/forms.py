"""The same report in the other forms it arrives in, made from a PDF's extracted text.

Each form reproduces what another tool does to the text, so a rule that leans on one extraction tool's
layout fails on it:
- re-flowed: text copied from a web page or pulled by another tool: no form feeds, the page number alone on
  a line where a page ended, a blank line after every line, short heading lines run into the text after them;
- Word: a .docx made with python-docx, one paragraph per line (no pages at all);
- HTML: a web page's navigation, then one <p> per line, headings as <h2>, no pages;
- another PDF: the text re-typeset by another tool (paragraphs re-wrapped at another width, other pages).
"""

from __future__ import annotations

import html
import io
import re

import docx

from inspections.reading.text import ExtractedText, extract

from .pdfmaker import make_pdf

_HEADING = re.compile(r"^[A-Z][A-Za-z’'&,\- ]{2,60}$")


def _is_heading(line: str) -> bool:
    """A short line starting with a capital, without a full stop: a heading once its style is lost."""
    stripped = line.strip()
    return bool(_HEADING.match(stripped)) and len(stripped.split()) <= 8


def _is_prose(line: str) -> bool:
    """A line of a paragraph (a long line starting with a letter), not a table row or another heading."""
    stripped = line.strip()
    return len(stripped) >= 70 and stripped[:1].isalpha()


def reflowed(pdf_text: str) -> str:
    pages = pdf_text.split("\f")
    out: list[str] = []
    for number, page in enumerate(pages, start=1):
        lines = [line.rstrip() for line in page.split("\n") if line.strip()]
        index = 0
        while index < len(lines):
            line = lines[index]
            # A heading run into the paragraph after it, as copy and paste from a web page leaves it.
            if _is_heading(line) and index + 1 < len(lines) and _is_prose(lines[index + 1]):
                line = f"{line.strip()} {lines[index + 1].strip()}"
                index += 1
            out.append(line)
            index += 1
        out.append(str(number))
    return "\n\n".join(out) + "\n"


def word(pdf_text: str) -> bytes:
    document = docx.Document()
    for line in pdf_text.replace("\f", "\n").split("\n"):
        if line.strip():
            document.add_paragraph(line.strip())
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def web_page(pdf_text: str) -> bytes:
    parts = [
        "<!doctype html><html><head><title>Report</title></head><body>",
        # A web page's own chrome comes before the report's title.
        "<header><a href='#main'>Skip to main content</a><p>Cookies on GOV.UK</p>",
        "<p>We use some essential cookies to make this website work.</p>",
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/find'>Find an inspection report</a></li>",
        "<li><a href='/la'>Local authorities</a></li><li><a href='/help'>Help</a></li></ul></nav>",
        "<p>Download the report (PDF)</p></header><main id='main'>",
    ]
    for line in pdf_text.replace("\f", "\n").split("\n"):
        if not line.strip():
            continue
        tag = "h2" if _is_heading(line) else "p"
        parts.append(f"<{tag}>{html.escape(line.strip())}</{tag}>")
    parts.append("</main></body></html>")
    return "\n".join(parts).encode("utf-8")


def _unwrapped(pdf_text: str) -> str:
    """Lines of one paragraph joined again: a line that does not end a sentence runs on into a next line
    that starts in lower case."""
    out: list[str] = []
    for line in pdf_text.replace("\f", "\n").split("\n"):
        stripped = line.strip()
        if out and stripped[:1].islower() and out[-1] and not out[-1].endswith((".", ":")):
            out[-1] = f"{out[-1]} {stripped}"
        else:
            out.append(stripped)
    return "\n".join(out)


def other_pdf(pdf_text: str) -> bytes:
    return make_pdf(_unwrapped(pdf_text))


def in_every_form(pdf_text: str) -> dict[str, ExtractedText]:
    return {
        "reflowed": extract(reflowed(pdf_text).encode("utf-8"), "copy.txt"),
        "word": extract(word(pdf_text), "copy.docx"),
        "html": extract(web_page(pdf_text), "copy.html"),
        "other_pdf": extract(other_pdf(pdf_text), "copy.pdf"),
    }
