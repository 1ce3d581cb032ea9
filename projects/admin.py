from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from budget.services import budget_recalculate_project
from core.admin_scoping import OrganisationScopedAdmin, ScopedChoicesMixin
from core.collation import latvian_column
from core.revisions import AdminRevisedModelForm, RevisionAdminMixin
from core.transfer.admin import ScopedImportExportMixin
from mobilities.admin import MobilityInline

from . import admin_users
from .admin_users import MembershipUserChoicesMixin
from .models import (
    AwardedAmount,
    ErasmusPlan,
    Goal,
    GoalTarget,
    Membership,
    Organisation,
    PartnerOrganisation,
    Project,
)
from .resources import PartnerOrganisationResource

admin_users.register(admin.site)


class MembershipInline(MembershipUserChoicesMixin, ScopedChoicesMixin, admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(OrganisationScopedAdmin):
    organisation_path = "pk"
    list_display = [
        latvian_column(Organisation, "legal_name"),
        "oid",
        "city",
        "country",
        "accreditation_code",
        "accreditation_valid_until",
    ]
    list_filter = ["country"]
    search_fields = ["legal_name", "oid", "city", "accreditation_code"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(MembershipUserChoicesMixin, OrganisationScopedAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["role", "organisation"]
    search_fields = ["user__username", "user__email", "organisation__legal_name"]
    autocomplete_fields = ["user"]
    list_select_related = ["user", "organisation"]


class GoalInline(ScopedChoicesMixin, admin.StackedInline):
    model = Goal
    extra = 0
    max_num = 10
    fields = ["number", "title", "description"]
    show_change_link = True


@admin.register(ErasmusPlan)
class ErasmusPlanAdmin(OrganisationScopedAdmin):
    list_display = ["title", "organisation", "start_year", "end_year", "goal_count"]
    list_filter = ["start_year", "organisation"]
    search_fields = ["title", "organisation__legal_name"]
    inlines = [GoalInline]
    list_select_related = ["organisation"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(goal_count=Count("goals"))

    @admin.display(description=_("goals"), ordering="goal_count")
    def goal_count(self, obj):
        return obj.goal_count


class GoalTargetInline(admin.TabularInline):
    model = GoalTarget
    extra = 0


@admin.register(Goal)
class GoalAdmin(OrganisationScopedAdmin):
    organisation_path = "plan__organisation"
    list_display = ["number", "title", "plan"]
    list_filter = ["plan"]
    search_fields = ["title", "description"]
    list_select_related = ["plan"]
    inlines = [GoalTargetInline]


class AwardedAmountInline(admin.TabularInline):
    model = AwardedAmount
    extra = 0
    max_num = 8


@admin.register(Project)
class ProjectAdmin(RevisionAdminMixin, OrganisationScopedAdmin):
    form = AdminRevisedModelForm
    list_display = [
        "grant_agreement_number",
        "organisation",
        "call_year",
        "start_date",
        "end_date",
        "status",
        "mobility_count",
    ]
    list_filter = ["status", "call_year", "organisation"]
    search_fields = ["grant_agreement_number", "organisation__legal_name"]
    date_hierarchy = "start_date"
    list_select_related = ["organisation"]
    inlines = [AwardedAmountInline, MobilityInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "organisation",
                    "erasmus_plan",
                    "grant_agreement_number",
                    "call_year",
                    "start_date",
                    "end_date",
                    "status",
                    "seen_revision",
                ]
            },
        ),
        (
            _("Individual support rates in the grant agreement (EUR per day)"),
            {
                "fields": [
                    "rate_staff_group_1",
                    "rate_staff_group_2",
                    "rate_staff_group_3",
                    "rate_learner_group_1",
                    "rate_learner_group_2",
                    "rate_learner_group_3",
                ]
            },
        ),
    ]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The rates and the call year decide every mobility's grant.
        budget_recalculate_project(project=form.instance)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(mobility_count=Count("mobilities"))

    @admin.display(description=_("mobilities"), ordering="mobility_count")
    def mobility_count(self, obj):
        return obj.mobility_count


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(
    RevisionAdminMixin, ScopedImportExportMixin, OrganisationScopedAdmin
):
    resource_classes = [PartnerOrganisationResource]
    form = AdminRevisedModelForm
    list_display = [
        latvian_column(PartnerOrganisation, "name"),
        "kind",
        "city",
        "country",
        "oid",
        "contact_name",
        "mou_status",
        "mou_signed_on",
    ]
    list_filter = ["kind", "mou_status", "country"]
    search_fields = ["name", "oid", "city", "contact_name", "contact_email"]
    list_select_related = ["organisation"]
