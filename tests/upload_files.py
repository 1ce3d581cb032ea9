"""Files to upload in tests: valid PDFs and images, and hostile ones built on purpose
(PDFs with scripts, actions and attachments, polyglots, decompression bombs)."""

import io
import struct
import zipfile
import zlib

from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject


def pdf(*, pages: int = 1, change=None, password: str | None = None) -> bytes:
    """A valid PDF of blank A4 pages; `change(writer)` alters it before writing, and
    `password` encrypts it (an empty one only forbids changes)."""
    writer = PdfWriter()
    for _page in range(pages):
        writer.add_blank_page(595, 842)
    if change:
        change(writer)
    if password is not None:
        writer.encrypt(user_password=password, owner_password="owner", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def action(kind: str, **entries) -> DictionaryObject:
    """An action dictionary, e.g. action("/JavaScript", JS="app.alert(1)")."""
    values = {NameObject("/S"): NameObject(kind)}
    for key, value in entries.items():
        values[NameObject(f"/{key}")] = TextStringObject(value)
    return DictionaryObject(values)


def with_annotation(annotation: dict):
    """A change() adding an annotation (a dict of names to pypdf objects) to page 1."""

    def change(writer: PdfWriter) -> None:
        entries = {NameObject(k): v for k, v in annotation.items()}
        entries.setdefault(NameObject("/Type"), NameObject("/Annot"))
        entries.setdefault(NameObject("/Rect"), ArrayObject([]))
        reference = writer._add_object(DictionaryObject(entries))
        writer.pages[0][NameObject("/Annots")] = ArrayObject([reference])

    return change


def with_catalog_entry(key: str, value):
    def change(writer: PdfWriter) -> None:
        writer._root_object[NameObject(key)] = value

    return change


def raw_pdf(objects: list[bytes]) -> bytes:
    """A PDF written by hand, object 1 its catalog: for what pypdf would not write
    (escaped names, objects nothing refers to)."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    start = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<</Size %d/Root 1 0 R>>\n" % (len(objects) + 1))
    out.write(b"startxref\n%d\n%%%%EOF\n" % start)
    return out.getvalue()


PAGES = [
    b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
    b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>",
]


def pdf_with_hidden_object_stream(body: bytes) -> bytes:
    """A PDF whose object 5, which nothing refers to, lies in an object stream (4) listed
    by a cross-reference stream (6): where a scanner of the catalog would not look."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    header = b"5 0 "
    content = header + body
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        *PAGES,
        b"<</Type/ObjStm/N 1/First %d/Length %d>>\nstream\n%s\nendstream"
        % (len(header), len(content), content),
    ]
    offsets = {}
    for number, text in enumerate(objects, start=1):
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, text))
    offsets[6] = out.tell()
    rows = [struct.pack(">BIH", 0, 0, 65535)]
    rows += [struct.pack(">BIH", 1, offsets[n], 0) for n in (1, 2, 3, 4)]
    rows += [struct.pack(">BIH", 2, 4, 0), struct.pack(">BIH", 1, offsets[6], 0)]
    table = b"".join(rows)
    out.write(
        b"6 0 obj\n<</Type/XRef/Size 7/W[1 4 2]/Root 1 0 R/Length %d>>\nstream\n%s\nendstream\n"
        b"endobj\n" % (len(table), table)
    )
    out.write(b"startxref\n%d\n%%%%EOF\n" % offsets[6])
    return out.getvalue()


def jpeg(size: tuple[int, int] = (64, 48)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, "JPEG")
    return out.getvalue()


def png(size: tuple[int, int] = (64, 48), mode: str = "RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size).save(out, "PNG")
    return out.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims `width` × `height` black-and-white pixels, with almost
    no data behind it: a decompression bomb's header, cheap to build."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def jpeg_with_comment(text: bytes) -> bytes:
    """A JPEG whose comment segment (COM, right after the start marker) holds `text`."""
    data = jpeg()
    return data[:2] + b"\xff\xfe" + struct.pack(">H", len(text) + 2) + text + data[2:]


def zip_archive() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("run.html", "<script>alert(1)</script>")
    return out.getvalue()
