"""The final PDF: after the last signature, the frozen bytes with a signature certificate
page (signing_pdf.final_pdf), made outside any transaction and stored with its SHA-256 by a
task, which the coordinator can queue again; and the verification of every stored
agreement's bytes against their SHA-256."""

import logging
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from projects.signals import bump_projects

from ..models import AgreementVersion
from ..signals import agreement_signed
from .pdf import final_pdf
from .roles import next_role
from .versions import TamperedFile, storage_name, verified_bytes

logger = logging.getLogger(__name__)

Status = AgreementVersion.Status


def enqueue_finalize(agreement_id: int) -> None:
    from ..tasks import finalize_agreement  # tasks.py imports this module

    try:
        finalize_agreement.delay(agreement_id)
    except Exception:  # noqa: BLE001 - the broker may be down; the page offers to retry
        logger.exception("Could not queue the final PDF of agreement %s", agreement_id)


def agreement_finalize(*, agreement_id: int) -> bool:
    """Make and store the final PDF of a fully signed version; False when there is nothing
    to do (not complete, already signed, superseded) or another call stored it first."""
    agreement = AgreementVersion.objects.select_related(
        "document__project__organisation", "mobility__participant", "mobility__project"
    ).get(pk=agreement_id)
    events = list(agreement.signatures.select_related("signer").order_by("signed_at", "pk"))
    if agreement.status != Status.OPEN or next_role(agreement, events) is not None:
        return False
    frozen = verified_bytes(agreement.frozen_file, agreement.frozen_sha256)
    # Rendering and sealing take seconds: no transaction is open meanwhile.
    final = final_pdf(agreement, events, frozen)
    name = default_storage.save(storage_name(agreement, "-signed"), ContentFile(final.data))
    stored = AgreementVersion.objects.filter(pk=agreement.pk, status=Status.OPEN).update(
        status=Status.SIGNED,
        final_file=name,
        final_sha256=final.sha256,
        final_size=len(final.data),
        sealed=final.sealed,
        signed_at=events[-1].signed_at,
    )
    if not stored:
        default_storage.delete(name)
        return False
    agreement.refresh_from_db()
    agreement_signed.send(sender=AgreementVersion, agreement=agreement)
    bump_projects(pk=agreement.mobility.project_id)
    return True


def agreement_finalize_again(agreement: AgreementVersion) -> None:
    """The coordinator's retry when the final PDF could not be made (queued again)."""
    enqueue_finalize(agreement.pk)


# Verification


@dataclass
class Mismatch:
    agreement: AgreementVersion
    which: str
    problem: str


def agreement_files_check(queryset=None):
    """Every frozen and final PDF whose bytes no longer match their SHA-256."""
    queryset = queryset if queryset is not None else AgreementVersion.objects.all()
    frozen = queryset.exclude(frozen_sha256="").select_related("mobility__project")
    for agreement in frozen.order_by("pk").iterator(chunk_size=200):
        checks = [("agreement to sign", agreement.frozen_file, agreement.frozen_sha256)]
        if agreement.final_sha256:
            checks.append(("signed agreement", agreement.final_file, agreement.final_sha256))
        for which, file_field, sha256 in checks:
            try:
                verified_bytes(file_field, sha256)
            except TamperedFile as error:
                yield Mismatch(agreement, which, str(error))
