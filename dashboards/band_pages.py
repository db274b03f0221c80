"""What the compare page and a council's page draw: the band charts, their one-sentence summaries, and the
reference bars with the table of counts behind them. The views call these and stay thin."""

from __future__ import annotations

from dashboards import band_builders, chart_summaries, grade_bands, reference_shares
from dashboards.charts import figure_json
from dashboards.queries import bands as band_queries
from dashboards.reference_tables import ReferenceCountsTable
from inspections.reading import vocabulary as vocab


def compare_charts(councils, chosen_pk, theme: str, points, end) -> dict:
    """`points`: the councils' compare points (their predecessors' included); `end`: where the data end.
    One query: the councils' ungraded visits."""
    visits = band_queries.ungraded_events([c.pk for c in councils])
    chart = band_builders.compare_chart(councils, chosen_pk, points, visits, end, theme)
    theme_name = vocab.THEMES.get(theme, theme)
    return {
        "figure": figure_json(grade_bands.figure(chart, f"{theme_name}: each council's grades since 2009")),
        "summary": chart_summaries.compare_summary(chart, theme_name),
        "data_end": end,
        "rows": len(chart.rows),
    }


def reference_charts(share_rows, regions: list[str], theme: str, end) -> dict:
    """England and the regions at each year-end up to where the data end (`share_rows`: the yearly shares
    query's rows, read up to end.year)."""
    references = [("England", reference_shares.counts_by_year(share_rows))] + [
        (region, reference_shares.counts_by_year(share_rows, region)) for region in regions
    ]
    theme_name = vocab.THEMES.get(theme, theme)
    table = ReferenceCountsTable(reference_shares.table_rows(references))
    return {
        "references": references,
        "shares_figure": figure_json(
            reference_shares.figure(references, f"{theme_name}: councils at each grade at each year-end")
        ),
        "shares_summary": chart_summaries.shares_summary(references, end),
        "shares_table": table,
    }


def council_charts(events, council_name: str, end) -> dict:
    chart = band_builders.council_chart(events, council_name, end)
    return {
        "figure": figure_json(grade_bands.figure(chart, f"{council_name}: judgements and visits since 2009")),
        "summary": chart_summaries.council_summary(chart, council_name),
        "data_end": end,
    }
