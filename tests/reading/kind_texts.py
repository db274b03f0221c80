"""Texts in the shapes of Ofsted documents the corpus has no copy of, as text extracted from their PDFs.

Each builder takes the facts (council, dates, grades) as arguments, so a test can change them and see the
reading follow; each text carries the traps its real counterpart carries (an earlier inspection's grade, the
scale's definitions, partner agencies named beside the council).
"""

from __future__ import annotations

_LETTERHEAD = (
    "Ofsted\nAgora\n6 Cumberland Place\nPark Row\nNottingham\nNG1 6HJ\nT 0300 123 1231\n"
    "Textphone 0161 618 8524\nenquiries@ofsted.gov.uk\nwww.gov.uk/ofsted\n"
)
_OLD_LETTERHEAD = (
    "Aviation House\n125 Kingsway\nLondon\nWC2B 6SE\nT 08456 404040\nF 020 7421 6855\nwww.ofsted.gov.uk\n"
)
_SCALE = (
    "The inspection judgements and what they mean\n"
    "All inspection judgements are made using the following four point scale.\n"
    "Outstanding A service that significantly exceeds minimum requirements\n"
    "Good A service that exceeds minimum requirements\n"
    "Adequate A service that only meets minimum requirements\n"
    "Inadequate A service that does not meet minimum requirements\n"
)


def cpi_report(
    council: str = "Somerset",
    dates: str = "11 – 22 March 2013",
    published: str = "26 April 2013",
    overall: str = "Inadequate",
    help_grade: str = "Inadequate",
    practice: str = "Inadequate",
    leadership: str = "Adequate",
) -> str:
    """A 2012-13 inspection of local authority arrangements for the protection of children."""
    return (
        f"{council}\n"
        "Inspection of local authority arrangements for the protection of children\n"
        f"Inspection date: {dates}\n"
        f"Report published: {published}\n"
        "Lead inspector: Margaret Hamlin HMI\n"
        "Age group: All\n"
        "© Crown copyright 2013\n"
        "Website: www.ofsted.gov.uk\n\f"
        "Contents\nAbout this inspection 2\nThe inspection judgements and what they mean 2\n"
        "Overall effectiveness 3\nAreas for improvement 4\n\f"
        f"{_SCALE}"
        "About this inspection\n"
        "1. This inspection was unannounced. It was carried out under section 136 of the Education and "
        "Inspections Act 2006.\n"
        f"2. The last inspection of safeguarding and looked after children services in {council}, in 2010, "
        "judged the overall effectiveness of safeguarding services to be good.\n\f"
        "Overall effectiveness\n"
        f"3. The overall effectiveness of arrangements to protect children in {council} is "
        f"{overall.lower()}. Most children who are at risk of harm are identified and receive help.\n"
        "4. Inspectors found that 40% of the cases sampled were judged to be good by the local authority's "
        "own audits.\n"
        "Areas for improvement\n"
        "5. In order to improve the quality of help and protection given to children and young people in "
        f"{council}, the local authority and its partners should take the following action.\n"
        "Immediately:\n"
        "ensure that all children at risk of significant harm are seen and seen alone by a social worker\n"
        "Within three months:\n"
        "ensure that managers' oversight of casework is recorded and acts on the risks it finds\n\f"
        "Inspection judgements\n"
        f"Overall effectiveness {overall}\n"
        "The effectiveness of the help and protection provided to children, young people, families and "
        f"carers {help_grade}\n"
        f"The quality of practice {practice}\n"
        f"Leadership and governance {leadership}\n"
    )


def tlac_report(
    council: str = "Leicester",
    dates: str = "4 – 15 March 2013",
    published: str = "19 April 2013",
    overall: str = "Adequate",
) -> str:
    """A 2013 targeted inspection of a council's looked after children services (SLAC layout, one section)."""
    return (
        "Inspection of looked after children services\n"
        f"{council}\n"
        f"Inspection dates: {dates}\n"
        "Reporting inspector: Sheena Doyle HMI\n"
        "Age group: All\n"
        f"Published: {published}\n"
        "© Crown copyright 2013\n"
        "Website: www.ofsted.gov.uk\n\f"
        "Contents\nAbout this inspection 2\nThe inspection judgements and what they mean 2\n"
        "Service information 3\nOverall effectiveness 4\nAreas for improvement 5\n\f"
        f"{_SCALE}"
        "Service information\n"
        f"1. {council} has 590 looked after children. The previous inspection of safeguarding and looked "
        "after children services, in 2010, judged services for looked after children to be good.\n"
        "2. Two of the council's children's homes were judged good at their last inspection.\n\f"
        "Overall effectiveness\n"
        f"3. The overall effectiveness of services for looked after children and care leavers is "
        f"{overall.lower()}. Children are safe in their placements and most make progress.\n\f"
        "Areas for improvement\n"
        "4. In order to improve the quality of provision and services for looked after children and care "
        f"leavers in {council}, the local authority and its partners should take the following action.\n"
        "Within three months:\n"
        "ensure that every looked after child has an up-to-date care plan that says how they will be "
        "helped\n\f"
        "Record of main findings\n"
        "Services for looked after children\n"
        f"Overall effectiveness {overall}\n"
    )


def lscb_review(
    council: str = "Torbay",
    dates: str = "12 January 2015 – 3 February 2015",
    published: str = "20 March 2015",
    grade: str = "requires improvement",
) -> str:
    """A stand-alone review of a Local Safeguarding Children Board, published apart from the SIF."""
    return (
        f"{council}\n"
        "Review of the effectiveness of the Local Safeguarding Children Board1\n"
        f"Inspection date: {dates}\n"
        f"Report published: {published}\n"
        f"The Local Safeguarding Children Board (LSCB) {grade}\n"
        "1 Ofsted produces this report of the review of the Local Safeguarding Children Board under the "
        "Local Safeguarding Children Boards (Review) Regulations 2013.\n\f"
        "Contents\nSummary of findings 2\nWhat does the LSCB need to improve? 3\n"
        "Inspection judgement about the LSCB 4\n\f"
        "Summary of findings\n"
        f"The LSCB {grade} because its arrangements for monitoring the effectiveness of services are not "
        "yet strong enough.\n"
        f"The local authority's children's services in {council} were judged inadequate at the single "
        "inspection in 2014.\n\f"
        "What does the LSCB need to improve?\n"
        "Priority and immediate action\n"
        "Ensure that the board's multi-agency audits cover the work of every partner agency.\n\f"
        "What the inspection judgements mean\n"
        "Outstanding The LSCB is demonstrating strong leadership in creating and promoting a culture of\n"
        "Good The LSCB is complying with its statutory responsibilities\n"
        "Inadequate The LSCB is not demonstrating that it has effective arrangements in place\n"
    )


def unannounced_letter(
    council: str = "Nottinghamshire",
    letter_date: str = "14 April 2010",
    visit: str = "9 and 10 March 2010",
) -> str:
    """A 2009-13 letter after an annual unannounced inspection of contact, referral and assessment."""
    return (
        f"{_OLD_LETTERHEAD}"
        f"{letter_date}\n"
        "Mr Anthony May\n"
        "Corporate Director for Children, Families and Cultural Services\n"
        f"{council} County Council\n"
        "County Hall\n"
        "Dear Mr May\n"
        "Annual unannounced inspection of contact, referral and assessment arrangements within local "
        "authority children's services\n"
        "This letter summarises the findings of the unannounced inspection of contact, referral and "
        f"assessment arrangements within local authority children's services in {council}, which was "
        f"conducted on {visit}. The inspection sampled a range of case records.\n"
        "The inspection identified areas of strength and areas for development, with no areas for priority "
        "action.\n"
        "Strengths\n"
        "Thresholds for access to social care services are clear and understood by partner agencies.\n"
        "Areas for development\n"
        "The quality of initial assessments is too variable.\n"
        "The inspection findings will be included in the children's services assessment to be published "
        "later in the year. The last inspection of safeguarding judged these services good.\n"
        "Yours sincerely\n"
        "Rosemary Chapman\n"
        "Her Majesty's Inspector\n"
    )


def monitoring_letter(
    council: str = "Manchester",
    letter_date: str = "19 April 2016",
    visit: str = "16 and 17 March 2016",
    number: str = "third",
) -> str:
    """A letter after a monitoring visit to a council judged inadequate."""
    return (
        f"{_LETTERHEAD}"
        f"{letter_date}\n"
        "Ms Amanda Jones\n"
        "Strategic Director of Children's Services\n"
        f"{council} City Council\n"
        "Town Hall\n"
        "Dear Ms Jones\n"
        f"Monitoring visit of {council} children's services\n"
        f"This letter summarises the findings of the {number} monitoring visit to {council} children's "
        "services since the local authority was judged inadequate in September 2014. The visit was carried "
        f"out on {visit} by Her Majesty's Inspectors.\n"
        "Inspectors reviewed the progress made in the quality of assessments for children in need. Of the "
        "cases audited by the local authority, 35% were judged to be good.\n"
        "Overall, the local authority is making steady progress in improving services.\n"
        "Yours sincerely\n"
        "Lisa Summers\n"
        "Her Majesty's Inspector\n"
    )


def jtai_letter(
    council: str = "Devon",
    letter_date: str = "9 March 2023",
    visit: str = "9 to 13 January 2023",
) -> str:
    """A joint targeted area inspection letter, written to the council and its partners together."""
    return (
        f"{_LETTERHEAD}"
        f"{letter_date}\n"
        "Julian Wooster, Director of Children's Services,\n"
        f"{council} County Council\n"
        "Will Kerr, Chief Constable, Devon and Cornwall Police\n"
        "Steve Moore, Chief Executive, NHS One Devon Integrated Care Board\n"
        "Alison Hernandez, Police and Crime Commissioner for Devon, Cornwall and the Isles of Scilly\n"
        "Dear local partnership\n"
        f"Joint targeted area inspection of the multi-agency response to children and families who need "
        f"help in {council}\n"
        "This letter summarises the findings of the joint targeted area inspection (JTAI) of the "
        f"multi-agency response to identification of initial need and risk in {council}. This inspection "
        f"took place from {visit}. It was carried out by inspectors from Ofsted, the Care Quality "
        "Commission (CQC), His Majesty's Inspectorate of Constabulary and Fire & Rescue Services (HMICFRS) "
        "and His Majesty's Inspectorate of Probation (HMI Probation).\n"
        f"Ofsted judged {council}'s children's services to be inadequate in January 2020.\n"
        "Headline findings\n"
        "Children and families who need help receive a timely response from partner agencies.\n"
        "What needs to improve?\n"
        "The quality of information sharing between health partners and children's social care.\n"
        "Yours sincerely\n"
        "Yvette Stanley\nNational Director, Regulation and Social Care, Ofsted\n"
        "Sir Andy Cooke\nHis Majesty's Chief Inspector of Constabulary\n"
    )


def unknown_letter(
    council: str = "Wiltshire",
    letter_date: str = "3 June 2027",
    visit: str = "6 to 8 May 2027",
) -> str:
    """An Ofsted letter of a kind of visit no rule names."""
    return (
        f"{_LETTERHEAD}"
        f"{letter_date}\n"
        "Terence Herbert\n"
        "Corporate Director, People\n"
        f"{council} Council\n"
        "Dear Mr Herbert\n"
        f"Thematic visit to {council} local authority family help services\n"
        f"This letter summarises the findings of a thematic visit to {council} between {visit}. The visit "
        "looked at the local authority's arrangements for family help.\n"
        f"Services in {council} were last judged good at the inspection in 2022.\n"
        "Yours sincerely\n"
        "Sarah Canto\n"
        "His Majesty's Inspector\n"
    )


def unknown_report(
    council: str = "Wiltshire",
    dates: str = "12 to 23 April 2027",
    published: str = "2 June 2027",
) -> str:
    """An Ofsted report of a framework no rule names (a framework introduced after the reader was written)."""
    return (
        "Children's social care and family help inspection\n"
        f"{council} Council\n"
        f"Inspection dates: {dates}\n"
        f"Report published: {published}\n"
        "Lead inspector: Sarah Canto, His Majesty's Inspector\n"
        "Evaluation area Evaluation\n"
        "Leadership Strong standard\n"
        "Help and protection Expected standard\n"
        "Children in care Needs attention\n\f"
        f"Since the last inspection in 2022, when services were judged good, leaders in {council} have kept "
        "services improving.\n"
        "What needs to improve?\n"
        "The timeliness of health assessments for children in care.\n"
    )


def ilacs_2026(
    council: str = "Plymouth",
    dates: str = "11 to 22 May 2026",
    grades: tuple[str, str, str, str] = ("Good", "Requires improvement to be good", "Good", "Outstanding"),
) -> str:
    """A 2026 ILACS report: care leavers judged apart, and no overall-effectiveness grade any more."""
    leaders, protection, care, leavers = grades
    return (
        f"Inspection of {council} City local authority children's services\n"
        f"Inspection dates: {dates}\n"
        "Lead inspector: Kathryn Grindrod, His Majesty's Inspector\n"
        "Judgement Grade\n"
        "The impact of leaders on social work practice with\nchildren and families\n"
        f"{leaders}\n"
        "The experiences and progress of children who need\nhelp and protection\n"
        f"{protection}\n"
        "The experiences and progress of children in care\n"
        f"{care}\n"
        "The experiences and progress of care leavers\n"
        f"{leavers}\n"
        "Leaders have sustained good services for children since the last inspection in 2022, when "
        "services were judged requires improvement to be good overall.\n"
        "What needs to improve?\n"
        "The consistency of management oversight of children's plans.\n"
    )
