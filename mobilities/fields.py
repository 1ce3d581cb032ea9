"""A mobility's fields, section by section: the form and the admin read this declaration
(core/sections.py)."""

from django.utils.translation import gettext_lazy as _

from core.sections import Section

SECTIONS = (
    Section("who", None, ("participant", "activity_type", "role", "group", "status")),
    Section(
        "where",
        _("Where"),
        (
            "host",
            "sending_partner",
            "origin_city",
            "origin_country",
            "destination_city",
            "destination_country",
        ),
    ),
    Section(
        "when",
        _("When"),
        (
            "start_date",
            "end_date",
            "travel_days",
            "green_travel",
            "virtual_component",
            "short_duration_justification",
        ),
    ),
    Section("goals", _("Erasmus plan"), ("goals",)),
    Section(
        "budget",
        _("Budget"),
        (
            "linguistic_support",
            "course_days",
            "distance_km",
            "expensive_travel_real_cost",
            "financial_guarantee",
            "visa_and_medical",
            "inclusion_support_real_costs",
        ),
    ),
    Section("follow_up", _("Notes"), ("participant_report", "notes")),
)
