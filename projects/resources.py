"""Partner organisations in and out of spreadsheets (django-import-export).

A row is matched, within its organisation, on the partner's OID. Partners without an
OID (host companies rarely have one) are matched on name and city, case and diacritics
aside; a row that brings the OID of a partner known only by name and city adds the OID
to it. An empty OID cell keeps a known OID.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.transfer import ORGANISATION, Column, OrganisationRowsResource, OrganisationWidget
from core.transfer.values import ChoiceWidget, CountryWidget, DateWidget, cell_text, normalise

from .models import PartnerOrganisation
from .services import partner_save

OID = "OID"
NAME = "Name"
CITY = "City"


class PartnerOrganisationResource(OrganisationRowsResource):
    organisation = Column(
        "organisation", ORGANISATION, "Organizācijas OID", OrganisationWidget(), key=True
    )
    name = Column("name", NAME, "Nosaukums", required=True)
    kind = Column("kind", "Kind", "Veids", ChoiceWidget(PartnerOrganisation.Kind), required=True)
    oid = Column("oid", OID, "OID", keep_when_empty=True)
    country = Column("country", "Country", "Valsts", CountryWidget(), required=True)
    city = Column("city", CITY, "Pilsēta", required=True)
    address = Column("address", "Address", "Adrese")
    contact_name = Column("contact_name", "Contact person", "Kontaktpersona")
    contact_email = Column("contact_email", "Contact e-mail", "Kontakta e-pasts")
    contact_phone = Column("contact_phone", "Contact phone", "Kontakta tālrunis")
    mou_status = Column(
        "mou_status",
        "Memorandum of understanding",
        "Saprašanās memorands",
        ChoiceWidget(PartnerOrganisation.MouStatus, empty=PartnerOrganisation.MouStatus.NONE),
    )
    mou_signed_on = Column(
        "mou_signed_on", "Memorandum signed on", "Memorands parakstīts", DateWidget()
    )

    example = {
        "name": "CIPFP Ausiàs March",
        "kind": PartnerOrganisation.Kind.HOST_VET_PROVIDER,
        "oid": "E10012345",
        "country": "ES",
        "city": "Valencia",
        "address": "Carrer d'Ángel Villena, s/n",
        "contact_name": "Marta García",
        "contact_email": "marta.garcia@example.es",
        "mou_status": PartnerOrganisation.MouStatus.NONE,
    }

    class Meta:
        model = PartnerOrganisation
        fields = (
            "organisation",
            "name",
            "kind",
            "oid",
            "country",
            "city",
            "address",
            "contact_name",
            "contact_email",
            "contact_phone",
            "mou_status",
            "mou_signed_on",
        )

    def prepare(self, dataset):
        super().prepare(dataset)
        self.seen = {}
        self.by_oid_of = {}
        self.by_name = {}
        organisations = list(self.by_oid.values())
        for partner in PartnerOrganisation.objects.filter(organisation__in=organisations):
            org = partner.organisation_id
            if partner.oid:
                self.by_oid_of[org, partner.oid.upper()] = partner
            key = (org, normalise(partner.name), normalise(partner.city))
            self.by_name.setdefault(key, []).append(partner)

    def find_instance(self, row):
        self.row_organisation = organisation = self.organisation_of(row)
        oid = cell_text(row.get(OID)).upper()
        name, city = normalise(cell_text(row.get(NAME))), normalise(cell_text(row.get(CITY)))
        if oid:
            self.remember_key(self.seen, ("oid", organisation.pk, oid), OID)
            partner = self.by_oid_of.get((organisation.pk, oid))
            if partner:
                return partner
        elif name:
            self.remember_key(self.seen, ("name", organisation.pk, name, city), NAME)
        if not name:
            return None
        namesakes = self.by_name.get((organisation.pk, name, city), [])
        if oid:
            namesakes = [p for p in namesakes if not p.oid]
        if len(namesakes) > 1:
            raise ValidationError(
                {NAME: _("Several partners have this name in this city: give the OID.")}
            )
        return namesakes[0] if namesakes else None

    def new_instance(self, row):
        return PartnerOrganisation(organisation=self.row_organisation)

    def save(self, instance, is_create):
        # Rows are matched on the OID: no row can take another partner's.
        partner_save(partner=instance, validate_constraints=False)
