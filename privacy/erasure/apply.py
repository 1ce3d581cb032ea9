"""Erasing a participant's personal data: in the records and in their history rows,
keeping what the grant's audit needs until its retention period ends (privacy.inventory
says which field is which; privacy.erasure.scope which mobilities are held).

Everything is written with queryset updates, not model saves: a save would send the
signals that recompute grants and renew grant agreements (reporting.signing), and a
changed name must not make a signed agreement look out of date. For the same reason the
fingerprint of each current agreement is recomputed after the participant is renamed.
The records are left as the database accepts them, not as the participant form would
(an erased minor has no guardian any more): full_clean() would refuse them.

Stored files are deleted once the transaction has committed, so that a failure rolls
back without losing a file that is still referred to."""

import logging
from datetime import date

from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models import ProtectedError, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from finance.models import Cost, Payment, Reduction, Transfer
from mobilities.models import Mobility, MobilityFile, MonitoringNote, PreparationItem
from participants.models import Participant, PortalAccount, PortalInvitation, SelectionApplication
from projects.signals import bump_projects
from reporting.models import (
    AgreementVersion,
    GeneratedDocument,
    GrantHandling,
    LearningAgreementDetails,
    SignatureEvent,
)
from reporting.signing import agreement_fingerprint
from results.models import (
    DisseminationEvent,
    LearningTransfer,
    Recognition,
    SurveyAnswer,
    SurveyResponse,
    UnitAssessment,
)

from ..inventory import AUDIT, ERASE, fields_of
from .purge import signature_events_delete
from .scope import AUDIT_FILE_KINDS, Scope, reduced_birth_date

logger = logging.getLogger(__name__)

# Stands for a removed reason of a refusal, which the database requires to be there.
REMOVED_TEXT = "—"


def pseudonym_for(participant_id: int) -> tuple[str, str]:
    return _("Erased participant"), f"#{participant_id}"


def _blank(model, name: str):
    """The value a removed field gets: empty, or its default when it cannot be empty."""
    model_field = model._meta.get_field(name)
    if model_field.null:
        return None
    if isinstance(model_field, models.JSONField):
        return model_field.get_default()
    if isinstance(model_field, models.CharField | models.TextField | models.FileField):
        return ""
    raise ValueError(f"No empty value for {model._meta.label}.{name}: set one in erasure.apply")


def _values(model, names) -> dict:
    return {name: _blank(model, name) for name in names}


class Files:
    """Stored files to delete after the commit."""

    def __init__(self):
        self.names: list[str] = []

    def add(self, *file_fields) -> None:
        self.names += [f.name for f in file_fields if f and f.name]

    def delete_after_commit(self) -> None:
        names = list(self.names)
        transaction.on_commit(lambda: _delete_files(names))


def _delete_files(names: list[str]) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:
            logger.exception("Could not delete the erased file %s", name)


# The person


def _participant_values(participant: Participant, scope: Scope, pseudonym) -> dict:
    label = "participants.Participant"
    values = _values(Participant, fields_of(label, ERASE))
    values["first_name"], values["last_name"] = pseudonym
    values["date_of_birth"] = reduced_birth_date(participant.date_of_birth)
    if not scope.any_held:
        values |= _values(Participant, [n for n in fields_of(label, AUDIT) if n != "date_of_birth"])
    return values


def person_pseudonymise(scope: Scope, pseudonym) -> None:
    """The record and every history row of it get the same erased values."""
    participant = scope.participant
    values = _participant_values(participant, scope, pseudonym)
    Participant.objects.filter(pk=participant.pk).update(**values)
    Participant.history.model.objects.filter(id=participant.pk).update(**values)


def person_delete(participant: Participant) -> None:
    """Nothing refers to the participant: the record goes, and its history with it."""
    pk = participant.pk
    participant.delete()
    Participant.history.model.objects.filter(id=pk).delete()


# The portal


def _user_erase(user) -> None:
    """A portal user without any other role: deleted, or, when a signature still names
    them, kept closed and nameless (the signature's signer may not be deleted)."""
    if user.is_staff or user.is_superuser or user.memberships.exists():
        return  # also someone else's colleague: only the portal account goes
    if not SignatureEvent.objects.filter(signer=user).exists():
        try:
            with transaction.atomic():
                user.delete()
            return
        except ProtectedError:
            pass
    user.username = f"erased-{user.pk}"
    user.email = user.first_name = user.last_name = ""
    user.is_active = False
    user.set_unusable_password()
    user.save(
        update_fields=["username", "email", "first_name", "last_name", "is_active", "password"]
    )


def portal_close(participant: Participant) -> list[int]:
    """Close the participant's and guardian's portal accounts; their invitations go."""
    accounts = list(PortalAccount.objects.filter(participant=participant).select_related("user"))
    PortalInvitation.objects.filter(participant=participant).delete()
    for account in accounts:
        account.delete()
        _user_erase(account.user)
    return [account.user_id for account in accounts]


def former_signers_erase(user_ids) -> None:
    """Users kept only because a signature named them, once those signatures are gone."""
    users = get_user_model().objects.filter(pk__in=user_ids, username__startswith="erased-")
    for user in users:
        _user_erase(user)


def applications_erase(participant: Participant) -> None:
    applications = SelectionApplication.objects.filter(applicant=participant)
    applications.update(motivation="")
    refused = Q(decision__in=SelectionApplication.DECISIONS_NEEDING_REASON)
    applications.filter(refused).update(decision_reason=REMOVED_TEXT)
    applications.exclude(refused).update(decision_reason="")
    # A withdrawal must keep a reason (a constraint): the reason itself is the person's.
    applications.exclude(withdrawn_on=None).update(withdrawal_reason=REMOVED_TEXT)


# The mobilities


def _mobility_rows_erase(ids: list[int], names: list[str]) -> None:
    values = _values(Mobility, names)
    Mobility.objects.filter(pk__in=ids).update(**values)
    Mobility.history.model.objects.filter(id__in=ids).update(**values)


def mobilities_erase_notes(ids: list[int], files: Files) -> None:
    """What no audit needs, of every mobility: notes, monitoring, other uploads."""
    _mobility_rows_erase(ids, fields_of("mobilities.Mobility", ERASE))
    MonitoringNote.objects.filter(mobility__in=ids).delete()
    PreparationItem.objects.filter(mobility__in=ids).exclude(note="").update(note="")
    # The questionnaires' free texts; the levels and scores stay, nameless.
    SurveyAnswer.objects.filter(response__mobility__in=ids).exclude(text="").update(text="")
    SurveyResponse.objects.filter(mobility__in=ids).update(submitted_by=None)
    uploads = MobilityFile.objects.filter(mobility__in=ids).exclude(kind__in=AUDIT_FILE_KINDS)
    _files_delete(uploads, files)


def _files_delete(uploads, files: Files) -> None:
    """The uploads, their bytes and their history rows (which name each file)."""
    pks = [upload.pk for upload in uploads]
    files.add(*[upload.file for upload in uploads])
    MobilityFile.objects.filter(pk__in=pks).delete()
    MobilityFile.history.model.objects.filter(id__in=pks).delete()


def mobilities_erase_audit(ids: list[int], files: Files) -> list[int]:
    """What the audit needed, once it no longer does; answers the signers' user ids."""
    _mobility_rows_erase(ids, fields_of("mobilities.Mobility", AUDIT))
    _files_delete(MobilityFile.objects.filter(mobility__in=ids), files)
    money_delete(ids, files)
    versions = list(AgreementVersion.objects.filter(mobility__in=ids))
    signers = list(
        SignatureEvent.objects.filter(agreement__in=versions).values_list("signer_id", flat=True)
    )
    signature_events_delete([version.pk for version in versions])
    for version in versions:
        files.add(version.frozen_file, version.final_file)
    AgreementVersion.objects.filter(pk__in=[version.pk for version in versions]).delete()
    documents = list(GeneratedDocument.objects.filter(mobility__in=ids))
    files.add(*[document.file for document in documents])
    GeneratedDocument.objects.filter(pk__in=[document.pk for document in documents]).delete()
    results_delete(ids)
    dissemination_erase(ids, files)
    # Its units of learning outcomes go with it (on delete cascade).
    LearningAgreementDetails.objects.filter(mobility__in=ids).delete()
    GrantHandling.objects.filter(mobility__in=ids).delete()
    return signers


def results_delete(ids: list[int]) -> None:
    """The assessments of the learning outcomes, the recognition decisions and the
    transfers of learning, with their history (an assessment's rows carry its mobility)."""
    UnitAssessment.objects.filter(mobility__in=ids).delete()
    UnitAssessment.history.model.objects.filter(mobility_id__in=ids).delete()
    Recognition.objects.filter(mobility__in=ids).delete()
    Recognition.history.model.objects.filter(mobility_id__in=ids).delete()
    LearningTransfer.objects.filter(mobility__in=ids).delete()
    LearningTransfer.history.model.objects.filter(mobility_id__in=ids).delete()


def dissemination_erase(ids: list[int], files: Files) -> None:
    """The school's events from the mobilities stay, linked to them, without who presented,
    the description and the evidence file; their history rows of these mobilities too."""
    values = _values(DisseminationEvent, fields_of("results.DisseminationEvent", AUDIT))
    events = DisseminationEvent.objects.filter(mobility__in=ids)
    files.add(*[event.evidence_file for event in events])
    events.update(**values)
    DisseminationEvent.history.model.objects.filter(mobility_id__in=ids).update(**values)


def money_delete(ids: list[int], files: Files) -> None:
    """The payments, transfers and reductions of the mobilities, with their history; the
    costs' files and notes."""
    payment_ids = list(Payment.objects.filter(mobility__in=ids).values_list("pk", flat=True))
    transfer_ids = list(
        Transfer.objects.filter(payment__in=payment_ids).values_list("pk", flat=True)
    )
    reduction_ids = list(Reduction.objects.filter(mobility__in=ids).values_list("pk", flat=True))
    Transfer.objects.filter(pk__in=transfer_ids).delete()
    Reduction.objects.filter(pk__in=reduction_ids).delete()
    Payment.objects.filter(pk__in=payment_ids).delete()
    Transfer.history.model.objects.filter(id__in=transfer_ids).delete()
    Reduction.history.model.objects.filter(id__in=reduction_ids).delete()
    Payment.history.model.objects.filter(id__in=payment_ids).delete()
    # The school's costs stay in its accounts, without what names the person.
    costs = list(Cost.objects.filter(mobility__in=ids))
    for cost in costs:
        files.add(cost.invoice, cost.proof_of_payment)
    Cost.objects.filter(pk__in=[cost.pk for cost in costs]).update(
        **_values(Cost, fields_of("finance.Cost", AUDIT))
    )
    Cost.history.model.objects.filter(id__in=[cost.pk for cost in costs]).delete()


def agreements_follow_erasure(ids: list[int]) -> None:
    """Agreements still kept say the old name; the erasure is not a change of what they
    say (no new version to sign). One still preparing is dropped: nobody will sign it."""
    Status = AgreementVersion.Status
    AgreementVersion.objects.filter(mobility__in=ids, status=Status.PREPARING).update(
        status=Status.SUPERSEDED,
        superseded_at=timezone.now(),
        superseded_reason=_("The participant's personal data was erased.")[:300],
    )
    current = AgreementVersion.objects.filter(mobility__in=ids, status__in=AgreementVersion.CURRENT)
    mobilities = Mobility.objects.select_related("participant", "grant", "project")
    for version in current:
        mobility = mobilities.get(pk=version.mobility_id)
        AgreementVersion.objects.filter(pk=version.pk).update(
            content_fingerprint=agreement_fingerprint(mobility)
        )


# The admin's log


def log_entries_rename(participant_id: int, mobility_ids: list[int], pseudonym: str) -> None:
    """The admin's log names the objects it changed, e.g. “Marta Bērziņa”."""
    types = ContentType.objects.get_for_models(Participant, Mobility)
    entries = LogEntry.objects.filter(
        Q(content_type=types[Participant], object_id=str(participant_id))
        | Q(content_type=types[Mobility], object_id__in=[str(pk) for pk in mobility_ids])
    )
    entries.update(object_repr=pseudonym)


def projects_bump(mobility_ids: list[int]) -> None:
    """Cached pages of the projects show the name: they are made again."""
    if mobility_ids:
        bump_projects(mobilities__in=mobility_ids)


def today_or(day: date | None) -> date:
    return day or timezone.localdate()
