"""What WeasyPrint may read while rendering (reporting/pdf.py): files under the allowed
local directories and inline PNG images, nothing else. A module of its own so that
WeasyPrint is imported only when something is rendered."""

import base64
import binascii
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from .pdf import PNG_DATA_URL, PNG_SIGNATURE


class RefusedFetch(FatalURLFetchingError):
    """A document referred to something outside the allowed local directories."""


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
