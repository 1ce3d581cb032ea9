"""Assessments, recognition decisions, dissemination events and transfers of learning in
the admin, to read: they are recorded on the mobility's Learning outcomes page, the
project's Dissemination page and the mobility's Transfer of learning page, whose services
check the dates, the points and the uploads."""

from django.contrib import admin
from django.db import models

from core.admin_scoping import ReadOnlyScopedAdmin

from .models import DisseminationEvent, LearningTransfer, Recognition, UnitAssessment


class _ReadOnlyAdmin(ReadOnlyScopedAdmin):
    organisation_path = "mobility__project__organisation"
    viewable_by_members = True


@admin.register(UnitAssessment)
class UnitAssessmentAdmin(_ReadOnlyAdmin):
    list_display = ["unit", "mobility", "result", "method", "assessed_on"]
    list_filter = ["result", "method"]
    list_select_related = ["unit", "mobility__participant", "mobility__project"]
    search_fields = ["mobility__participant__last_name", "unit__title"]


@admin.register(Recognition)
class RecognitionAdmin(_ReadOnlyAdmin):
    list_display = ["mobility", "decision", "ecvet_points", "decided_on", "decided_by"]
    list_filter = ["decision"]
    list_select_related = ["mobility__participant", "mobility__project"]
    search_fields = ["mobility__participant__last_name", "programme_part"]


@admin.register(DisseminationEvent)
class DisseminationEventAdmin(_ReadOnlyAdmin):
    organisation_path = "project__organisation"
    list_display = ["held_on", "title", "kind", "reach", "audience_size", "project"]
    list_filter = ["kind", "reach"]
    list_select_related = ["project"]
    search_fields = ["title", "audience", "presented_by"]
    exclude = ["evidence_file"]  # downloaded from the Dissemination page, which checks access
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(LearningTransfer)
class LearningTransferAdmin(_ReadOnlyAdmin):
    list_display = ["mobility", "applied_from", "updated_at"]
    list_select_related = ["mobility__participant", "mobility__project"]
    search_fields = ["mobility__participant__last_name", "changes"]
