"""Files to upload and the steps of an import through the coordinator's pages."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse


def csv_file(rows, *, delimiter=",", encoding="utf-8") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_file(rows) -> bytes:
    """A workbook as a spreadsheet writes it: a text starting with = is a formula."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client, url, content: bytes, name="import.csv", **data):
    return client.post(url, {"file": SimpleUploadedFile(name, content), **data})


def preview(client, url, content: bytes, name="import.csv", **data):
    """Upload and open the preview; returns the preview's Outcome and the upload token."""
    response = upload(client, url, content, name, **data)
    assert response.status_code == 302, response.context["form"].errors
    page = client.get(response["Location"])
    assert page.status_code == 200
    return page.context["outcome"], page.context["stored"].token


def confirm(client, token):
    return client.post(reverse("transfers:import_confirm", args=[token]))


def form_errors(response) -> str:
    return " ".join(str(e) for errors in response.context["form"].errors.values() for e in errors)

