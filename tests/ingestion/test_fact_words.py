"""A document's reading in words on the review page, never codes (issue 12, point 7)."""

import datetime

from inspections.templatetags.fact_words import event_kind, event_role, fact_date


def test_kinds_roles_and_dates_read_as_words():
    assert f"{event_kind('monitoring_visit')} ({event_role('reported')})" == (
        "Monitoring visit (reported by this document)"
    )
    assert fact_date("2020-09-22") == "22 September 2020"
    assert fact_date("2021-01-01", "month") == "January 2021"  # never a day that was not given
    assert fact_date(datetime.date(2019, 7, 8), "year") == "2019"
