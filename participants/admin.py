from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from budget.services import budget_recalculate_participant
from projects import access
from projects.admin_scoping import OrganisationScopedAdmin

from .forms import categories_field
from .models import Participant

SENSITIVE_FIELDS = ("fewer_opportunities_categories", "support_needs")


@admin.register(Participant)
class ParticipantAdmin(OrganisationScopedAdmin):
    list_display = [
        "last_name",
        "first_name",
        "kind",
        "organisation",
        "email",
        "date_of_birth",
        "fewer_opportunities",
    ]
    list_filter = ["kind", "learner_status", "fewer_opportunities", "organisation"]
    search_fields = ["first_name", "last_name", "email", "national_id", "qualification"]
    list_select_related = ["organisation"]
    base_fieldsets = [
        (
            None,
            {
                "fields": [
                    "organisation",
                    "kind",
                    "first_name",
                    "last_name",
                    "date_of_birth",
                    "nationality",
                    "national_id",
                    "email",
                    "phone",
                    "city",
                ]
            },
        ),
        (
            _("Learner"),
            {
                "fields": [
                    "vet_programme",
                    "qualification",
                    "eqf_level",
                    "learner_status",
                    "graduation_date",
                    "compulsory_service_months",
                ]
            },
        ),
        (_("Staff"), {"fields": ["position", "employment_documented"]}),
        (
            _("Guardian (participants under 18)"),
            {"fields": ["guardian_name", "guardian_email", "guardian_phone"]},
        ),
    ]

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(self.base_fieldsets)
        flag = ["fewer_opportunities"]
        if self._sees_sensitive_data(request, obj):
            flag += list(SENSITIVE_FIELDS)
        fieldsets.append((_("Fewer opportunities"), {"fields": flag}))
        return fieldsets

    def _sees_sensitive_data(self, request, obj) -> bool:
        if obj is None:
            return self._may_change(request, None)
        return access.can_see_sensitive_data(request.user, obj.organisation_id)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if change:
            # Fewer opportunities change the inclusion support of their mobilities.
            budget_recalculate_participant(form.instance)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "fewer_opportunities_categories":
            return categories_field()
        return super().formfield_for_dbfield(db_field, request, **kwargs)
