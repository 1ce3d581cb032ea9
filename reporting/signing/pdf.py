"""The final PDF of a signed grant agreement: the frozen agreement's exact bytes, then a
signature certificate page appended as an incremental update (so the final file begins
with the very bytes that were signed), sealed with a PAdES signature when a certificate
is configured (SIGNING_CERT_PATH, SIGNING_KEY_PATH, SIGNING_KEY_PASSPHRASE).

No database writes here; reporting/signing/ stores what this module makes."""

import hashlib
import io
from dataclasses import dataclass
from types import SimpleNamespace

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from pypdf import PdfReader, PdfWriter

from ..pdf import FONT_FAMILY, font_face_css, render_pdf

SEAL_FIELD = "OrganisationSeal"


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def certificate_html(agreement, events) -> str:
    """The signature certificate page, in the agreement's language."""
    document = agreement.document
    with translation.override(agreement.language):
        # The page header (pdf/base.html) names the certificate and the agreement's version.
        header = SimpleNamespace(
            get_kind_display=_("Signature certificate"),
            version=agreement.number,
            language=agreement.language,
        )
        context = {
            "agreement": agreement,
            "events": events,
            "document": header,
            "project": document.project,
            "organisation": document.project.organisation,
            "mobility": agreement.mobility,
            "generated_at": timezone.now(),
            "sealed": sealing_configured(),
            "font_css": font_face_css(),
            "font_family": FONT_FAMILY,
        }
        return render_to_string("pdf/signature_certificate.html", context)


def append_pages(original: bytes, appendix: bytes) -> bytes:
    """`original` unchanged, followed by an incremental update adding `appendix`'s pages."""
    writer = PdfWriter(io.BytesIO(original), incremental=True)
    for page in PdfReader(io.BytesIO(appendix)).pages:
        writer.add_page(page)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def sealing_configured() -> bool:
    return bool(settings.SIGNING_CERT_PATH and settings.SIGNING_KEY_PATH)


def seal(pdf: bytes, *, reason: str, location: str) -> bytes:
    """A PAdES baseline signature of the whole file by the configured certificate."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    passphrase = settings.SIGNING_KEY_PASSPHRASE.encode() or None
    signer = signers.SimpleSigner.load(
        settings.SIGNING_KEY_PATH, settings.SIGNING_CERT_PATH, key_passphrase=passphrase
    )
    if signer is None:
        raise ValueError("The signing certificate or key could not be read.")
    metadata = signers.PdfSignatureMetadata(
        field_name=SEAL_FIELD,
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        location=location,
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    return signers.sign_pdf(writer, metadata, signer=signer).getvalue()


@dataclass
class FinalPdf:
    data: bytes
    sha256: str
    sealed: bool


def final_pdf(agreement, events, frozen: bytes) -> FinalPdf:
    """The signed agreement's final PDF. Slow (WeasyPrint, pyHanko): call it outside any
    database transaction."""
    certificate = render_pdf(certificate_html(agreement, events))
    data = append_pages(frozen, certificate)
    sealed = sealing_configured()
    if sealed:
        organisation = agreement.mobility.project.organisation
        data = seal(
            data,
            reason=f"Grant agreement {agreement.reference} signed",
            location=f"{organisation.legal_name}, {organisation.city}",
        )
    return FinalPdf(data, sha256_of(data), sealed)
