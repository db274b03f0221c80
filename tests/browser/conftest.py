"""Headless Chromium (Debian's, driven by Playwright) against pytest-django's live server."""

import os

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls in fixtures stay synchronous.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run"]  # fmt: skip
SCREENS = os.environ.get("SCREENSHOT_DIR", "/tmp/screens")


@pytest.fixture
def chromium():
    """One Chromium per test, the only launch in the suite: a Playwright started for the whole session would
    keep its event loop running into tests that need none (Django's ORM refuses to run inside one)."""
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
    yield chromium
    chromium.close()
    playwright.stop()


class Page:
    """A browser page that records console messages, for asserting that the CSP refused nothing."""

    def __init__(self, browser, live_server, width):
        self.page = browser.new_page(viewport={"width": width, "height": 900}, accept_downloads=True)
        self.base = live_server.url
        self.width = width
        self.messages = []
        self.page.on("console", lambda message: self.messages.append(f"{message.type}: {message.text}"))
        self.page.on("pageerror", lambda error: self.messages.append(f"pageerror: {error}"))

    def open(self, path):
        self.page.goto(self.base + path)
        # Polled from here: wait_for_function would evaluate a string in the page, which the CSP refuses.
        for _ in range(300):  # up to 30 s: CI runs on two busy cores
            states = self.page.evaluate(
                "() => Array.from(document.querySelectorAll('.app-chart'))"
                ".map(e => e.dataset.chartState || '')"
            )
            if all(state == "drawn" for state in states):
                break
            self.page.wait_for_timeout(100)
        else:
            raise AssertionError(f"charts not drawn on {path}: {states}")
        return self.page

    def figure(self, chart_id):
        """The traces Plotly drew in the chart: its div's .data, as plain JSON."""
        script = (
            "id => JSON.parse(JSON.stringify("
            "document.querySelector(`.app-chart[data-figure-id='${id}']`).data))"
        )
        return self.page.evaluate(script, chart_id)

    def rows(self, chart_id):
        """A band chart's rows as drawn: {label: key}, top to bottom (dashboards/grade_bands.py)."""
        axis = self.figure_json(chart_id)["layout"]["yaxis"]
        return dict(zip(axis["ticktext"], axis["tickvals"], strict=True))

    def bands(self, chart_id, row_label):
        """(start date, grade value, framework) of each band on the first row whose label ends with row_label
        (a chosen row is written "► Derby (chosen)"), oldest first."""
        key = next(k for label, k in self.rows(chart_id).items() if row_label in label)
        return sorted(
            (base[:10], trace["meta"]["value"], custom[0])
            for trace in self.figure(chart_id)
            if trace["type"] == "bar"
            for y, base, custom in zip(trace["y"], trace["base"], trace["customdata"], strict=True)
            if y == key
        )

    def ticks(self, chart_id, row_label=None, expected=False):
        """The dates of the ungraded visits drawn as ticks (on one row, if given)."""
        key = (
            next((k for label, k in self.rows(chart_id).items() if row_label in label), None)
            if row_label
            else None
        )
        return sorted(
            x
            for trace in self.figure(chart_id)
            if (trace.get("meta") or {}).get("ticks") and trace["meta"]["expected"] == expected
            for x, y in zip(trace["x"], trace["y"], strict=True)
            if key is None or y == key
        )

    def figure_json(self, chart_id):
        """The figure as the page delivered it (json_script), layout included."""
        return self.page.evaluate("id => JSON.parse(document.getElementById(id).textContent)", chart_id)

    def problems(self):
        return [
            m for m in self.messages if "Content Security Policy" in m or m.startswith(("error", "pageerror"))
        ]

    def screenshot(self, name):
        os.makedirs(SCREENS, exist_ok=True)
        self.page.screenshot(path=f"{SCREENS}/{name}-{self.width}.png", full_page=True)


@pytest.fixture
def desktop(chromium, live_server, councils):
    page = Page(chromium, live_server, 1280)
    yield page
    page.page.close()


@pytest.fixture
def mobile(chromium, live_server, councils):
    page = Page(chromium, live_server, 390)
    yield page
    page.page.close()
