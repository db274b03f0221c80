"""Why a document could not be read, in words an admin can act on.

Every error has a stable `code` (stored, filtered on, shown in the command's JSON) and a `message`
(shown as is).
"""


class ReadingError(Exception):
    code = "unreadable"
    default_message = "The document could not be read."

    def __init__(self, message: str | None = None):
        self.message = message or self.default_message
        super().__init__(self.message)


class EmptyFile(ReadingError):
    code = "empty"
    default_message = (
        "The file is empty (0 bytes). Upload the document again; the copy received has no content."
    )


class CorruptFile(ReadingError):
    code = "corrupt"
    default_message = (
        "The PDF is damaged and cannot be opened. Download a fresh copy from the Ofsted or council website "
        "and upload that."
    )


class EncryptedFile(ReadingError):
    code = "encrypted"
    default_message = (
        "The PDF is protected by a password, so its text cannot be read. Upload a copy without the "
        "password (for example the original from the Ofsted website)."
    )


class NoTextLayer(ReadingError):
    code = "no_text"
    default_message = (
        "The PDF has no text layer: it looks like a scan (pictures of pages). "
        "It needs OCR (text recognition) "
        "before it can be read; upload a text PDF or run OCR first."
    )


class TypeMismatch(ReadingError):
    code = "type_mismatch"
    default_message = "The file's content does not match its name."


class UnsupportedType(ReadingError):
    code = "unsupported"
    default_message = (
        "This kind of file cannot be read. Upload the document as a PDF (preferred), a Word .docx file, "
        "an HTML page or plain text."
    )


class UnknownCouncil(ReadingError):
    code = "unknown_council"
    default_message = (
        "No English council with children's services could be found in the document. Check that it is about "
        "a council's children's services, or choose the council by hand."
    )


class AmbiguousCouncil(ReadingError):
    code = "ambiguous_council"
    default_message = "The document could be about more than one council; choose the council by hand."

    def __init__(self, candidates: list[tuple[str, str]], message: str | None = None):
        self.candidates = candidates
        names = " and ".join(name for _code, name in candidates)
        super().__init__(
            message
            or f"The document names {names} equally, so the reader cannot tell which council it is about. "
            "Choose the council by hand."
        )
