"""Council papers (cabinet and scrutiny reports, minutes, board papers) that report an Ofsted outcome, in the
shapes real papers take, as text extracted from their PDFs.

Builders take the facts as arguments so that a test can change them and see the reading follow. Each
paper carries the traps real papers carry: an earlier inspection's grade mentioned in passing, audit
percentages, other councils' grades, national counts.
"""

from __future__ import annotations


def cabinet_report(
    council: str = "Wiltshire",
    month: str = "June 2023",
    dates: str = "12 to 23 June 2023",
    overall: str = "good",
    earlier_year: str = "2019",
    earlier_words: str = "to require improvement to be good",
) -> str:
    """A cabinet report: the outcome in prose, the earlier inspection in passing, a table of
    sub-judgements."""
    return (
        f"{council} Council\n"
        "Cabinet\n"
        "Date of meeting: 12 September 2023\n"
        "Subject: Ofsted inspection of local authority children's services\n"
        "Cabinet Member: Cabinet Member for Children's Services\n"
        "Key Decision: No\n"
        "Executive Summary\n"
        f"1. Ofsted inspected the council's children's services between {dates} under the framework for "
        "the inspection of local authority children's services (ILACS). The inspection judged the "
        f"council's services for children to be {overall} overall. At the previous inspection, in "
        f"{earlier_year}, services were judged {earlier_words}.\n"
        "2. The inspectors' judgements were:\n"
        "Judgement Grade\n"
        "The impact of leaders on social work practice with children and families Outstanding\n"
        "The experiences and progress of children who need help and protection Good\n"
        "The experiences and progress of children in care Good\n"
        "The experiences and progress of care leavers Requires improvement\n"
        "to be good\n"
        f"Overall effectiveness {overall.capitalize()}\n"
        "3. Nationally, 13% of councils are judged outstanding. Our own audits found 78% of cases were rated "
        "good or better.\n"
        "Proposal\n"
        "4. Cabinet is asked to note the outcome of the inspection and the action plan.\n"
        "Background papers\n"
        f"Ofsted report, published {month}.\n"
    )


def scrutiny_minutes(
    council: str = "Leeds",
    month: str = "March 2015",
    overall: str = "good",
    lscb: str = "good",
) -> str:
    """Scrutiny board minutes summing up a SIF outcome in a run of prose, grades split over lines."""
    return (
        f"{council} City Council\n"
        "Scrutiny Board (Children and Families)\n"
        "Minutes of the meeting held on Wednesday, 22nd April, 2015\n"
        "PRESENT: Councillor A Smith in the Chair\n"
        "76 Ofsted Inspection of Services for Children in Need of Help and Protection, Children Looked "
        "After and Care Leavers\n"
        "The Director of Children's Services presented the outcome of the Ofsted inspection carried out in "
        f"{month}. Members were informed that Ofsted had rated the council's children's services as "
        f"'{overall}' overall, with leadership, management and governance judged 'outstanding'. The "
        "experiences and progress of children who need help and protection were judged 'requires\n"
        "improvement', and adoption performance was judged 'good'. The review of the Local Safeguarding "
        f"Children Board judged the board to be '{lscb}'.\n"
        f"Members noted that when the council was last inspected in 2010, safeguarding services were judged "
        "'adequate'.\n"
        "RESOLVED - That the outcome of the inspection be noted.\n"
    )


def board_paper(
    council: str = "Torbay",
    month: str = "November 2023",
    overall: str = "inadequate",
) -> str:
    """An improvement board paper: the outcome, the monitoring visits after it, a visit expected."""
    return (
        f"{council} Children's Services Improvement Board\n"
        "Report to: Improvement Board\n"
        "Date: 18 March 2024\n"
        "Purpose of the report\n"
        "1. To update the board on progress since the inspection.\n"
        "Background\n"
        f"2. Following the ILACS inspection in {month}, Ofsted judged {council}'s children's services to be "
        f"{overall} overall. The first monitoring visit took place on 6 and 7 February 2024. The next "
        "monitoring visit is expected in May 2024.\n"
        "3. Other councils in the region were judged good in 2023.\n"
    )


def paper_with_report_pasted(report_text: str, council: str = "Derby") -> str:
    """A committee paper whose cover note is followed by the Ofsted report's text, pasted in as an
    appendix."""
    return (
        f"{council} City Council\n"
        "Children and Young People Scrutiny Review Board\n"
        "Date of meeting: 10 July 2022\n"
        "Report of the Strategic Director of Peoples Services\n"
        "Ofsted inspection of local authority children's services\n"
        "Purpose\n"
        "1.1 To present the findings of the recent Ofsted inspection, attached at Appendix 1.\n"
        "Recommendation\n"
        "2.1 To note the report.\n"
        "Appendix 1\n"
        f"{report_text}"
    )
