"""Finding a paragraph, as the reader joined its lines, in a document's stored text."""

import re


def locate(text: str, paragraph: str) -> tuple[int, int] | None:
    """Where a paragraph (as the reader joined its lines) sits in the document's text, whitespace aside."""
    words = paragraph.split()
    if not words or not text:
        return None
    pattern = r"\s+".join(re.escape(word) for word in words)
    match = re.search(pattern, text)
    if match:
        return match.start(), match.end()
    head = r"\s+".join(re.escape(word) for word in words[:12])
    match = re.search(head, text)
    if match:
        return match.start(), min(len(text), match.start() + len(paragraph))
    return None
