from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from budget.choices import BudgetCategory
from budget.models import MobilityGrant
from budget.services import budget_recalculate_mobility
from core.admin_scoping import OrganisationScopedAdmin
from core.collation import latvian_column
from core.revisions import RevisionAdminMixin
from core.sections import admin_fieldsets
from core.transfer.admin import ProjectScopedImportExportMixin

from .fields import SECTIONS as MOBILITY_SECTIONS
from .forms import MobilityAdminForm
from .models import Mobility, MobilityGroup
from .resources import MobilityResource

MOBILITY_SUMMARY_FIELDS = [
    "reference_link",
    "participant",
    "activity_type",
    "role",
    "destination_city",
    "destination_country",
    "start_date",
    "end_date",
    "status",
]


class MobilitySummaryInline(admin.TabularInline):
    """Mobilities listed read-only inside their project or group; each links to its page,
    where goals and eligibility are checked together."""

    model = Mobility
    fk_name = "project"
    extra = 0
    can_delete = False
    show_change_link = True
    fields = MOBILITY_SUMMARY_FIELDS
    readonly_fields = MOBILITY_SUMMARY_FIELDS
    ordering = ["number"]

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("participant", "project")

    @admin.display(description=_("reference"))
    def reference_link(self, obj):
        return obj.reference


class MobilityInline(MobilitySummaryInline):
    fk_name = "project"


class GroupMemberInline(MobilitySummaryInline):
    fk_name = "group"


class MobilityGrantInline(admin.StackedInline):
    """The stored grant, written by the budget engine only."""

    model = MobilityGrant
    extra = 0
    can_delete = False
    fields = readonly_fields = [
        *BudgetCategory.values,
        "distance_km",
        "band",
        "funded_days",
        "fundable",
    ]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(MobilityGroup)
class MobilityGroupAdmin(OrganisationScopedAdmin):
    organisation_path = "project__organisation"
    list_display = [latvian_column(MobilityGroup, "name"), "project", "activity_type"]
    list_filter = ["activity_type", "project"]
    search_fields = ["name", "common_programme"]
    list_select_related = ["project"]
    inlines = [GroupMemberInline]


@admin.register(Mobility)
class MobilityAdmin(RevisionAdminMixin, ProjectScopedImportExportMixin, OrganisationScopedAdmin):
    resource_classes = [MobilityResource]
    form = MobilityAdminForm
    organisation_path = "project__organisation"
    list_display = [
        "reference",
        "participant",
        "activity_type",
        "role",
        "host",
        "destination_country",
        "start_date",
        "end_date",
        "status",
    ]
    list_filter = [
        "status",
        "activity_type",
        "role",
        "destination_country",
        "green_travel",
        "project",
    ]
    search_fields = [
        "participant__first_name",
        "participant__last_name",
        "destination_city",
        "host__name",
        "project__grant_agreement_number",
    ]
    list_select_related = ["participant", "host", "project"]
    date_hierarchy = "start_date"
    filter_horizontal = ["goals"]
    autocomplete_fields = ["participant", "host", "sending_partner"]
    fieldsets = admin_fieldsets(MOBILITY_SECTIONS, first=("project",), then=("seen_revision",))
    inlines = [MobilityGrantInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Goals are saved only now; the grant depends on the whole mobility.
        budget_recalculate_mobility(mobility=form.instance)
