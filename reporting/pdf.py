"""HTML to PDF with WeasyPrint, offline.

The documents use DejaVu Sans (every Latvian letter: ā č ē ģ ī ķ ļ ņ š ū ž), read from
PDF_FONT_DIR (installed by fonts-dejavu-core) through @font-face and embedded in the PDF
by WeasyPrint. Every URL a document refers to must be a local file under one of the
allowed directories, or an inline PNG image (a data: URL, e.g. a drawn signature):
LocalOnlyFetcher (reporting/fetcher.py) stops the rendering on anything else, so rendering
never fetches anything from outside the project.
"""

from pathlib import Path

from django.conf import settings

FONT_FAMILY = "Portal Sans"
PNG_DATA_URL = "data:image/png;base64,"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
FONT_FILES = {"normal": "DejaVuSans.ttf", "bold": "DejaVuSans-Bold.ttf"}


class PdfError(Exception):
    """The document could not be rendered; the message says why."""


def font_dir() -> Path:
    return Path(settings.PDF_FONT_DIR)


def allowed_roots() -> list[Path]:
    return [font_dir().resolve(), (Path(settings.BASE_DIR) / "static").resolve()]


def missing_fonts() -> list[Path]:
    return [font_dir() / name for name in FONT_FILES.values() if not (font_dir() / name).is_file()]


def font_face_css() -> str:
    """@font-face rules pointing at the local font files (no network, ever)."""
    rules = []
    for weight, name in FONT_FILES.items():
        url = (font_dir() / name).resolve().as_uri()
        rules.append(
            f'@font-face {{ font-family: "{FONT_FAMILY}"; font-weight: {weight}; '
            f'font-style: normal; src: url("{url}"); }}'
        )
    return "\n".join(rules)


def render_pdf(html: str) -> bytes:
    """The PDF of a complete HTML document; PdfError when it cannot be rendered."""
    # Imported on the first rendering: WeasyPrint loads Pango, HarfBuzz and fontconfig as
    # it is imported, 0.7 s that every manage.py command, worker and web process paid at
    # start whether it rendered anything or not.
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import FatalURLFetchingError

    from .fetcher import LocalOnlyFetcher

    fetcher = LocalOnlyFetcher(allowed_roots())
    try:
        document = HTML(string=html, url_fetcher=fetcher, base_url=None)
        return document.write_pdf(font_config=FontConfiguration())
    except FatalURLFetchingError as error:
        # Raised for refused URLs and for missing local files (fail_on_errors).
        cause = error.__cause__ or error
        raise PdfError(str(cause) if str(cause) else str(error)) from None
