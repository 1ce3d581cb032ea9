"""Every private download the portal serves (participants' documents, generated PDFs, data
exports, bundles): sent as an attachment (or inline where a page frames it), never cached
by the browser or a proxy, and never sniffed as another type."""

from typing import IO, TypeVar

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase

PRIVATE_HEADERS = {"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"}

_Response = TypeVar("_Response", bound=HttpResponseBase)


def _private(response: _Response, etag: str | None) -> _Response:
    for header, value in PRIVATE_HEADERS.items():
        response[header] = value
    if etag:
        response["ETag"] = f'"{etag}"'
    return response


def private_file(
    handle: IO[bytes], *, filename: str, content_type: str, etag: str | None = None
) -> FileResponse:
    """An open file, streamed."""
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    return _private(response, etag)


def private_stored_file(
    file_field: FieldFile, *, filename: str, content_type: str, etag: str | None = None
) -> FileResponse:
    """A stored file, or 404 when it is missing from the storage."""
    try:
        handle = file_field.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return private_file(handle, filename=filename, content_type=content_type, etag=etag)


def private_bytes(
    data: bytes,
    *,
    filename: str,
    content_type: str,
    etag: str | None = None,
    inline: bool = False,
) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return _private(response, etag)
