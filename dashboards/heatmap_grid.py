"""The national heat map as an HTML table (councils down, year-ends across), so its data are on the page and
not only in a CSV: each cell the grade's initials in words a screen reader reads out, and its framework."""

from dashboards.palette import GRADE_NAMES, GRADE_SHORT


def heatmap_grid(councils: list[str], years: list[int], cells: dict) -> list[tuple[str, list[dict]]]:
    rows = []
    for council in councils:
        row = []
        for year in years:
            value, framework = cells.get((council, year), (None, ""))
            row.append(
                {"value": value, "short": GRADE_SHORT.get(value, ""), "name": GRADE_NAMES.get(value, ""),
                 "framework": framework}
            )  # fmt: skip
        rows.append((council, row))
    return rows
