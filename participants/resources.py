"""Participants in and out of spreadsheets (django-import-export).

A row is matched, within its organisation, on the participant's e-mail (any case) or
national ID (spaces and hyphens aside); a row with neither is refused, since importing it
again would add the person twice. An empty e-mail or national ID cell keeps what the
portal knows. Fewer-opportunities categories and support needs are written only for
coordinators; the yes/no flag is for everyone.
"""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.transfer import ORGANISATION, Column, ImportFileError, OrganisationRowsResource
from core.transfer import OrganisationWidget as _OrganisationWidget
from core.transfer.values import (
    BooleanWidget,
    ChoiceListWidget,
    ChoiceWidget,
    CountryWidget,
    DateWidget,
    IntegerWidget,
    cell_text,
)

from .models import FewerOpportunitiesCategory, Participant
from .services import participant_save
from .signals import SENSITIVE_FIELDS, sensitive_data_announce

EMAIL = "E-mail"
NATIONAL_ID = "National ID"


def national_id_key(value: str) -> str:
    return re.sub(r"[\s-]", "", value).upper()


class ParticipantResource(OrganisationRowsResource):
    organisation = Column(
        "organisation", ORGANISATION, "Organizācijas OID", _OrganisationWidget(), key=True
    )
    kind = Column("kind", "Kind", "Veids", ChoiceWidget(Participant.Kind), required=True)
    first_name = Column("first_name", "First name", "Vārds", required=True)
    last_name = Column("last_name", "Last name", "Uzvārds", required=True)
    date_of_birth = Column(
        "date_of_birth", "Date of birth", "Dzimšanas datums", DateWidget(), required=True
    )
    email = Column("email", EMAIL, "E-pasts", keep_when_empty=True)
    national_id = Column("national_id", NATIONAL_ID, "Personas kods", keep_when_empty=True)
    nationality = Column("nationality", "Nationality", "Pilsonība", CountryWidget())
    phone = Column("phone", "Phone", "Tālrunis")
    city = Column("city", "City of residence", "Dzīvesvietas pilsēta")
    address = Column("address", "Address", "Adrese")
    iban = Column(
        "iban",
        "Bank account (IBAN)",
        "Bankas konts (IBAN)",
        sensitive=True,
        keep_when_empty=True,
    )
    gender = Column("gender", "Gender", "Dzimums", ChoiceWidget(Participant.Gender))
    vet_programme = Column("vet_programme", "VET programme", "PIA programma")
    qualification = Column("qualification", "Qualification", "Kvalifikācija")
    eqf_level = Column("eqf_level", "EQF level", "EKI līmenis", IntegerWidget())
    learner_status = Column(
        "learner_status",
        "Learner status",
        "Audzēkņa statuss",
        ChoiceWidget(Participant.LearnerStatus),
    )
    graduation_date = Column(
        "graduation_date", "Graduation date", "Absolvēšanas datums", DateWidget()
    )
    compulsory_service_months = Column(
        "compulsory_service_months",
        "Compulsory service (months)",
        "Obligātais dienests (mēneši)",
        IntegerWidget(empty=0),
    )
    position = Column("position", "Position", "Amats")
    employment_documented = Column(
        "employment_documented",
        "Employment documented",
        "Nodarbinātība dokumentēta",
        BooleanWidget(),
    )
    guardian_name = Column("guardian_name", "Guardian's name", "Likumiskā pārstāvja vārds")
    guardian_email = Column("guardian_email", "Guardian's e-mail", "Likumiskā pārstāvja e-pasts")
    guardian_phone = Column("guardian_phone", "Guardian's phone", "Likumiskā pārstāvja tālrunis")
    fewer_opportunities = Column(
        "fewer_opportunities", "Fewer opportunities", "Ierobežotas iespējas", BooleanWidget()
    )
    fewer_opportunities_categories = Column(
        "fewer_opportunities_categories",
        "Fewer-opportunities categories",
        "Ierobežoto iespēju kategorijas",
        ChoiceListWidget(FewerOpportunitiesCategory),
        sensitive=True,
    )
    support_needs = Column("support_needs", "Support needs", "Atbalsta vajadzības", sensitive=True)

    example = {
        "kind": Participant.Kind.LEARNER,
        "first_name": "Līga",
        "last_name": "Bērziņa",
        "date_of_birth": date(2007, 5, 14),
        "email": "liga.berzina@example.lv",
        "national_id": "140507-21234",
        "nationality": "LV",
        "phone": "+371 20000000",
        "city": "Cēsis",
        "address": "Rīgas iela 10-5, Cēsis, LV-4101",
        "iban": "LV44HABA0551000000001",
        "gender": Participant.Gender.FEMALE,
        "vet_programme": "Programmēšana",
        "qualification": "Programmēšanas tehniķis",
        "eqf_level": 4,
        "learner_status": Participant.LearnerStatus.ENROLLED,
        "compulsory_service_months": 0,
        "employment_documented": False,
        "guardian_name": "Anna Bērziņa",
        "guardian_email": "anna.berzina@example.lv",
        "fewer_opportunities": False,
        "fewer_opportunities_categories": [],
    }

    class Meta:
        model = Participant
        fields = (
            "organisation",
            "kind",
            "first_name",
            "last_name",
            "date_of_birth",
            "email",
            "national_id",
            "nationality",
            "phone",
            "city",
            "address",
            "iban",
            "gender",
            "vet_programme",
            "qualification",
            "eqf_level",
            "learner_status",
            "graduation_date",
            "compulsory_service_months",
            "position",
            "employment_documented",
            "guardian_name",
            "guardian_email",
            "guardian_phone",
            "fewer_opportunities",
            "fewer_opportunities_categories",
            "support_needs",
        )

    def check_headers(self, headers):
        renamed = super().check_headers(headers)
        if EMAIL not in renamed and NATIONAL_ID not in renamed:
            raise ImportFileError(
                _("The file needs an “E-mail” or a “National ID” column: rows are matched on them.")
            )
        return renamed

    def prepare(self, dataset):
        super().prepare(dataset)
        self.seen = {}
        self.by_email, self.by_national_id = {}, {}
        organisations = list(self.by_oid.values())
        for participant in Participant.objects.filter(organisation__in=organisations):
            org = participant.organisation_id
            if participant.email:
                self.by_email[org, participant.email.casefold()] = participant
            if participant.national_id:
                self.by_national_id[org, national_id_key(participant.national_id)] = participant

    def find_instance(self, row):
        self.row_organisation = organisation = self.organisation_of(row)
        email, national_id = cell_text(row.get(EMAIL)), cell_text(row.get(NATIONAL_ID))
        if not email and not national_id:
            column = EMAIL if EMAIL in row else NATIONAL_ID
            raise ValidationError(
                {
                    column: _(
                        "Give the participant's e-mail or national ID: rows are matched on them."
                    )
                }
            )
        by_email = by_national_id = None
        if email:
            key = (organisation.pk, email.casefold())
            self.remember_key(self.seen, ("email", *key), EMAIL)
            by_email = self.by_email.get(key)
        if national_id:
            key = (organisation.pk, national_id_key(national_id))
            self.remember_key(self.seen, ("national_id", *key), NATIONAL_ID)
            by_national_id = self.by_national_id.get(key)
        if by_email and by_national_id and by_email != by_national_id:
            raise ValidationError(
                {
                    NATIONAL_ID: _(
                        "The e-mail is %(first)s's and the national ID %(second)s's: a row "
                        "is one person."
                    )
                    % {"first": by_email.full_name, "second": by_national_id.full_name}
                }
            )
        return by_email or by_national_id

    def new_instance(self, row):
        return Participant(organisation=self.row_organisation)

    # --- export: which participants' sensitive data the file shows (logged once per file)

    def export(self, queryset=None, **kwargs):
        self.shown_sensitive = {}
        dataset = super().export(queryset, **kwargs)
        shown = list(self.shown_sensitive.values())
        sensitive_data_announce(user=self.user, where="participant_export", shown=shown)
        return dataset

    def export_field(self, field, instance, **kwargs):
        value = super().export_field(field, instance, **kwargs)
        shown = getattr(self, "shown_sensitive", None)  # set by export()
        if shown is not None and field.attribute in SENSITIVE_FIELDS and value not in ("", None):
            shown.setdefault(instance.pk, (instance, []))[1].append(field.attribute)
        return value

    def save(self, instance, is_create):
        # Rows are matched on e-mail and national ID: no row can take another's.
        participant_save(participant=instance, validate_constraints=False)
