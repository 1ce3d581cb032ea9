"""What may be uploaded for a mobility: PDF, JPEG or PNG, up to UPLOAD_MAX_BYTES.

Coordinators and participants (often minors, on a phone) upload scans and photos that
coordinators, auditors and guardians open later, so a file is kept only when it is what
it says and nothing more:

- the extension matches the first bytes (a renamed executable or page is refused);
- a PDF opens as a PDF (pypdf) and has no active content: no JavaScript, additional
  actions, launch actions, embedded files, rich media or XFA forms, looked for in every
  object of the file (catalog, name trees, pages, annotations, actions, and objects no
  page refers to), so that it cannot run code in the viewer of whoever opens it;
- pypdf bounds what it decompresses (75 MB a stream), so a compressed bomb is not
  expanded in memory;
- an image decodes completely (Pillow) and has at most MAX_IMAGE_PIXELS pixels, so a
  decompression bomb is refused before it is decoded;
- no file is also another kind of file (a polyglot): none is a ZIP archive as well, and
  no image carries a PDF or HTML (in its metadata or after its end), which a PDF reader
  or a browser would open instead of the image.

A PDF encrypted only against changes (empty user password, as banks and e-signing
services send them) is opened with the empty password and checked like any other. One
that needs a password is refused: it can be neither checked nor read by the
coordinator or an auditor.
"""

import io
import logging
import re
import warnings
import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

logger = logging.getLogger(__name__)

# extension: (content type, first bytes of such a file, formats Pillow may find in it)
ALLOWED = {
    ".pdf": ("application/pdf", (b"%PDF-",), ()),
    # Cameras write several pictures in one JPEG (MPO); Pillow names it so.
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",), ("JPEG", "MPO")),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",), ("JPEG", "MPO")),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",), ("PNG",)),
}

# A 600 dpi scan of an A4 page has 35 million pixels; a 12-megapixel phone photo 12.
# Decoding 40 million pixels takes about 120 MB (160 MB in CMYK).
MAX_IMAGE_PIXELS = 40_000_000
# A scan has tens of objects, a long text document a few thousand; walking more costs
# seconds of a web request.
MAX_PDF_OBJECTS = 50_000

# Why a PDF is refused: the rule's name, then what the dictionary holds.
JAVASCRIPT, ACTIONS, LAUNCH, EMBEDDED, RICH_MEDIA, XFA, TOO_MANY_OBJECTS = (
    "javascript",
    "actions",
    "launch",
    "embedded",
    "rich_media",
    "xfa",
    "too_many_objects",
)
_FORBIDDEN_KEYS = {
    "/JavaScript": JAVASCRIPT,  # the document's name tree of scripts
    "/JS": JAVASCRIPT,  # the script of an action, wherever the action is
    "/AA": ACTIONS,  # additional actions of the catalog, a page, a field or an annotation
    "/EmbeddedFiles": EMBEDDED,  # the document's name tree of attachments
    "/EF": EMBEDDED,  # a file specification carrying the file itself
    "/XFA": XFA,  # an XML form, scriptable, in the AcroForm
    "/RichMediaContent": RICH_MEDIA,
}
_FORBIDDEN_NAMES = {
    # An action (an /OpenAction, a link's /A, a /Next action) of these types.
    ("/S", "/JavaScript"): JAVASCRIPT,
    ("/S", "/Launch"): LAUNCH,
    ("/S", "/GoToE"): EMBEDDED,
    ("/S", "/RichMediaExecute"): RICH_MEDIA,
    ("/Subtype", "/RichMedia"): RICH_MEDIA,
    ("/Subtype", "/FileAttachment"): EMBEDDED,
    ("/Type", "/EmbeddedFile"): EMBEDDED,
}
# Markup a browser would render, anywhere in an image (a JPEG comment is the classic
# place of a JPEG/HTML polyglot).
_MARKUP = re.compile(
    rb"<\s*(?:!doctype\s+html|html|head|body|script|svg|iframe|object|embed)[\s>/]",
    re.IGNORECASE,
)
# The header of a PDF, which readers look for in the first kilobyte, not at offset 0.
_PDF_HEADER = re.compile(rb"%PDF-\d\.\d")


def checked_content_type(upload) -> str:
    """The upload's content type; ValidationError on the field "file" otherwise."""
    if upload.size == 0:
        raise _refused(_("The file is empty."))
    if upload.size > settings.UPLOAD_MAX_BYTES:
        message = _("The file is larger than %(limit)s.")
        raise _refused(message % {"limit": filesizeformat(settings.UPLOAD_MAX_BYTES)})
    suffix = PurePath(upload.name or "").suffix.lower()
    if suffix not in ALLOWED:
        raise _refused(_("Upload a PDF, JPEG or PNG file."))
    content_type, signatures, image_formats = ALLOWED[suffix]
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if not any(data.startswith(signature) for signature in signatures):
        message = _("The file's content is not the %(type)s its name says.")
        raise _refused(message % {"type": suffix.lstrip(".").upper()})
    problem = _pdf_problem(data) if suffix == ".pdf" else _image_problem(data, image_formats)
    problem = problem or _polyglot_problem(data, is_image=suffix != ".pdf")
    if problem:
        logger.info("Upload %r refused: %s", upload.name, problem)
        raise _refused(problem)
    return content_type


def _refused(message: str) -> ValidationError:
    return ValidationError({"file": message})


# PDF


def _pdf_problem(data: bytes) -> str | None:
    """Why the PDF is refused, or None."""
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            return _("The PDF is protected by a password: upload a copy without the password.")
        if len(reader.pages) == 0:
            return _("The PDF has no pages.")
        rule = _forbidden_content(reader)
    except Exception:  # noqa: BLE001
        # A parser fed hostile bytes can fail in any way; each means the same thing.
        logger.info("An uploaded PDF does not open", exc_info=True)
        return _("The file does not open as a PDF: it is damaged or not a PDF.")
    return _pdf_message(rule) if rule else None


def _forbidden_content(reader: PdfReader) -> str | None:
    """The first rule an object of the file breaks, or None. Walks every object the
    cross-reference lists (including those in object streams and those nothing refers
    to) and everything they refer to, with a stack: nesting cannot exhaust recursion."""
    stack: list = [reader.trailer]
    for generation, numbers in reader.xref.items():
        stack.extend(IndirectObject(number, generation, reader) for number in numbers)
    stack.extend(IndirectObject(number, 0, reader) for number in reader.xref_objStm)
    seen: set[tuple[int, int]] = set()
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            if (item.idnum, item.generation) in seen:
                continue
            seen.add((item.idnum, item.generation))
            if len(seen) > MAX_PDF_OBJECTS:
                return TOO_MANY_OBJECTS
            item = item.get_object()
        if isinstance(item, DictionaryObject):  # streams too: their dictionary
            rule = _dictionary_rule(item)
            if rule:
                return rule
            stack.extend(_containers(item.values()))
        elif isinstance(item, ArrayObject):
            stack.extend(_containers(item))
    return None


def _dictionary_rule(dictionary: DictionaryObject) -> str | None:
    # pypdf decodes escaped names (/J#61vaScript is /JavaScript) when it parses them.
    for key in dictionary:
        if key in _FORBIDDEN_KEYS:
            return _FORBIDDEN_KEYS[key]
    for (key, name), rule in _FORBIDDEN_NAMES.items():
        value = dictionary.get(key)
        # A name may be given by reference: /S 7 0 R.
        if isinstance(value, IndirectObject):
            value = value.get_object()
        if value == name:
            return rule
    return None


def _containers(items) -> list:
    kinds = DictionaryObject | ArrayObject | IndirectObject
    return [item for item in items if isinstance(item, kinds)]


_PDF_MESSAGES = {
    JAVASCRIPT: gettext_lazy(
        "The PDF contains JavaScript, which is not accepted: upload a printed or scanned copy."
    ),
    ACTIONS: gettext_lazy(
        "The PDF runs actions when it is opened or viewed, which is not accepted: upload a "
        "printed or scanned copy."
    ),
    LAUNCH: gettext_lazy(
        "The PDF starts other programs, which is not accepted: upload a printed or scanned copy."
    ),
    EMBEDDED: gettext_lazy(
        "The PDF has files embedded in it, which is not accepted: upload each file on its own."
    ),
    RICH_MEDIA: gettext_lazy(
        "The PDF contains rich media (video, sound, Flash or 3D), which is not accepted: upload "
        "a printed or scanned copy."
    ),
    XFA: gettext_lazy(
        "The PDF is an XFA form, which is not accepted: upload a printed or scanned copy."
    ),
}


def _pdf_message(rule: str) -> str:
    if rule == TOO_MANY_OBJECTS:
        message = _("The PDF has more than %(max)s objects: upload a printed or scanned copy.")
        return message % {"max": number_format(MAX_PDF_OBJECTS, force_grouping=True)}
    return str(_PDF_MESSAGES[rule])


# Images


def _image_problem(data: bytes, formats: tuple[str, ...]) -> str | None:
    """Why the image is refused, or None: it must decode completely, within the limit."""
    too_many_pixels = _(
        "The image has too many pixels (at most %(max)s): upload a smaller image."
    ) % {"max": number_format(MAX_IMAGE_PIXELS, force_grouping=True)}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=formats) as image:
                # Opening reads only the header: the size is known before any decoding.
                if image.width * image.height > MAX_IMAGE_PIXELS:
                    return too_many_pixels
                image.verify()
            # verify() checks the structure and leaves the image unusable: open again to
            # decode every pixel (a truncated or corrupt image fails here).
            with Image.open(io.BytesIO(data), formats=formats) as image:
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return too_many_pixels
    except Exception:  # noqa: BLE001
        # As for PDFs: any failure of the decoder on hostile bytes means one thing.
        logger.info("An uploaded image does not decode", exc_info=True)
        return _("The image cannot be read: it is damaged or incomplete.")
    return None


# Polyglots


def _polyglot_problem(data: bytes, *, is_image: bool) -> str | None:
    """Why the file is refused as also being another kind of file, or None."""
    # ZIP readers find an archive by its end record, wherever the file starts.
    if zipfile.is_zipfile(io.BytesIO(data)):
        return _("The file is also a ZIP archive, which is not accepted.")
    if is_image and _PDF_HEADER.search(data):
        return _("The image also contains a PDF document, which is not accepted.")
    if is_image and _MARKUP.search(data):
        return _("The image also contains web page code (HTML or SVG), which is not accepted.")
    return None
