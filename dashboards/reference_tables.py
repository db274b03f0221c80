"""The compare page's reference bars as a table (and its CSV, ?download=shares): for each area and year-end,
how many councils were counted and how many held each grade, with the share each count makes. The counts are
the facts; a share is derived from them, and says so in its heading."""

import django_tables2 as tables

from dashboards.tables import NUMERIC


def _count(label):
    return tables.Column(verbose_name=f"{label} (councils)", attrs=NUMERIC)


def _share(label):
    return tables.Column(verbose_name=f"{label} (% of councils, derived)", attrs=NUMERIC)


class ReferenceCountsTable(tables.Table):
    reference = tables.Column(verbose_name="Area")
    year = tables.Column(verbose_name="End of year")
    councils = tables.Column(verbose_name="Councils with a grade", attrs=NUMERIC)
    outstanding = _count("Outstanding")
    outstanding_share = _share("Outstanding")
    good = _count("Good")
    good_share = _share("Good")
    requires_improvement = _count("Requires improvement or adequate")
    requires_improvement_share = _share("Requires improvement or adequate")
    inadequate = _count("Inadequate")
    inadequate_share = _share("Inadequate")

    caption = "Councils at each grade (their latest judgement at the end of each year), with shares"
    row_header = "reference"

    class Meta:
        orderable = False
        empty_text = "No council had a judgement of this theme yet."
