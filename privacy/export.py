"""Everything held about one person, as one ZIP file: `data.json` (every record, each
field labelled in the reader's language, with the field's name and a plain value),
`README.txt` saying (in the reader's language) what is inside, and the person's stored files under
`files/`. A ZIP rather than JSON alone: the uploads, documents and signed agreements are
part of what is held, and a person reads a PDF, not its storage path.

The participant's export holds their record (with the guardian's details it contains),
their portal account, mobilities and everything found through them, and the history rows
of each; the guardian's export holds the guardian's details, portal account, invitations,
the agreements a guardian sees and their own signatures. The sections follow
privacy.inventory, so a model listed there cannot be left out of the participant's export
(tests/privacy/test_inventory.py); a field left out is named in the file with the reason.

The file is written to a temporary file (in memory while small), never all in memory."""

import json
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import PurePath

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from participants.models import FewerOpportunitiesCategory, Participant, PortalRole
from reporting.models import AgreementVersion, SignerRole
from reporting.signing import guardian_expected

from .inventory import BY_LABEL, HOLDINGS, OTHER_PERSON, SECRET
from .models import DataSubject

SPOOL_BYTES = 10 * 1024 * 1024
CHUNK = 1024 * 1024
USER_FIELDS = (
    "username",
    "email",
    "first_name",
    "last_name",
    "is_active",
    "date_joined",
    "last_login",
)
GUARDIAN_FIELDS = ("guardian_name", "guardian_email", "guardian_phone")


def _omitted_reason(code: str) -> str:
    return {
        SECRET: _("a security secret (a hash), not information about the person"),
        OTHER_PERSON: _("personal data of another person"),
    }[code]


@dataclass
class Collected:
    """Stored files to put into the ZIP, by path inside it."""

    files: dict[str, object] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)

    def add(self, instance, model_field, stored) -> str | None:
        if not stored or not stored.name:
            return None
        shown = getattr(instance, "original_name", "") or PurePath(stored.name).name
        safe = PurePath(shown.replace("\\", "/")).name or "file"
        path = f"files/{instance._meta.model_name}/{instance.pk}/{model_field.name}/{safe}"
        self.files[path] = stored
        return path


class Labels:
    """Names of related objects, each looked up once."""

    def __init__(self):
        self.cache: dict[tuple, str] = {}

    def of(self, model_field, pk) -> str | None:
        if pk is None:
            return None
        key = (model_field.related_model, pk)
        if key not in self.cache:
            related = model_field.related_model._default_manager.filter(pk=pk).first()
            self.cache[key] = _related_label(related) if related is not None else f"#{pk}"
        return self.cache[key]


def _related_label(obj) -> str:
    if hasattr(obj, "reference"):
        return obj.reference
    if hasattr(obj, "get_username"):
        return obj.get_username()
    return str(obj)


def _plain(model_field, value):
    if value is None or isinstance(value, bool | int | str):
        if model_field.choices and value not in (None, ""):
            return str(dict(model_field.flatchoices).get(value, value))
        return value
    if isinstance(value, datetime):
        aware = timezone.is_aware(value)
        return (timezone.localtime(value) if aware else value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)  # never a float
    if hasattr(value, "code"):  # a country
        return f"{value.code} {value.name}".strip()
    if isinstance(value, list):
        if model_field.name == "fewer_opportunities_categories":
            labels = dict(FewerOpportunitiesCategory.choices)
            return [str(labels.get(code, code)) for code in value]
        return value
    return value if isinstance(value, dict) else str(value)


def _record(instance, names, collected: Collected, labels: Labels) -> dict:
    shown = []
    for name in names:
        model_field = instance._meta.get_field(name)
        if isinstance(model_field, models.FileField):
            value = collected.add(instance, model_field, getattr(instance, name))
        elif model_field.is_relation:
            value = labels.of(model_field, getattr(instance, model_field.attname))
        else:
            value = _plain(model_field, getattr(instance, model_field.attname))
        label = capfirst(str(model_field.verbose_name))
        shown.append({"field": name, "label": label, "value": value})
    return {"id": instance.pk, "fields": shown}


def _exported_names(label: str, only=None) -> list[str]:
    holding = BY_LABEL[label]
    names = [n for n in holding.fields if n not in holding.not_exported]
    return [n for n in names if only is None or n in only or n == "id"]


def _history_names(history_model, label: str, only=None) -> list[str]:
    extra = ["history_date", "history_type", "history_user", "history_change_reason"]
    present = {f.name for f in history_model._meta.concrete_fields}
    return [n for n in _exported_names(label, only) if n in present] + extra


@dataclass
class Section:
    key: str
    label: str
    records: list[dict]
    omitted: list[dict]

    def as_json(self) -> dict:
        return {
            "key": self.key,
            "label": self.label,
            "records": self.records,
            "omitted": self.omitted,
        }


def _omitted(label: str) -> list[dict]:
    model = apps.get_model(label)
    return [
        {
            "field": name,
            "label": capfirst(str(model._meta.get_field(name).verbose_name)),
            "reason": _omitted_reason(code),
        }
        for name, code in BY_LABEL[label].not_exported.items()
    ]


class Builder:
    def __init__(self, participant: Participant):
        self.participant = participant
        self.collected = Collected()
        self.labels = Labels()
        self.sections: list[Section] = []

    def add(self, label: str, queryset, *, only=None, key=None) -> None:
        model = apps.get_model(label)
        names = _exported_names(label, only)
        records = [_record(row, names, self.collected, self.labels) for row in queryset]
        title = capfirst(str(model._meta.verbose_name_plural))
        self.sections.append(Section(key or label, title, records, _omitted(label)))

    def add_history(self, label: str, queryset, *, only=None) -> None:
        model = apps.get_model(label)
        names = _history_names(queryset.model, label, only)
        records = [_record(row, names, self.collected, self.labels) for row in queryset]
        title = _("History: %(records)s") % {
            "records": capfirst(str(model._meta.verbose_name_plural))
        }
        self.sections.append(Section(f"{label}.history", title, records, []))

    def add_users(self, accounts) -> None:
        model = apps.get_model("auth.User")
        records = [
            _record(account.user, USER_FIELDS, self.collected, self.labels) for account in accounts
        ]
        title = capfirst(str(model._meta.verbose_name_plural))
        omitted = [{"field": "password", "label": _("password"), "reason": _omitted_reason(SECRET)}]
        self.sections.append(Section("auth.User", title, records, omitted))


def _rows(label: str, participant: Participant):
    holding = BY_LABEL[label]
    model = apps.get_model(label)
    return model._default_manager.filter(**{holding.to_participant: participant.pk}).order_by("pk")


# Whose records each export holds


def participant_sections(builder: Builder) -> None:
    participant = builder.participant
    for holding in HOLDINGS:
        rows = _rows(holding.label, participant)
        if holding.label in ("participants.PortalAccount", "participants.PortalInvitation"):
            rows = rows.filter(role=PortalRole.PARTICIPANT)
        if holding.label == "reporting.SignatureEvent":
            rows = rows.filter(role=SignerRole.PARTICIPANT)
        builder.add(holding.label, rows)
        if holding.label == "participants.PortalAccount":
            builder.add_users(rows.select_related("user"))
    history = Participant.history.model.objects.filter(id=participant.pk)
    builder.add_history("participants.Participant", history.order_by("history_date"))
    mobility_history = apps.get_model("mobilities.Mobility").history.model.objects
    rows = mobility_history.filter(participant_id=participant.pk).order_by("id", "history_date")
    builder.add_history("mobilities.Mobility", rows)


Status = AgreementVersion.Status


def guardian_agreements(participant: Participant) -> list[AgreementVersion]:
    """The agreements a guardian sees in the portal: those a guardian signed, and current
    ones that need a guardian's signature."""
    versions = AgreementVersion.objects.filter(mobility__participant=participant).exclude(
        status=AgreementVersion.Status.PREPARING
    )
    today = timezone.localdate()
    signed = set(versions.filter(signatures__role=SignerRole.GUARDIAN).values_list("pk", flat=True))
    return [
        version
        for version in versions.select_related("mobility__participant").order_by("pk")
        if version.pk in signed
        or (version.status != Status.SUPERSEDED and guardian_expected(version, today))
    ]


def guardian_sections(builder: Builder) -> None:
    participant = builder.participant
    only = set(GUARDIAN_FIELDS) | {"first_name", "last_name"}
    record = Participant.objects.filter(pk=participant.pk)
    builder.add("participants.Participant", record, only=only)
    accounts = _rows("participants.PortalAccount", participant).filter(role=PortalRole.GUARDIAN)
    builder.add("participants.PortalAccount", accounts)
    builder.add_users(accounts.select_related("user"))
    invitations = _rows("participants.PortalInvitation", participant)
    builder.add("participants.PortalInvitation", invitations.filter(role=PortalRole.GUARDIAN))
    agreements = guardian_agreements(participant)
    builder.add("reporting.AgreementVersion", agreements)
    events = _rows("reporting.SignatureEvent", participant).filter(
        role=SignerRole.GUARDIAN, agreement__in=[a.pk for a in agreements]
    )
    builder.add("reporting.SignatureEvent", events)
    has_guardian = ~Q(guardian_name="", guardian_email="", guardian_phone="")
    history = Participant.history.model.objects.filter(has_guardian, id=participant.pk)
    builder.add_history("participants.Participant", history.order_by("history_date"), only=only)


# The file


@dataclass
class ExportFile:
    handle: object
    filename: str
    records: int
    files: int
    size: int


def _readme(participant: Participant, subject: str, sections: list[Section]) -> str:
    lines = [
        _("Personal data held by %(organisation)s in the Erasmus+ portal, %(day)s.")
        % {
            "organisation": participant.organisation.legal_name,
            "day": timezone.localdate().isoformat(),
        },
        _("Whose data: the %(subject)s.") % {"subject": DataSubject(subject).label},
        "",
        _("data.json: every record, each field with its name, its label and its value."),
        _("files/: the stored files (uploads, documents, signed agreements)."),
        "",
    ]
    lines += [f"- {section.label}: {len(section.records)}" for section in sections]
    return "\n".join(str(line) for line in lines) + "\n"


def _data(participant: Participant, subject: str, builder: Builder) -> dict:
    return {
        "organisation": participant.organisation.legal_name,
        "subject": subject,
        "subject_label": str(DataSubject(subject).label),
        "language": get_language(),
        "generated_at": timezone.localtime().isoformat(),
        "sections": [section.as_json() for section in builder.sections],
        "files": sorted(builder.collected.files),
        "missing_files": builder.collected.missing,
    }


def _copy(stored, archive: zipfile.ZipFile, path: str) -> bool:
    try:
        with stored.storage.open(stored.name, "rb") as source, archive.open(path, "w") as target:
            while chunk := source.read(CHUNK):
                target.write(chunk)
    except (FileNotFoundError, OSError):
        return False
    return True


def personal_data_export(participant: Participant, subject: str) -> ExportFile:
    """Build the ZIP of everything held about the participant (or their guardian)."""
    builder = Builder(participant)
    (guardian_sections if subject == DataSubject.GUARDIAN else participant_sections)(builder)
    # Not a context manager: the caller streams it, and the response closes it.
    handle = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115
    with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path, stored in builder.collected.files.items():
            if not _copy(stored, archive, path):
                builder.collected.missing.append(path)
        data = _data(participant, subject, builder)
        text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        archive.writestr("data.json", text)
        archive.writestr("README.txt", _readme(participant, subject, builder.sections))
    size = handle.tell()
    handle.seek(0)
    records = sum(len(section.records) for section in builder.sections)
    stored = len(builder.collected.files) - len(builder.collected.missing)
    day = timezone.localdate().isoformat()
    filename = f"personal-data-{participant.pk}-{subject}-{day}.zip"
    return ExportFile(handle, filename, records, stored, size)
