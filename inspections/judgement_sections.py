"""An inspection's judgements as its report sets them out: each SLAC section named (safeguarding first, as the
report orders them), each grade in its framework's word, the derived overall marked with its rule, and any
grade a newer official edition revised."""

from inspections.headline import headline
from inspections.reading import vocabulary as vocab
from inspections.revisions import event_revisions, judgement_revisions


def judgement_sections(inspection) -> dict:
    """{'sections': [{'name', 'rows': [{'judgement', 'framework_word', 'revisions'}]}], 'overall': Headline
    or None, 'revisions': the event's revisions}, from the judgements and sources already prefetched."""
    judgements = list(inspection.judgements.all())
    words = vocab.FRAMEWORK_GRADES.get(inspection.kind, vocab.GRADE_NAMES)
    order = list(vocab.SECTIONS)
    sections = []
    for key in sorted({j.section for j in judgements}, key=lambda s: order.index(s) if s in order else 99):
        rows = [
            {
                "judgement": j,
                "framework_word": words.get(j.value, j.grade),
                "revisions": judgement_revisions(j, list(j.sources.all())),
            }
            for j in judgements
            if j.section == key
        ]
        sections.append({"name": vocab.SECTIONS.get(key, key), "rows": rows})
    return {
        "sections": sections,
        "overall": headline(inspection.kind, "overall", judgements),
        "revisions": event_revisions(inspection, list(inspection.sources.all())),
    }
