"""Users in the Django admin, managed within the organisation like every other record.

A superuser manages every user. Any other staff member (with Django's user permissions as
usual) sees the users who are members of an organisation they coordinate, and the portal
users of its participants; they change, delete or set the password of only those whose
every membership and portal account is in organisations they coordinate, who are not
superusers and who hold no group or permission they lack themselves. They grant only their
own groups and permissions, never superuser status, and a user they add becomes a member
of one of their organisations at once. Groups are changed by superusers only: a group's
permissions reach every member.
"""

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm
from django.contrib.auth.models import Group, Permission
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from core.admin_scoping import coordinated_ids
from projects.selectors import coordinated_organisations

from .models import Membership, Organisation
from .services import membership_set

# participants.PortalAccount, by its related name: projects does not import participants.
PORTAL_ORGANISATION = "portal_account__participant__organisation"


def users_in_scope(staff, users: QuerySet | None = None) -> QuerySet:
    """The users (of `users`, by default all) that `staff` may see in the admin."""
    if users is None:
        users = get_user_model()._default_manager.all()
    if staff.is_superuser:
        return users
    ids = coordinated_ids(staff)
    in_scope = Q(memberships__organisation__in=ids) | Q(**{f"{PORTAL_ORGANISATION}__in": ids})
    # A subquery rather than joins, so that a user in several organisations is one row.
    return users.filter(pk__in=get_user_model()._default_manager.filter(in_scope).values("pk"))


def may_change_user(staff, target) -> bool:
    """Whether `staff` may change `target`, set their password or delete them: changing
    someone is acting as them, so only someone wholly within one's own organisations and
    rights."""
    if staff.is_superuser:
        return True
    if target.is_superuser:
        return False
    return (
        _organisations_of(target) <= set(coordinated_ids(staff))
        and set(target.groups.values_list("pk", flat=True))
        <= set(staff.groups.values_list("pk", flat=True))
        and _permissions_of(target) <= staff.get_all_permissions()
    )


def _organisations_of(user) -> set[int]:
    users = get_user_model()._default_manager.filter(pk=user.pk)
    members = users.values_list("memberships__organisation", flat=True)
    portal = users.values_list(PORTAL_ORGANISATION, flat=True)
    return ({*members} | {*portal}) - {None}


def _permissions_of(user) -> set[str]:
    """Held directly or through groups, whether or not the user is active: an inactive
    user's rights come back when someone activates them."""
    held = Permission.objects.filter(Q(user=user) | Q(group__user=user))
    names = held.values_list("content_type__app_label", "codename")
    return {f"{app}.{codename}" for app, codename in names}


def own_permissions(staff) -> QuerySet[Permission]:
    """The permissions `staff` holds, the only ones they may grant."""
    held = staff.get_all_permissions()
    codenames = {name.split(".", 1)[1] for name in held}
    candidates = Permission.objects.filter(codename__in=codenames).values_list(
        "pk", "content_type__app_label", "codename"
    )
    return Permission.objects.filter(
        pk__in=[pk for pk, app, codename in candidates if f"{app}.{codename}" in held]
    )


class MemberCreationForm(AdminUserCreationForm):
    """A new user joins one organisation at once: otherwise nobody but a superuser could
    see them again."""

    organisation = forms.ModelChoiceField(
        label=_("organisation"), queryset=Organisation.objects.none()
    )
    role = forms.ChoiceField(
        label=_("role"), choices=Membership.Role.choices, initial=Membership.Role.VIEWER
    )


def _creation_form_for(request, base):
    organisations = coordinated_organisations(request.user)

    class CreationForm(base):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["organisation"].queryset = organisations
            self.fields["organisation"].required = not request.user.is_superuser
            self.fields["role"].required = not request.user.is_superuser

    return CreationForm


class ScopedUserAdmin(UserAdmin):
    add_form = MemberCreationForm
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "usable_password",
                    "password1",
                    "password2",
                    "organisation",
                    "role",
                ),
            },
        ),
    )

    def get_queryset(self, request):
        return users_in_scope(request.user, super().get_queryset(request))

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return _creation_form_for(request, form) if obj is None else form

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly.append("is_superuser")
        return readonly

    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        if request is not None and not request.user.is_superuser:
            if db_field.name == "user_permissions":
                kwargs["queryset"] = own_permissions(request.user).select_related("content_type")
            if db_field.name == "groups":
                kwargs["queryset"] = request.user.groups.all()
        return super().formfield_for_manytomany(db_field, request=request, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        organisation = None if change else form.cleaned_data.get("organisation")
        if organisation is not None:
            membership_set(user=obj, organisation=organisation, role=form.cleaned_data["role"])

    def _in_an_organisation(self, request) -> bool:
        return request.user.is_superuser or bool(coordinated_ids(request.user))

    def has_module_permission(self, request):
        return super().has_module_permission(request) and self._in_an_organisation(request)

    def has_add_permission(self, request):
        return super().has_add_permission(request) and self._in_an_organisation(request)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or may_change_user(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or may_change_user(request.user, obj))


class SuperuserGroupAdmin(GroupAdmin):
    """Read by staff with the permission; changed by superusers only."""

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


class MembershipUserChoicesMixin:
    """The user of a membership is chosen among the users the staff member may see: a
    membership in one's own organisation would otherwise bring anyone into reach."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user" and not request.user.is_superuser:
            kwargs["queryset"] = users_in_scope(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


def register(site: admin.AdminSite) -> None:
    user = get_user_model()
    for model in (user, Group):
        if site.is_registered(model):
            site.unregister(model)
    site.register(user, ScopedUserAdmin)
    site.register(Group, SuperuserGroupAdmin)
