"""Plans from recommendations (Derby 2011) and from a committee paper's priorities and progress (Devon)."""

import json
from collections import Counter
from datetime import date

import pytest

from improvements import from_committee_paper, from_recommendations, plans
from improvements.models import Action, ActionChange, ImprovementPlan, Priority, ProgressUpdate
from inspections.models import Document, PaperPriority
from tests.conftest import CORPUS_DIR
from tests.improvements.conftest import DERBY_SEED, DEVON_SEED, publish

EXPECTED_DERBY = json.loads((CORPUS_DIR / "expected" / f"{DERBY_SEED}.json").read_text())["events"][0]
EXPECTED_DEVON = json.loads((CORPUS_DIR / "expected" / f"{DEVON_SEED}.json").read_text())["improvement_plan"]
DUE = {
    "immediately": date(2011, 6, 27),
    "within three months": date(2011, 9, 27),
    "within six months": date(2011, 12, 27),
}
CODES = {
    "immediately": "immediately",
    "within three months": "within_3_months",
    "within six months": "within_6_months",
}
SECTION_TITLES = {
    "safeguarding": "Safeguarding services",
    "looked_after_children": "Services for looked after children",
}


# --- Derby: 24 SLAC recommendations become 24 actions -------------------------------------------------------


def test_derbys_plan_has_24_actions_due_by_their_timescales(derby_slac, plan_editor):
    result = from_recommendations.plan_from_recommendations(derby_slac, plan_editor)

    plan = result.plan
    assert plan.authority.short_name == "Derby"
    assert plan.is_current and plan.source_inspection == derby_slac and plan.created_by == plan_editor
    assert plan.title == "Improvement plan after the SLAC of June 2011"
    actions = Action.objects.filter(priority__plan=plan)
    assert actions.count() == EXPECTED_DERBY["recommendations"]["count"] == 24

    # One priority per section of the report, with the expected numbers by timescale, each due on its date.
    expected = EXPECTED_DERBY["recommendations"]["by_section_and_timescale"]
    assert [p.title for p in plan.priorities.order_by("position")] == [SECTION_TITLES[s] for s in expected]
    for section, by_timescale in expected.items():
        priority = plan.priorities.get(title=SECTION_TITLES[section])
        got = Counter(priority.actions.values_list("due_date", flat=True))
        assert got == Counter({DUE[t]: n for t, n in by_timescale.items()})
        for action in priority.actions.select_related("source_recommendation"):
            recommendation = action.source_recommendation
            assert recommendation.section == section
            assert action.due_date == DUE[recommendation.timescale_as_written.lower()]
    assert dict(Counter(actions.values_list("due_date", flat=True))) == {
        date(2011, 6, 27): 5,
        date(2011, 9, 27): 12,
        date(2011, 12, 27): 7,
    }


def test_each_action_keeps_the_passage_of_its_recommendation(derby_slac, derby_report, plan_editor):
    from_recommendations.plan_from_recommendations(derby_slac, plan_editor)
    for action in Action.objects.filter(priority__plan__authority__short_name="Derby"):
        assert action.text == action.source_recommendation.text
        source = action.source_recommendation.sources.get()
        assert source.document == derby_report
        passage = derby_report.text[source.char_start : source.char_end]
        assert " ".join(action.text.split()[:6]) in " ".join(passage.split())
        assert source.page == 1
    first = Action.objects.get(
        priority__position=1, position=1, priority__plan__authority__short_name="Derby"
    )
    assert first.text.startswith("Develop and implement audit systems")
    assert first.status == Action.Status.NOT_STARTED and first.rag == ""


def test_each_new_action_and_priority_is_in_the_audit_trail(derby_slac, plan_editor):
    from_recommendations.plan_from_recommendations(derby_slac, plan_editor)
    created = ActionChange.objects.filter(field=ActionChange.Field.CREATED)
    assert created.filter(action__isnull=False).count() == 24
    assert created.filter(action__isnull=True).count() == 2  # the two priorities
    assert set(created.values_list("changed_by_name", flat=True)) == {"eddie-editor"}
    assert set(created.filter(action__isnull=False).values_list("new_value", flat=True)) == {"not_started"}


def test_offering_the_same_inspection_twice_adds_nothing(derby_slac, plan_editor):
    from_recommendations.plan_from_recommendations(derby_slac, plan_editor)
    again = from_recommendations.plan_from_recommendations(derby_slac, plan_editor)
    assert again.actions == [] and again.skipped == 24
    assert ImprovementPlan.objects.filter(authority__short_name="Derby").count() == 1
    assert Action.objects.count() == 24 and Priority.objects.count() == 2


def test_recommendations_can_go_under_one_chosen_priority(derby_slac, plan_editor):
    plan = plans.start_plan(derby_slac.authority, plan_editor, title="Derby improvement plan")
    priority = plans.add_priority(plan, plan_editor, title="Respond to Ofsted")
    result = from_recommendations.plan_from_recommendations(derby_slac, plan_editor, priority=priority)
    assert result.plan == plan and plan.title == "Derby improvement plan"
    assert priority.actions.count() == 24
    assert list(priority.actions.values_list("position", flat=True)) == list(range(1, 25))


def test_recommendations_can_be_grouped_into_one_new_priority(derby_slac, plan_editor):
    result = from_recommendations.plan_from_recommendations(
        derby_slac, plan_editor, group_by=from_recommendations.GROUP_INTO_ONE
    )
    assert [p.title for p in result.priorities] == ["Recommendations of the SLAC of June 2011"]


def test_a_priority_of_another_plan_is_refused(derby_slac, devon, plan_editor):
    other = plans.add_priority(plans.start_plan(devon, plan_editor), plan_editor, title="Devon's")
    with pytest.raises(ValueError, match="current plan"):
        from_recommendations.plan_from_recommendations(derby_slac, plan_editor, priority=other)


# --- Devon: eight priorities read from a committee paper, each with its progress paragraphs -----------------


def test_devons_plan_has_its_eight_priorities_with_their_progress(devon_ilacs, devon_paper, plan_editor):
    plan = plans.start_plan(devon_ilacs.authority, plan_editor, source_inspection=devon_ilacs)
    result = from_committee_paper.priorities_from_paper(plan, devon_paper, plan_editor, on=date(2020, 11, 25))

    titles = [p.title for p in plan.priorities.order_by("position")]
    assert titles == EXPECTED_DEVON["priorities"]
    assert len(titles) == EXPECTED_DEVON["priority_count"] == 8
    # Paragraphs 3.2 to 3.23 attach to the priority above them.
    per_priority = [p.updates.count() for p in plan.priorities.order_by("position")]
    assert per_priority == [6, 2, 2, 2, 1, 2, 1, 6]
    assert len(result.updates) == 22
    first_words = {
        1: ("3.2", "3.7"),
        2: ("3.8", "3.9"),
        3: ("3.10", "3.11"),
        4: ("3.12", "3.13"),
        5: ("3.14", "3.14"),
        6: ("3.15", "3.16"),
        7: ("3.17", "3.17"),
        8: ("3.18", "3.23"),
    }
    for priority in plan.priorities.all():
        numbers = [u.text.split()[0] for u in priority.updates.order_by("source_char_start")]
        assert (numbers[0], numbers[-1]) == first_words[priority.position]


def test_devons_priorities_and_updates_keep_their_source_passage(devon_ilacs, devon_paper, plan_editor):
    plan = plans.start_plan(devon_ilacs.authority, plan_editor, source_inspection=devon_ilacs)
    from_committee_paper.priorities_from_paper(plan, devon_paper, plan_editor, on=date(2020, 11, 25))

    text = devon_paper.text
    for priority in plan.priorities.all():
        assert priority.source_document == devon_paper and priority.source_page == 1
        assert text[priority.source_char_start : priority.source_char_end].startswith(priority.title)
    for update in ProgressUpdate.objects.filter(priority__plan=plan):
        assert update.source_document == devon_paper and update.date == date(2020, 11, 25)
        assert update.author == plan_editor and update.source_page == 1
        quoted = text[update.source_char_start : update.source_char_end]
        assert " ".join(quoted.split()) == " ".join(update.text.split())
    percentages = ProgressUpdate.objects.get(priority__position=8, text__startswith="3.21")
    assert "21% were judged to be 'good'" in " ".join(percentages.text.split())  # progress, not a judgement


def test_reading_the_same_paper_again_adds_nothing_and_a_later_paper_reuses_the_priorities(
    devon_ilacs, devon_paper, plan_editor, gazetteer
):
    plan = plans.start_plan(devon_ilacs.authority, plan_editor, source_inspection=devon_ilacs)
    from_committee_paper.priorities_from_paper(plan, devon_paper, plan_editor)
    again = from_committee_paper.priorities_from_paper(plan, devon_paper, plan_editor)
    assert again.updates == [] and len(again.priorities) == 8
    assert plan.priorities.count() == 8 and ProgressUpdate.objects.count() == 22
    # Without a date the updates take the date the paper gives itself, as published.
    assert set(ProgressUpdate.objects.values_list("date", flat=True)) == {date(2020, 9, 23)}


def test_priorities_come_from_what_was_published_not_the_draft(devon_paper, plan_editor):
    plan = plans.start_plan(devon_paper.authority, plan_editor)
    # A draft (needs review): its reading lists eight priorities, but nothing was published.
    assert len(devon_paper.reading["events"][0]["recommendations"]) == 8
    draft = from_committee_paper.priorities_from_paper(plan, devon_paper, plan_editor, on=date(2020, 11, 1))
    assert draft.priorities == [] and plan.priorities.count() == 0

    publish(devon_paper)
    # Once published, the reader's draft is not consulted: the stored list and passages are.
    Document.objects.filter(pk=devon_paper.pk).update(reading=None)
    devon_paper.refresh_from_db()
    stored = PaperPriority.objects.filter(document=devon_paper).order_by("position")
    assert [p.text for p in stored] == EXPECTED_DEVON["priorities"]
    assert [p.progress.count() for p in stored] == [6, 2, 2, 2, 1, 2, 1, 6]
    first = stored[0].progress.first()
    assert devon_paper.text[first.char_start : first.char_end].split()[0] == "3.2" and first.page == 1
    result = from_committee_paper.priorities_from_paper(plan, devon_paper, plan_editor, on=date(2020, 11, 1))
    assert len(result.priorities) == 8 and len(result.updates) == 22


def test_a_monitoring_visit_letters_findings_attach_to_a_priority(devon_ilacs, devon_paper, plan_editor):
    plan = plans.start_plan(devon_ilacs.authority, plan_editor, source_inspection=devon_ilacs)
    from_committee_paper.priorities_from_paper(plan, devon_paper, plan_editor)
    care_leavers = plans.find_priority(plan, "Services to care leavers;")
    letter_paragraph = "Personal advisers have strong relationships with young people and know them well."
    added = plans.attach_progress(care_leavers, [letter_paragraph], on=date(2020, 10, 20), user=plan_editor)
    assert [u.text for u in added] == [letter_paragraph]
    assert care_leavers.updates.count() == 7
    assert care_leavers.updates.order_by("-date").first().date == date(2020, 10, 20)


def test_a_paper_of_another_council_is_refused(devon_ilacs, devon_paper, derby, plan_editor):
    plan = plans.start_plan(derby, plan_editor)
    with pytest.raises(ValueError, match="its own council"):
        from_committee_paper.priorities_from_paper(plan, devon_paper, plan_editor)
    assert plan.priorities.count() == 0


def test_a_report_lists_no_paper_priorities(derby, derby_slac, derby_report, plan_editor):
    # An inspection report's recommendations are the inspectors' (from_recommendations makes plans of them),
    # not a council paper's list.
    plan = plans.start_plan(derby, plan_editor)
    result = from_committee_paper.priorities_from_paper(plan, derby_report, plan_editor)
    assert result.priorities == [] and plan.priorities.count() == 0
    assert derby_slac.recommendations.count() == 24


def test_a_council_works_to_one_current_plan(derby, plan_editor):
    first = plans.start_plan(derby, plan_editor, title="One")
    assert plans.start_plan(derby, plan_editor, title="Two") == first
    assert ImprovementPlan.objects.filter(authority=derby).count() == 1
