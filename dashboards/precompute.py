"""The figures every public page needs, computed when the data change rather than when a page is read.

Called by the precompute task (dataversion.tasks) the moment a change commits: each call below is a
per_version query (dataversion.memo), so calling it leaves its result in the cache for this data version, and
the pages that ask the same question (the national picture today, compare's England and regional shares of
every theme) read it in one cache lookup whatever the number of councils. Anything a page asks that is not
here (the national picture as at another date) is computed on first request and kept for the version.
"""

import datetime

from dashboards.queries import compare
from dashboards.queries import distribution as national
from inspections.latest import latest_by_council
from inspections.reading import vocabulary as vocab

# The frameworks the national page offers on their own (its "framework" choice), for the overall grade.
FRAMEWORKS = ("ilacs", "sif", "slac")


def precompute() -> None:
    today = datetime.date.today()  # as the national page's form defaults to
    latest_by_council(None)  # THE rule (issue 11), every council: the councils table and its CSV
    for theme in vocab.HEADLINE_THEMES:
        compare.yearly_grade_shares(theme)  # compare: England and each region, every year-end
        # Each council's latest judgement of the theme (any framework), the counts and the transitions.
        national.national_summary(today, theme=theme)
    for kind in FRAMEWORKS:
        national.national_summary(today, kind=kind)  # the same, of one framework's overall grades
