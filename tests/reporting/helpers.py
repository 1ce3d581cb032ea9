"""Reading generated PDFs back in tests."""

import io
from pathlib import Path
from urllib.parse import quote

from django.db import connection
from pypdf import PdfReader

LATVIAN_LETTERS = "āčēģīķļņšūž"


def pdf_text(data: bytes) -> str:
    """The text of every page, whitespace (non-breaking spaces too) collapsed."""
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def embedded_fonts(data: bytes) -> set[str]:
    """Base names of the fonts whose program is embedded in the PDF."""
    names = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font.get("/DescendantFonts")
            descriptor_owner = descendant[0].get_object() if descendant else font
            descriptor = descriptor_owner["/FontDescriptor"].get_object()
            if any(key.startswith("/FontFile") for key in descriptor):
                names.add(str(font["/BaseFont"]).split("+", 1)[-1])
    return names


def document_bytes(document) -> bytes:
    with document.file.open("rb") as handle:
        return handle.read()


def database_url() -> str:
    """The URL of the test database, for another process (a worker, a command)."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    user = quote(db["USER"] or "", safe="")
    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    host = db["HOST"] or "127.0.0.1"
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{user}{password}@{host}{port}/{db['NAME']}"
