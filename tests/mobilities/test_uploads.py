"""What an upload must be to be kept: a PDF that opens and runs nothing, an image that
decodes within the pixel limit, and never two kinds of file at once."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from mobilities.uploads import MAX_IMAGE_PIXELS, checked_content_type
from tests import upload_files as files


def refusal(name: str, content: bytes) -> str:
    """The one sentence the form shows for an upload."""
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        checked_content_type(SimpleUploadedFile(name, content))
    [message] = caught.value.message_dict["file"]
    return message


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("scan.pdf", files.pdf(), "application/pdf"),
        ("three.pdf", files.pdf(pages=3), "application/pdf"),
        ("protected.pdf", files.pdf(password=""), "application/pdf"),
        ("photo.jpg", files.jpeg(), "image/jpeg"),
        ("photo.JPEG", files.jpeg(), "image/jpeg"),
        ("scan.png", files.png(), "image/png"),
        ("bw.png", files.png(mode="1"), "image/png"),
        ("note.jpg", files.jpeg_with_comment(b"Scanned at the host company"), "image/jpeg"),
    ],
)
def test_it_keeps_plain_pdfs_and_images(name, content, content_type):
    assert checked_content_type(SimpleUploadedFile(name, content)) == content_type


# PDFs

JS = {"JS": "app.alert(1)"}
NAMES_OF_PAGES = [b"<</Type/Pages/Kids[3 0 R]/Count 1>>", files.PAGES[1]]


def open_action(kind: str, **entries):
    return files.with_catalog_entry("/OpenAction", files.action(kind, **entries))


def link(action) -> dict:
    return {"/Subtype": NameObject("/Link"), "/A": action}


def acroform_with_xfa(writer):
    form = DictionaryObject(
        {NameObject("/Fields"): ArrayObject(), NameObject("/XFA"): ArrayObject()}
    )
    writer._root_object[NameObject("/AcroForm")] = writer._add_object(form)


def page_with_additional_actions(writer):
    open_page = DictionaryObject({NameObject("/O"): files.action("/JavaScript", **JS)})
    writer.pages[0][NameObject("/AA")] = open_page


def document_javascript(writer):
    """The document's name tree of scripts, run when it opens (what add_js wrote)."""
    scripts = DictionaryObject(
        {
            NameObject("/Names"): ArrayObject(
                [TextStringObject("init"), writer._add_object(files.action("/JavaScript", **JS))]
            )
        }
    )
    names = DictionaryObject({NameObject("/JavaScript"): writer._add_object(scripts)})
    writer._root_object[NameObject("/Names")] = names


def attachment(writer):
    writer.add_attachment("run.exe", b"MZ\x90\x00")


@pytest.mark.parametrize(
    ("content", "rule"),
    [
        (files.pdf(change=document_javascript), "contains JavaScript"),
        (files.pdf(change=open_action("/JavaScript", **JS)), "contains JavaScript"),
        (files.pdf(change=page_with_additional_actions), "runs actions when it is opened"),
        (
            files.pdf(change=files.with_annotation(link(files.action("/Launch", F="calc.exe")))),
            "starts other programs",
        ),
        (files.pdf(change=open_action("/Launch", F="cmd.exe")), "starts other programs"),
        (files.pdf(change=attachment), "has files embedded in it"),
        (
            files.pdf(
                change=files.with_annotation(
                    {"/Subtype": NameObject("/FileAttachment"), "/F": NumberObject(4)}
                )
            ),
            "has files embedded in it",
        ),
        (
            files.pdf(change=files.with_annotation({"/Subtype": NameObject("/RichMedia")})),
            "contains rich media",
        ),
        (files.pdf(change=acroform_with_xfa), "is an XFA form"),
        # An escaped name is the same name: /J#61vaScript is /JavaScript.
        (
            files.raw_pdf(
                [
                    b"<</Type/Catalog/Pages 2 0 R/Names<</J#61vaScript 4 0 R>>>>",
                    *files.PAGES,
                    b"<</Names[(x) 5 0 R]>>",
                    b"<</S/JavaScript/JS(app.alert(1))>>",
                ]
            ),
            "contains JavaScript",
        ),
        # An action type given by reference is still that type.
        (
            files.raw_pdf(
                [
                    b"<</Type/Catalog/Pages 2 0 R/OpenAction 4 0 R>>",
                    *files.PAGES,
                    b"<</S 5 0 R/F(calc.exe)>>",
                    b"/Launch",
                ]
            ),
            "starts other programs",
        ),
        # Objects that nothing refers to are looked at too.
        (
            files.raw_pdf(
                [b"<</Type/Catalog/Pages 2 0 R>>", *files.PAGES, b"<</S/JavaScript/JS(x)>>"]
            ),
            "contains JavaScript",
        ),
        (
            files.pdf_with_hidden_object_stream(b"<</S/JavaScript/JS(app.alert(1))>>"),
            "contains JavaScript",
        ),
    ],
    ids=[
        "document JavaScript",
        "OpenAction JavaScript",
        "page additional actions",
        "link launching a program",
        "OpenAction launching a program",
        "embedded file",
        "file attachment annotation",
        "rich media annotation",
        "XFA form",
        "escaped name",
        "action type by reference",
        "orphan object",
        "object stream",
    ],
)
def test_it_refuses_a_pdf_with_active_content_naming_the_rule(content, rule):
    assert rule in refusal("proof.pdf", content)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"%PDF-1.7\nthis is no PDF", "does not open as a PDF"),
        (files.pdf()[:200], "does not open as a PDF"),
        (files.pdf(password="secret"), "protected by a password"),
        (
            files.raw_pdf([b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[]/Count 0>>"]),
            "no pages",
        ),
    ],
    ids=["garbage", "truncated", "needs a password", "no pages"],
)
def test_it_refuses_a_pdf_that_does_not_open(content, expected):
    assert expected in refusal("proof.pdf", content)


def test_it_refuses_a_pdf_with_too_many_objects(monkeypatch):
    monkeypatch.setattr("mobilities.uploads.MAX_PDF_OBJECTS", 3)
    assert "more than 3 objects" in refusal("proof.pdf", files.pdf(pages=3))


# Images


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("photo.jpg", files.jpeg()[:300], "cannot be read"),
        ("photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 200, "cannot be read"),
        ("scan.png", files.png()[:40], "cannot be read"),
        ("scan.png", files.png().replace(b"IDAT", b"IDAX"), "cannot be read"),
        ("scan.png", files.png_claiming(8000, 6000), "too many pixels"),
        # Beyond twice Pillow's own limit, opening it already refuses.
        ("huge.png", files.png_claiming(100_000, 100_000), "too many pixels"),
    ],
    ids=[
        "truncated JPEG",
        "JPEG header only",
        "truncated PNG",
        "corrupt PNG",
        "48 Mpx",
        "10 000 Mpx",
    ],
)
def test_it_refuses_an_image_that_does_not_decode_within_the_limit(name, content, expected):
    assert expected in refusal(name, content)


def test_the_pixel_limit_takes_a_600_dpi_a4_scan():
    assert MAX_IMAGE_PIXELS >= 4961 * 7016


# Polyglots


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("photo.jpg", files.jpeg() + files.zip_archive(), "also a ZIP archive"),
        ("scan.pdf", files.pdf() + files.zip_archive(), "also a ZIP archive"),
        ("scan.png", files.png() + files.zip_archive(), "also a ZIP archive"),
        ("photo.jpg", files.jpeg() + files.pdf(), "also contains a PDF"),
        ("scan.png", files.png() + files.pdf(), "also contains a PDF"),
        ("photo.jpg", files.jpeg() + b"<html><script>alert(1)</script>", "web page code"),
        ("photo.jpg", files.jpeg_with_comment(b"<script>alert(1)</script>"), "web page code"),
        ("scan.png", files.png() + b"<svg onload=alert(1)>", "web page code"),
    ],
    ids=[
        "JPEG and ZIP",
        "PDF and ZIP",
        "PNG and ZIP",
        "JPEG then PDF",
        "PNG then PDF",
        "JPEG then HTML",
        "HTML in a JPEG comment",
        "PNG then SVG",
    ],
)
def test_it_refuses_a_file_that_is_also_another_kind_of_file(name, content, expected):
    assert expected in refusal(name, content)


def test_each_refusal_is_translated():
    content = files.pdf(change=document_javascript)
    with translation.override("lv"), pytest.raises(ValidationError) as caught:
        checked_content_type(SimpleUploadedFile("proof.pdf", content))
    assert "JavaScript" in caught.value.messages[0]
    assert "not accepted" not in caught.value.messages[0]
