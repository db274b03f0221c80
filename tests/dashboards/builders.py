"""Known events for the dashboards' tests (and the browser tests): Derby, Devon and Derbyshire as DOMAIN.md
describes them, and a national set of SIF reports that reproduces the figures of 14 August 2017."""

import datetime

from authorities.models import Authority, StatisticalNeighbour
from inspections.models import Conflict, Inspection, Judgement, OfficialDataset, Recommendation, Source

D = datetime.date


def event(authority, kind, start=None, end=None, published=None, status="held", **extra):
    return Inspection.objects.create(
        authority=authority,
        kind=kind,
        start_date=start,
        end_date=end,
        published_date=published,
        status=status,
        **extra,
    )


def judge(inspection, theme, grade, value, label=None, section=""):
    return Judgement.objects.create(
        inspection=inspection,
        theme=theme,
        section=section,
        label=label or theme.replace("_", " ").capitalize(),
        grade=grade,
        value=value,
    )


def dataset():
    return OfficialDataset.objects.get_or_create(
        sha256="0" * 64, defaults={"file_name": "test.ods", "edition": "as at 31 March 2025"}
    )[0]


def derby():
    derby = Authority.objects.get(slug="derby")
    slac = event(
        derby, "slac", D(2011, 5, 9), D(2011, 5, 20), D(2011, 6, 27), lead_inspector="Pauline Turner"
    )
    judge(slac, "overall", "Adequate", 3, "Overall effectiveness", section="safeguarding")
    judge(
        slac,
        "help_and_protection",
        "Adequate",
        3,
        "Children and young people are safe",
        section="safeguarding",
    )
    judge(slac, "children_in_care", "Adequate", 3, "Overall effectiveness", section="looked_after_children")
    judge(slac, "capacity_for_improvement", "Good", 2, "Capacity for improvement", section="safeguarding")
    judge(
        slac,
        "capacity_for_improvement",
        "Adequate",
        3,
        "Capacity for improvement",
        section="looked_after_children",
    )
    sif = event(derby, "sif", D(2017, 3, 7), D(2017, 3, 30), D(2017, 6, 13))
    judge(sif, "overall", "Good", 2, "Overall effectiveness")
    judge(sif, "help_and_protection", "Requires improvement", 3, "Children who need help and protection")
    judge(sif, "children_in_care", "Good", 2, "Children looked after and achieving permanence")
    judge(sif, "adoption", "Good", 2, "Adoption performance")
    judge(sif, "care_leavers", "Good", 2, "The experiences and progress of care leavers")
    judge(sif, "leadership", "Good", 2, "Leadership, management and governance")
    judge(sif, "lscb", "Outstanding", 1, "Derby Safeguarding Children Board (LSCB review)")
    Source.objects.create(
        inspection=sif, dataset=dataset(), sheet="LA_inspections_2009-2023", row=57, quote="Good"
    )
    Recommendation.objects.create(inspection=sif, position=1, text="=Improve the timeliness of assessments")
    Recommendation.objects.create(
        inspection=sif, position=2, text="Strengthen management oversight", timescale="within_3_months"
    )
    visit = event(derby, "focused_visit", D(2021, 7, 6), D(2021, 7, 7), D(2021, 8, 9))
    return derby, [slac, sif, visit]


def devon():
    devon = Authority.objects.get(slug="devon")
    ilacs = event(devon, "ilacs", D(2020, 1, 13), D(2020, 1, 24), D(2020, 3, 17), inspection_type="standard")
    judge(ilacs, "overall", "Inadequate", 4, "Overall effectiveness")
    judge(ilacs, "leadership", "Inadequate", 4, "The impact of leaders on social work practice")
    judge(
        ilacs,
        "help_and_protection",
        "Requires improvement to be good",
        3,
        "Children who need help and protection",
    )
    judge(
        ilacs, "children_in_care", "Requires improvement to be good", 3, "Children in care and care leavers"
    )
    visit = event(devon, "monitoring_visit", D(2020, 9, 22), D(2020, 9, 23), D(2020, 10, 20))
    expected = event(devon, "focused_visit", D(2021, 1, 1), status="expected", date_precision="month")
    source = Source.objects.create(
        inspection=ilacs, dataset=dataset(), sheet="ILACS", row=40, quote="Inadequate"
    )
    Conflict.objects.create(
        inspection=ilacs, field="published_date", stored_value="2020-03-17", incoming_value="2020-03-18",
        incoming_source=source,
    )  # fmt: skip
    return devon, [ilacs, visit, expected]


def derbyshire():
    derbyshire = Authority.objects.get(slug="derbyshire")
    ilacs = event(
        derbyshire, "ilacs", D(2019, 7, 8), D(2019, 8, 8), D(2019, 9, 19), inspection_type="standard"
    )
    judge(ilacs, "overall", "Requires improvement to be good", 3, "Overall effectiveness")
    return derbyshire, [ilacs]


def neighbours(authority, others, first_rank=1):
    for rank, other in enumerate(others, start=first_rank):
        StatisticalNeighbour.objects.create(
            authority=authority, neighbour=other, rank=rank, closeness="Close"
        )


# As at 14 August 2017, 142 SIF reports: outstanding 2, good 42, requires improvement 64, inadequate 34.
SIF_2017 = {1: 2, 2: 42, 3: 64, 4: 34}


AS_AT_2017 = D(2017, 8, 14)


def national_sif(as_at=AS_AT_2017):
    """142 SIF reports published by the date (one per council), 10 more after it, and an older SLAC each."""
    councils = list(Authority.objects.active_on(as_at).order_by("gss_code"))  # as the map was in 2017
    grades = [value for value, count in SIF_2017.items() for _ in range(count)]
    for index, (council, value) in enumerate(zip(councils, grades, strict=False)):
        published = as_at - datetime.timedelta(days=1 + index * 7)
        sif = event(council, "sif", published - datetime.timedelta(days=60), None, published)
        judge(sif, "overall", ["Outstanding", "Good", "Requires improvement", "Inadequate"][value - 1], value)
        slac = event(council, "slac", D(2010, 1, 1) + datetime.timedelta(days=index), None, None)
        judge(slac, "overall", "Adequate", 3, section="safeguarding")
    for council in councils[142:152]:
        later = event(council, "sif", D(2017, 9, 1), None, D(2017, 11, 1))
        judge(later, "overall", "Good", 2)
    return councils
