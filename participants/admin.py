from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserChangeForm
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from budget.choices import ActivityType
from core import access
from core.admin_scoping import OrganisationScopedAdmin, coordinated_ids
from core.collation import latvian_column
from core.revisions import AdminRevisedModelForm, RevisionAdminMixin
from core.sections import admin_fieldsets
from core.transfer.admin import ScopedImportExportMixin
from core.usernames import new_username
from projects.admin_users import MemberCreationForm, ScopedUserAdmin
from projects.models import Membership

from .accounts import account_email_change
from .fields import SECTIONS as PARTICIPANT_SECTIONS
from .forms import categories_field
from .models import (
    FileRequest,
    Participant,
    PortalAccount,
    PortalInvitation,
    SelectionApplication,
    SelectionCall,
    SelectionCriterion,
    SelectionScore,
)
from .resources import ParticipantResource
from .services import participant_save
from .signals import sensitive_data_announce, shown_fields

SENSITIVE_FIELDS = ("fewer_opportunities_categories", "support_needs")


@admin.register(Participant)
class ParticipantAdmin(RevisionAdminMixin, ScopedImportExportMixin, OrganisationScopedAdmin):
    resource_classes = [ParticipantResource]
    form = AdminRevisedModelForm
    list_display = [
        latvian_column(Participant, "last_name"),
        latvian_column(Participant, "first_name"),
        "kind",
        "organisation",
        "email",
        "date_of_birth",
        "fewer_opportunities",
    ]
    list_filter = ["kind", "learner_status", "fewer_opportunities", "organisation"]
    search_fields = ["first_name", "last_name", "email", "national_id", "qualification"]
    list_select_related = ["organisation"]
    # Fewer opportunities last, and its details only for coordinators (get_fieldsets).
    base_fieldsets = admin_fieldsets(PARTICIPANT_SECTIONS[:-1], then=("seen_revision",))

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(self.base_fieldsets)
        flag = ["fewer_opportunities"]
        if self._sees_sensitive_data(request, obj):
            flag += list(SENSITIVE_FIELDS)
        fieldsets.append((PARTICIPANT_SECTIONS[-1].title, {"fields": flag}))
        return fieldsets

    def _sees_sensitive_data(self, request, obj) -> bool:
        if obj is None:
            return self._may_change(request, None)
        return access.can_see_sensitive_data(request.user, obj.organisation_id)

    def save_model(self, request, obj, form, change):
        # Through the service, as the pages and imports save: a change of fewer
        # opportunities changes the inclusion support of their mobilities, and a changed
        # e-mail address moves the portal account that uses it, telling the old address.
        participant_save(participant=obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        participant = getattr(response, "context_data", {}).get("original")
        if request.method == "GET" and participant is not None:
            self._announce_shown(request, participant)
        return response

    def _announce_shown(self, request, participant) -> None:
        fields = ["national_id", "iban"]
        if self._sees_sensitive_data(request, participant):
            fields += list(SENSITIVE_FIELDS)
        shown = [(participant, shown_fields(participant, fields))]
        sensitive_data_announce(user=request.user, where="admin_change", shown=shown)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "fewer_opportunities_categories":
            return categories_field()
        return super().formfield_for_dbfield(db_field, request, **kwargs)


# --- Selection of participants -----------------------------------------------------------

# Related choices of the selection admin, by model, and their path to the organisation.
SELECTION_PATHS = {
    "selectioncall": "project__organisation",
    "selectioncriterion": "call__project__organisation",
    "selectionapplication": "call__project__organisation",
}


class SelectionScopedAdmin(OrganisationScopedAdmin):
    """Related choices limited to the organisations the user coordinates, including the
    selection models and the users (evaluators, deciders: the coordinators there)."""

    def _scope_choices(self, field, request):
        field = super()._scope_choices(field, request)
        if field is None or request.user.is_superuser or not hasattr(field, "queryset"):
            return field
        model = field.queryset.model
        ids = coordinated_ids(request.user)
        if model._meta.model_name in SELECTION_PATHS:
            path = SELECTION_PATHS[model._meta.model_name]
            field.queryset = field.queryset.filter(**{f"{path}__in": ids})
        elif model is get_user_model():
            field.queryset = _coordinators(request.user)
        return field


class SelectionCriterionInline(admin.TabularInline):
    """Criteria are frozen once the call is published: read-only from then on."""

    model = SelectionCriterion
    fields = ["name", "description", "weight", "max_score"]
    extra = 0

    def _editable(self, obj) -> bool:
        return obj is None or obj.status == SelectionCall.Status.DRAFT

    def has_add_permission(self, request, obj=None):
        return self._editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editable(obj) and super().has_delete_permission(request, obj)


@admin.register(SelectionCall)
class SelectionCallAdmin(SelectionScopedAdmin):
    organisation_path = "project__organisation"
    list_display = ["title", "project", "status", "opens_on", "closes_on", "places"]
    list_filter = ["status"]
    search_fields = ["title", "project__grant_agreement_number"]
    list_select_related = ["project"]
    # The plan of the mobilities names the organisation's goals and partners: it is set on
    # the call's own page, which offers only those.
    readonly_fields = [
        "published_at",
        "closed_at",
        "decided_at",
        "decided_by",
        "paper_record",
        "paper_confirmed_by",
        "mobility_activity_type",
        "mobility_goal",
        "mobility_host",
        "mobility_starts_on",
        "mobility_ends_on",
    ]
    inlines = [SelectionCriterionInline]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "activity_types":
            return forms.MultipleChoiceField(
                label=_("activity types"),
                choices=ActivityType.choices,
                widget=forms.CheckboxSelectMultiple,
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)


def _coordinators(user):
    """Users who coordinate an organisation the admin user coordinates."""
    return (
        get_user_model()
        .objects.filter(
            memberships__organisation__in=coordinated_ids(user),
            memberships__role=Membership.Role.COORDINATOR,
        )
        .distinct()
    )


class SelectionScoreInline(admin.TabularInline):
    model = SelectionScore
    fields = ["criterion", "evaluator", "points", "scored_at"]
    readonly_fields = ["scored_at"]
    extra = 0

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "criterion":
            kwargs["queryset"] = self._criteria(request)
        if db_field.name == "evaluator" and not request.user.is_superuser:
            kwargs["queryset"] = _coordinators(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def _criteria(self, request):
        criteria = SelectionCriterion.objects.select_related("call")
        if not request.user.is_superuser:
            ids = coordinated_ids(request.user)
            criteria = criteria.filter(call__project__organisation__in=ids)
        application_id = request.resolver_match.kwargs.get("object_id")
        if application_id:
            # Only the criteria of the application's call.
            criteria = criteria.filter(call__applications__pk=application_id)
        return criteria


@admin.register(SelectionApplication)
class SelectionApplicationAdmin(SelectionScopedAdmin):
    organisation_path = "call__project__organisation"
    list_display = ["applicant", "call", "submitted_on", "decision", "decided_by", "decided_at"]
    list_filter = ["decision", "call__status"]
    search_fields = ["applicant__first_name", "applicant__last_name", "call__title"]
    list_select_related = ["applicant", "call", "decided_by"]
    readonly_fields = [
        "decided_by",
        "decided_at",
        "decided_on",
        "withdrawn_on",
        "withdrawal_reason",
        "mobility",
    ]
    inlines = [SelectionScoreInline]

    def save_model(self, request, obj, form, change):
        # Who decided and when: whoever changes the decision or its reason, now.
        if {"decision", "decision_reason"} & set(form.changed_data):
            decided = bool(obj.decision)
            obj.decided_by = request.user if decided else None
            obj.decided_at = timezone.now() if decided else None
            obj.decided_on = timezone.localdate() if decided else None
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        now = timezone.now()
        for score_form in formset.forms:
            if score_form.has_changed():
                score_form.instance.scored_at = now
        super().save_formset(request, form, formset, change)


# --- Participant portal ------------------------------------------------------------------
# Accounts and invitations are made by the invitation service (an e-mailed link), never by
# hand: here they are read, and an account may be removed (its user stays, without access).


class _PortalRecordAdmin(OrganisationScopedAdmin):
    organisation_path = "participant__organisation"

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PortalAccount)
class PortalAccountAdmin(_PortalRecordAdmin):
    list_display = ["user", "participant", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__username", "participant__first_name", "participant__last_name"]
    list_select_related = ["user", "participant"]


@admin.register(PortalInvitation)
class PortalInvitationAdmin(_PortalRecordAdmin):
    list_display = ["participant", "role", "email", "created_at", "expires_at", "used_at"]
    list_filter = ["role"]
    search_fields = ["email", "participant__last_name"]
    list_select_related = ["participant"]
    exclude = ["token_hash"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(FileRequest)
class FileRequestAdmin(OrganisationScopedAdmin):
    organisation_path = "mobility__project__organisation"
    list_display = ["mobility", "kind", "note", "requested_at", "fulfilled_at"]
    list_filter = ["kind"]
    list_select_related = ["mobility__project"]
    readonly_fields = ["mobility", "requested_by", "requested_at", "uploaded_file", "fulfilled_at"]

    def has_add_permission(self, request, *args):
        return False


# --- Users --------------------------------------------------------------------------------
# Usernames are normalised (NFKC, case-folded) when a user is made or renamed, and one that
# looks like another user's is refused (usernames.py).


class _NormalisedUsername:
    def clean_username(self):
        username = self.cleaned_data.get("username", "")
        if self.instance.pk and username == self.instance.username:
            return username  # unchanged: an older spelling stays as it is
        return new_username(username, exclude_pk=self.instance.pk)


class NormalisedUserCreationForm(_NormalisedUsername, MemberCreationForm):
    pass


class NormalisedUserChangeForm(_NormalisedUsername, UserChangeForm):
    pass


# The user admin scoped to the organisation (projects/admin_users.py), with usernames
# normalised and a portal account's e-mail changed only with notice to the old address.
admin.site.unregister(get_user_model())


@admin.register(get_user_model())
class NormalisedUserAdmin(ScopedUserAdmin):
    form = NormalisedUserChangeForm
    add_form = NormalisedUserCreationForm

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        account = PortalAccount.objects.filter(user=obj).select_related("user").first()
        if change and account is not None and "email" in form.changed_data:
            # A portal account's address changes only with notice to the old one.
            account_email_change(
                account=account, old=form.initial.get("email") or "", new=obj.email
            )
