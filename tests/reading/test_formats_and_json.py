"""Text extraction from every format, dates, JSON round trips and the command's reading function."""

import io
import json
from datetime import date

import docx

from inspections.reading.batch import read_file, read_files, summary
from inspections.reading.dates import parse_month_or_season, parse_span
from inspections.reading.facts import Reading
from inspections.reading.text import PAGE_BREAK, ExtractedText, extract

from .helpers import PDFS, gazetteer, read_pdf_file, read_text, seed_text
from .pdfmaker import make_pdf


def test_pages_and_offsets():
    extracted = ExtractedText(pages=["one", "two two", "three"])
    assert extracted.text == PAGE_BREAK.join(["one", "two two", "three"])
    assert extracted.page_of(0) == 1
    assert extracted.page_of(extracted.text.index("two")) == 2
    assert extracted.page_of(len(extracted.text) - 1) == 3


def test_pdf_pages():
    extracted = extract(
        make_pdf(
            "first page of a report with text enough to count as a page\f"
            "second page of it, as long as the first"
        ),
        "a.pdf",
    )
    assert extracted.page_count == 2 and "second page" in extracted.pages[1]


def test_docx_paragraphs_and_tables_in_order():
    document = docx.Document()
    document.add_paragraph("Derbyshire County Council")
    document.add_paragraph("Inspection of children's social care services")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Judgement", "Grade"
    table.cell(1, 0).text, table.cell(1, 1).text = "Overall effectiveness", "Good"
    document.add_paragraph("After the table.")
    buffer = io.BytesIO()
    document.save(buffer)
    extracted = extract(buffer.getvalue(), "report.docx")
    assert extracted.source_type == "docx"
    lines = extracted.text.split("\n")
    assert lines.index("Overall effectiveness\tGood") < lines.index("After the table.")
    reading = read_text(extracted.text)
    assert [(j.theme, j.grade) for j in reading.judgements()] == [("overall", "Good")]


def test_html_drops_scripts_and_breaks_blocks():
    html = (
        b"<html><head><style>p{}</style><script>var x='Bromley';</script></head><body>"
        b"<h1>Focused visit to Merton children&rsquo;s services</h1>"
        b"<p>Dear Ms X</p><p>Second</p></body></html>"
    )
    extracted = extract(html, "letter.html")
    assert "Bromley" not in extracted.text and "var x" not in extracted.text
    assert "Merton children\u2019s services\n" in extracted.text
    assert "Dear Ms X\n" in extracted.text


def test_plain_text_falls_back_to_cp1252():
    extracted = extract("Children\u2019s services \u2013 Derby".encode("cp1252"), "note.txt")
    assert "Children\u2019s services \u2013 Derby" in extracted.text


def test_date_spans():
    assert parse_span("9 – 20 May 2011").start == date(2011, 5, 9)
    span = parse_span("30 September to 11 October 2024 and 13 to 16 January 2025")
    assert (span.start, span.end) == (date(2024, 9, 30), date(2025, 1, 16))
    span = parse_span("on the 22/23 September", default_year=2020)
    assert (span.start, span.end) == (date(2020, 9, 22), date(2020, 9, 23))
    assert parse_span("28 July 2016").end is None
    assert parse_month_or_season("expected in Spring 2022").label == "Spring 2022"
    assert parse_month_or_season("in January 2021").precision == "month"


def test_reading_json_round_trip():
    for reading in (read_text(seed_text("001_68b5994d671394d9")), read_pdf_file("derby_sif_2017-06-13")):
        plain = reading.to_json()
        again = Reading.from_json(json.loads(json.dumps(plain)))
        assert again == reading
        assert again.to_json() == plain


def test_every_fact_has_a_passage_and_confidence():
    reading = read_pdf_file("derbyshire_ilacs_2019-09-19")
    extracted_text = extract((PDFS / "derbyshire_ilacs_2019-09-19.pdf").read_bytes(), "x.pdf").text
    facts = [*reading.judgements(), *(r for e in reading.events for r in e.recommendations)]
    assert facts
    for fact in facts:
        assert 0 < fact.confidence <= 1
        assert fact.passage.page >= 1
        assert (
            fact.passage.quote and fact.passage.quote.split()[0] in extracted_text[fact.passage.char_start :]
        )
    assert reading.primary.passages["lead_inspector"].quote == "Julie Knight"


def test_command_function_reads_good_files_and_reports_bad_ones(tmp_path):
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4 nothing")
    good = PDFS / "derby_focused_visit_2023-11-29.pdf"
    results = read_files([good, bad, tmp_path / "missing.pdf"], gazetteer())
    assert results[0]["authority_code"] == "E06000015"
    assert results[1] == {"file": str(bad), "error": "corrupt", "message": results[1]["message"]}
    assert results[2]["error"] == "not_found"
    assert "focused_visit" in summary(results[0])
    assert "ERROR corrupt" in summary(results[1])
    json.dumps(results)  # plain JSON types only


def test_command_function_on_a_text_file(tmp_path):
    path = tmp_path / "paper.txt"
    path.write_text(seed_text("003_aadfdd4d827689ea"), encoding="utf-8")
    result = read_file(path, gazetteer())
    assert result["document_kind"] == "committee_paper" and result["authority"] == "Derby"
