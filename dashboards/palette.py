"""One palette for grades, everywhere: chart bands, heat-map cells and the grade tags (static/css/app.css
repeats these values as --app-grade-N-background; tests/dashboards/test_palette.py keeps the two equal).

Chosen for the common colour-vision deficiencies: dark blue, mid blue, amber and dark red differ in
lightness as
well as hue, so under deuteranopia or protanopia (red and green lost) they stay four colours (blue, blue-grey,
yellow, dark olive), and colour is never alone: every band and tag also carries the grade in words or
initials. Text on each colour is at least 4.5:1 (WCAG 1.4.3); amber's edge against white is drawn in
near-black because the colour alone is under 3:1 (WCAG 1.4.11)."""

GRADE_NAMES = {1: "Outstanding", 2: "Good", 3: "Requires improvement", 4: "Inadequate"}
GRADE_SHORT = {1: "O", 2: "G", 3: "RI", 4: "I"}
GRADE_COLOURS = {1: "#003078", 2: "#1d70b8", 3: "#f0a830", 4: "#8e1b12"}
GRADE_TEXT = {1: "#ffffff", 2: "#ffffff", 3: "#0b0c0c", 4: "#ffffff"}
EDGE = "#0b0c0c"
TEXT = "#0b0c0c"
SECONDARY_TEXT = "#505a5f"  # 7:1 on white
GRID = "#e8e8e8"
HIGHLIGHT = "#ffdd00"  # the chosen council's row: the GOV.UK focus yellow, behind near-black text


def relative_luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours."""
    a, b = sorted((relative_luminance(one), relative_luminance(other)), reverse=True)
    return (a + 0.05) / (b + 0.05)
