"""A batch's ready documents as one download: a ZIP of the PDFs, or one merged PDF for
printing. Only stored files whose SHA-256 still matches go in; the others are named in the
answer. Nothing is rendered here: the files exist already."""

import io
import zipfile
from dataclasses import dataclass, field

from pypdf import PdfWriter
from pypdf.errors import PyPdfError

from .signing import TamperedFile, verified_bytes


@dataclass
class Bundle:
    data: bytes
    included: int = 0
    left_out: list[str] = field(default_factory=list)


def _documents_bytes(documents):
    for document in documents:
        try:
            yield document, verified_bytes(document.file, document.sha256)
        except TamperedFile:
            yield document, None


def batch_zip(documents) -> Bundle:
    buffer = io.BytesIO()
    bundle = Bundle(b"")
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for document, data in _documents_bytes(documents):
            if data is None:
                bundle.left_out.append(document.download_name)
                continue
            archive.writestr(document.download_name, data)
            bundle.included += 1
    bundle.data = buffer.getvalue()
    return bundle


def _appended(writer: PdfWriter, data: bytes) -> bool:
    try:
        writer.append(io.BytesIO(data))
    except PyPdfError:
        return False
    return True


def batch_merged_pdf(documents) -> Bundle:
    writer = PdfWriter()
    bundle = Bundle(b"")
    for document, data in _documents_bytes(documents):
        if data is not None and _appended(writer, data):
            bundle.included += 1
        else:
            bundle.left_out.append(document.download_name)
    buffer = io.BytesIO()
    writer.write(buffer)
    bundle.data = buffer.getvalue()
    return bundle
