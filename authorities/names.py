"""Folding council names so that the spellings of one council compare equal.

No Django here: the reader uses it too.
"""

import re

_DROP_WORDS = re.compile(
    r"\b(city of|county of|the|council|county|borough|metropolitan|district|royal|london|of|pre lg"
    r"|corporation)\b"
)
_ORGANISATION_WORDS = re.compile(r"\b(the|council|corporation)\b")


def fold(name: str) -> str:
    """'Kingston Upon Hull, City of' and 'Kingston upon Hull' both fold to 'kingston upon hull'.

    A name made only of dropped words ('City of London') keeps them, less the organisation words.
    """
    text = name.lower().replace("&", " and ").replace("st.", "st")
    text = re.sub(r"[().,'’\-]", " ", text)
    folded = " ".join(_DROP_WORDS.sub(" ", text).split())
    return folded or " ".join(_ORGANISATION_WORDS.sub(" ", text).split())
