"""The board view and the highlight report in a real Chromium: signed in through the form, no CSP violations,
screenshots at desktop and phone widths, and the highlight report printed to PDF and turned into PNGs.

The pictures land in test-artifacts/improvements/ for a person to look at.
"""

import contextlib
import datetime
import os
import subprocess
from datetime import date
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone

from authorities.models import Authority, CouncilAssignment
from improvements import from_committee_paper, plans
from improvements.models import Action
from tests.conftest import PROJECT_DIR, _user
from tests.improvements.conftest import DERBY_SEED, DEVON_SEED, publish, store_document

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = PROJECT_DIR / "test-artifacts" / "improvements"
PASSWORD = "correct-horse-battery"
CSP_RECORDER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__cspViolations.push(event.violatedDirective + ' ' + event.blockedURI);
});
"""


@contextlib.contextmanager
def on(day: datetime.datetime):
    """Record the plan's changes as if made on `day` (a plan kept here since then)."""
    clock = mock.Mock(wraps=timezone)
    clock.now.return_value = timezone.make_aware(day)
    clock.localdate.return_value = day.date()
    with mock.patch.object(plans, "timezone", clock):
        yield


def _build_devon(gazetteer_user):
    """Devon's plan: the eight priorities and progress read from the committee paper, with actions kept since
    October 2020 (some done, some late), as a board would have it at the end of November 2020."""
    from inspections.gazetteer import reference_gazetteer

    gazetteer = reference_gazetteer()[0]
    devon = Authority.objects.get(gss_code="E10000008")
    paper = store_document(DEVON_SEED, gazetteer, devon, "committee_paper")
    publish(paper)
    ilacs = devon.inspections.get(kind="ilacs")
    user = gazetteer_user
    with on(datetime.datetime(2020, 10, 1, 9)):
        plan = plans.start_plan(devon, user, title="Devon improvement plan 2020-21", source_inspection=ilacs)
        from_committee_paper.priorities_from_paper(plan, paper, user, on=date(2020, 11, 25))
        priorities = list(plan.priorities.order_by("position"))
        rows = [  # priority index, action, owner, due
            (0, "Review every care leaver in unsuitable accommodation", "Head of Care Leavers", date(2020, 10, 31)),  # noqa: E501
            (0, "Roll out the revised Pathway Plan to every young person", "Head of Care Leavers", date(2020, 12, 18)),  # noqa: E501
            (0, "Health passports offered and taken up", "Designated Nurse", date(2021, 1, 29)),
            (1, "Graded Care Profile training for all locality teams", "Principal Social Worker", date(2020, 11, 13)),  # noqa: E501
            (1, "Audit pre-proceedings cases over 12 weeks", "Case Progression Managers", date(2020, 12, 11)),
            (2, "Diagnostic of IRO and CP chair effectiveness (Partners in Practice)", "Head of Safeguarding", date(2020, 11, 30)),  # noqa: E501
            (3, "Child Safeguarding Practice Review: learning briefing", "DCFP Business Manager", date(2021, 1, 15)),  # noqa: E501
            (4, "Early permanence planning meeting for every child in care", "Head of Children in Care", date(2020, 11, 6)),  # noqa: E501
            (5, "Life story audit", "Principal Social Worker", date(2020, 11, 27)),
            (6, "Autumn audit of children placed with parents", "Locality Directors", date(2020, 12, 4)),
            (7, "Quarterly quality assurance report to members", "Chief Officer", date(2020, 12, 16)),
            (7, "Recruitment and Retention Strategy agreed", "Chief Officer", date(2021, 2, 26)),
        ]  # fmt: skip
        actions = [
            plans.create_action(priorities[p], user, text=text, owner=owner, due=due)
            for p, text, owner, due in rows
        ]
    with on(datetime.datetime(2020, 10, 20, 10)):
        for action in actions[:8]:
            plans.change_action(action, user, status=Action.Status.IN_PROGRESS, rag="amber")
    with on(datetime.datetime(2020, 11, 12, 15)):
        plans.change_action(actions[0], user, status=Action.Status.COMPLETE, rag="green")
        plans.change_action(actions[3], user, status=Action.Status.COMPLETE, rag="green")
        plans.change_action(actions[5], user, rag="red")
        plans.change_action(actions[8], user, rag="red")
        plans.change_priority(priorities[0], user, rag="amber")
    with on(datetime.datetime(2020, 11, 26, 11)):
        plans.change_action(actions[7], user, status=Action.Status.COMPLETE, rag="green")
        plans.change_action(
            actions[6],
            user,
            status=Action.Status.CLOSED,
            evidence="https://www.devon.gov.uk/democracy/\nhttps://reports.ofsted.gov.uk/",
        )
    return plan


@pytest.fixture
def people():
    if not Authority.objects.exists():  # a transactional test before this one emptied the tables
        call_command("load_councils", verbosity=0)
    editor = _user("eddie-editor", "editor")
    CouncilAssignment.objects.create(user=editor, authority=Authority.objects.get(gss_code="E10000008"))
    CouncilAssignment.objects.create(user=editor, authority=Authority.objects.get(gss_code="E06000015"))
    return {"editor": editor, "viewer": _user("vera-viewer", "viewer")}


def _page(chromium, live_server, username, width=1280, height=900):
    context = chromium.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.add_init_script(CSP_RECORDER)
    console = []
    page.on("console", lambda message: console.append((message.type, message.text)))
    page.on("pageerror", lambda error: console.append(("pageerror", str(error))))
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state("networkidle")
    assert "Sign in" not in page.title(), "the sign-in form did not accept the user"
    return page, console


def _no_csp_problems(page, console):
    violations = page.evaluate("window.__cspViolations")
    assert violations == [], violations
    refused = [text for kind, text in console if "Content Security Policy" in text or "Refused to" in text]
    assert refused == []
    assert [text for kind, text in console if kind in ("error", "pageerror")] == []


def _screenshots(page, name: str, chunk: int = 1600) -> None:
    """The whole page, and the page in chunks a person can read (a long page shrinks to nothing otherwise)."""
    width = page.viewport_size["width"]
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    for old in ARTIFACTS.glob(f"{name}-part*.png"):
        old.unlink()
    height = page.evaluate("document.documentElement.scrollHeight")
    for number, top in enumerate(range(0, height, chunk), start=1):
        clip = {"x": 0, "y": top, "width": width, "height": min(chunk, height - top)}
        page.screenshot(path=str(ARTIFACTS / f"{name}-part{number}.png"), full_page=True, clip=clip)


def _pdf_to_png(pdf_path, prefix) -> list:
    for old in ARTIFACTS.glob(f"{prefix}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "70", str(pdf_path), str(ARTIFACTS / prefix)], check=True)
    return sorted(ARTIFACTS.glob(f"{prefix}-*.png"))


def test_devon_board_view_and_highlight_report(live_server, chromium, people):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    _build_devon(people["editor"])

    page, console = _page(chromium, live_server, "vera-viewer")
    page.goto(f"{live_server.url}/authorities/devon/plan/?since=2020-11-01")
    page.wait_for_selector(".app-chart[data-chart-state='drawn']", timeout=15000)
    assert page.locator("h1").inner_text() == "Devon improvement plan 2020-21"
    assert page.locator(".app-priority").count() == 8
    # Overdue actions come first: the overdue table lists the late ones, oldest due first.
    overdue_refs = page.locator("#overdue-table tbody tr td:first-child").all_inner_texts()
    assert overdue_refs[:2] == ["6.1", "3.1"] and len(overdue_refs) == 8
    assert page.locator("#status-counts").inner_text().count("Complete") == 1
    assert "Progress reported" in page.locator("#changes").evaluate("e => e.parentElement.innerText")
    assert page.locator(".app-chart .main-svg").count() >= 1
    assert page.get_by_text("Add an action").count() == 0  # a viewer reads only
    _screenshots(page, "board-devon-1280")
    _no_csp_problems(page, console)

    phone, phone_console = _page(chromium, live_server, "eddie-editor", width=390, height=844)
    phone.goto(f"{live_server.url}/authorities/devon/plan/")
    phone.wait_for_selector(".app-chart[data-chart-state='drawn']", timeout=15000)
    assert phone.get_by_text("Add an action").count() == 8  # the editor of Devon may change it
    scroll_width = phone.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 390, f"the page scrolls sideways on a phone ({scroll_width}px)"
    _screenshots(phone, "board-devon-390", chunk=1400)
    _no_csp_problems(phone, phone_console)

    page.goto(f"{live_server.url}/authorities/devon/plan/highlight/?month=2020-11")
    assert page.locator("h1").inner_text() == "Highlight report, November 2020"
    assert "Monitoring visit" in page.locator("#latest-event").inner_text()
    _screenshots(page, "highlight-devon-1280")
    pdf = ARTIFACTS / "highlight-devon-2020-11.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    pngs = _pdf_to_png(pdf, "highlight-devon-2020-11")
    assert 1 <= len(pngs) <= 5, f"{len(pngs)} pages"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Highlight report, November 2020" in text
    assert "Services to care leavers" in text and "Next milestones" in text
    assert "Sign out" not in text and "Show month" not in text  # navigation and forms stay off paper
    _no_csp_problems(page, console)


def test_derby_board_view_built_from_the_slac_report(live_server, chromium, people):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    from inspections.gazetteer import reference_gazetteer

    gazetteer = reference_gazetteer()[0]
    derby = Authority.objects.get(gss_code="E06000015")
    publish(store_document(DERBY_SEED, gazetteer, derby, "inspection_report"))
    slac = derby.inspections.get(kind="slac")

    page, console = _page(chromium, live_server, "eddie-editor")
    page.goto(f"{live_server.url}/inspections/{slac.pk}/start-plan/")
    assert "Start the plan with 24 actions" in page.content()
    page.get_by_role("button", name="Start the plan with 24 actions").click()
    page.wait_for_url("**/authorities/derby/plan/")
    page.wait_for_selector(".app-chart[data-chart-state='drawn']", timeout=15000)
    assert "24 actions added to the plan." in page.content()
    assert page.locator(".app-priority").count() == 2
    assert (
        page.locator(".app-action-table tbody tr").count() == 24 + 24
    )  # the overdue table and the priorities

    # Change an action through the form: the history shows who did it.
    page.locator(".app-priority").first.locator("a", has_text="Develop and implement audit systems").click()
    page.get_by_role("link", name="Change the action").click()
    page.fill("#id_owner", "Head of Safeguarding")
    page.check("#id_status_1")  # in progress
    page.check("#id_rag_2")  # amber
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Action 1.1 saved.").wait_for()  # after the redirect, not while the page still loads
    assert "Action 1.1 saved." in page.content()
    history = page.locator("#action-history").inner_text()
    assert "eddie-editor" in history and "In progress" in history and "Head of Safeguarding" in history
    assert "Read from 001_68b5994d671394d9.txt" in page.locator("#action-source").inner_text()

    page.goto(f"{live_server.url}/authorities/derby/plan/")
    page.wait_for_selector(".app-chart[data-chart-state='drawn']", timeout=15000)
    _screenshots(page, "board-derby-1280")
    _no_csp_problems(page, console)
