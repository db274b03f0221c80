"""A council's timeline as the table beside its chart: one row per event, the overall grade in its own column
and the other themes' grades listed in one cell, so the table fits a 960 px column, a phone and A4 paper
(twelve columns made it 1360 px wide, and paper lost its last three). The CSV keeps a column per theme
(?download=timeline)."""

import django_tables2 as tables
from django.utils.html import format_html, format_html_join

from dashboards.tables import grade_tag
from inspections.precision import shown as uk_date
from inspections.reading import vocabulary as vocab

OTHER_THEMES = [t for t in vocab.HEADLINE_THEMES if t != "overall"]


class CouncilTimelineTable(tables.Table):
    date = tables.Column(verbose_name="Date", orderable=False, empty_values=())
    event = tables.Column(verbose_name="Event", orderable=False, empty_values=())
    overall = tables.Column(verbose_name="Overall effectiveness", orderable=False, empty_values=())
    others = tables.Column(verbose_name="Other judgements", orderable=False, empty_values=())
    link = tables.Column(verbose_name="Details", orderable=False, empty_values=())

    caption = "Judgements and visits, as in the chart"
    row_header = "date"

    class Meta:
        orderable = False
        empty_text = "No inspections or visits are recorded for this council yet."
        attrs = {"class": "app-timeline-table"}

    def __init__(self, events, **kwargs):
        super().__init__([{"event": e} for e in events], **kwargs)

    def render_date(self, record):
        event = record["event"]
        return uk_date(event.date, event.precision or "day")

    def render_event(self, record):
        event = record["event"]
        notes = []
        if event.is_predecessor:
            notes.append(f"{event.council_name}, predecessor")
        if event.is_expected:
            notes.append("expected, not yet held")
        elif not event.headlines:
            notes.append("not graded")
        extra = format_html(' <span class="govuk-body-s">({})</span>', "; ".join(notes)) if notes else ""
        return format_html("{}{}", event.framework, extra)

    def render_overall(self, record):
        headline = record["event"].headlines.get("overall")
        return grade_tag(headline.value, headline.grade, headline.derived) if headline else "—"

    def render_others(self, record):
        headlines = record["event"].headlines
        found = [(vocab.THEMES[t], headlines[t]) for t in OTHER_THEMES if t in headlines]
        if not found:
            return "—"
        return format_html(
            '<ul class="govuk-list app-judgement-list">{}</ul>',
            format_html_join(
                "", "<li>{}: {}</li>", ((name, grade_tag(h.value, h.grade, h.derived)) for name, h in found)
            ),
        )

    def render_link(self, record):
        event = record["event"]
        return format_html(
            '<a class="govuk-link" href="{}">View<span class="govuk-visually-hidden"> {}, {}</span></a>',
            event.inspection.get_absolute_url(),
            event.framework,
            uk_date(event.date, event.precision or "day"),
        )
