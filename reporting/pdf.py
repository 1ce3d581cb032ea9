"""HTML to PDF with WeasyPrint, offline.

The documents use DejaVu Sans (every Latvian letter: ā č ē ģ ī ķ ļ ņ š ū ž), read from
PDF_FONT_DIR (installed by fonts-dejavu-core) through @font-face and embedded in the PDF
by WeasyPrint. Every URL a document refers to must be a local file under one of the
allowed directories, or an inline PNG image (a data: URL, e.g. a drawn signature):
LocalOnlyFetcher stops the rendering on anything else, so rendering never fetches anything
from outside the project.
"""

import base64
import binascii
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

FONT_FAMILY = "Portal Sans"
PNG_DATA_URL = "data:image/png;base64,"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
FONT_FILES = {"normal": "DejaVuSans.ttf", "bold": "DejaVuSans-Bold.ttf"}


class PdfError(Exception):
    """The document could not be rendered; the message says why."""


class RefusedFetch(FatalURLFetchingError):
    """A document referred to something outside the allowed local directories."""


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


class LocalOnlyFetcher(URLFetcher):
    """Fetches file: URLs under the allowed roots and refuses everything else, stopping
    the rendering: a document that refers to the network is a bug to fix, not to hide."""

    def __init__(self, roots: list[Path]):
        super().__init__(allowed_protocols=("file",), allow_redirects=False, fail_on_errors=True)
        self.roots = roots
        self.fetched: list[str] = []

    def fetch(self, url, headers=None):
        if url.startswith(PNG_DATA_URL):
            return self._inline_png(url)
        if not self.is_allowed(url):
            raise RefusedFetch(f"Refused to fetch {url}: only local files are allowed.")
        self.fetched.append(url)
        return super().fetch(url, headers)

    def _inline_png(self, url: str) -> URLFetcherResponse:
        """A PNG carried in the document itself: decoded here, nothing is fetched."""
        try:
            data = base64.b64decode(url[len(PNG_DATA_URL) :], validate=True)
        except (binascii.Error, ValueError):
            data = b""
        if not data.startswith(PNG_SIGNATURE):
            raise RefusedFetch("Refused an inline image that is not a PNG.")
        return URLFetcherResponse("data:image/png", data, {"Content-Type": "image/png"})

    def is_allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            return False
        path = Path(unquote(parts.path)).resolve()
        return any(path.is_relative_to(root) for root in self.roots)


def render_pdf(html: str) -> bytes:
    """The PDF of a complete HTML document; PdfError when it cannot be rendered."""
    fetcher = LocalOnlyFetcher(allowed_roots())
    try:
        document = HTML(string=html, url_fetcher=fetcher, base_url=None)
        return document.write_pdf(font_config=FontConfiguration())
    except FatalURLFetchingError as error:
        # Raised for refused URLs and for missing local files (fail_on_errors).
        cause = error.__cause__ or error
        raise PdfError(str(cause) if str(cause) else str(error)) from None
