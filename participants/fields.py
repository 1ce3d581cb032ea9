"""A participant's fields, section by section: the form, the admin and the import read
this declaration (core/sections.py)."""

from django.utils.translation import gettext_lazy as _

from core.sections import Section

SECTIONS = (
    Section(
        "person",
        None,
        (
            "organisation",
            "kind",
            "first_name",
            "last_name",
            "date_of_birth",
            "gender",
            "nationality",
            "national_id",
            "email",
            "phone",
            "city",
            "address",
            "iban",
        ),
    ),
    Section(
        "learner",
        _("Learner"),
        (
            "vet_programme",
            "qualification",
            "eqf_level",
            "learner_status",
            "graduation_date",
            "compulsory_service_months",
        ),
    ),
    Section("staff", _("Staff"), ("position", "employment_documented")),
    Section(
        "guardian",
        _("Guardian (participants under 18)"),
        ("guardian_name", "guardian_email", "guardian_phone"),
    ),
    Section(
        "fewer_opportunities",
        _("Fewer opportunities"),
        ("fewer_opportunities", "fewer_opportunities_categories", "support_needs"),
    ),
)
