"""Every private download the portal serves (participants' documents, generated PDFs, data
exports, bundles): sent as an attachment (or inline where a page frames it), never cached
by the browser or a proxy, and never sniffed as another type."""

from django.http import FileResponse, Http404, HttpResponse

PRIVATE_HEADERS = {"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"}


def _private(response, etag: str | None):
    for header, value in PRIVATE_HEADERS.items():
        response[header] = value
    if etag:
        response["ETag"] = f'"{etag}"'
    return response


def private_file(handle, *, filename: str, content_type: str, etag: str | None = None):
    """An open file, streamed."""
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    return _private(response, etag)


def private_stored_file(file_field, *, filename: str, content_type: str, etag: str | None = None):
    """A stored file, or 404 when it is missing from the storage."""
    try:
        handle = file_field.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return private_file(handle, filename=filename, content_type=content_type, etag=etag)


def private_bytes(
    data: bytes, *, filename: str, content_type: str, etag: str | None = None, inline=False
):
    response = HttpResponse(data, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return _private(response, etag)
