"""How each part of a mobility's grant reaches the participant: paid, provided in kind or
kept by the school. A row without a mobility is the project's rule for that part; a row
with one overrides it for that mobility. No row means the default of budget/rules/share.py."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from budget.choices import Handling, ShareHead
from budget.rules.share import SCHOOL_HEADS
from mobilities.models import Mobility
from projects.models import Project

IN_KIND_NOTE_MAX_LENGTH = 300


class GrantHandling(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="grant_handlings")
    mobility = models.ForeignKey(
        Mobility,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="grant_handlings",
        verbose_name=_("mobility"),
    )
    head = models.CharField(_("part of the grant"), max_length=30, choices=ShareHead.choices)
    handling = models.CharField(_("handling"), max_length=10, choices=Handling.choices)
    # What the school provides instead of the money ("the school buys the plane tickets").
    in_kind_note = models.CharField(
        _("what is provided"), max_length=IN_KIND_NOTE_MAX_LENGTH, blank=True
    )

    class Meta:
        verbose_name = _("handling of a part of the grant")
        verbose_name_plural = _("handling of the grant")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "head"],
                condition=Q(mobility__isnull=True),
                name="granthandling_one_per_project_head",
            ),
            models.UniqueConstraint(
                fields=["mobility", "head"],
                condition=Q(mobility__isnull=False),
                name="granthandling_one_per_mobility_head",
            ),
            models.CheckConstraint(
                condition=Q(handling__in=Handling.values),
                name="granthandling_handling_known",
            ),
            # The school's money is never the participant's.
            models.CheckConstraint(
                condition=~Q(head__in=sorted(SCHOOL_HEADS)) | Q(handling=Handling.KEPT),
                name="granthandling_school_heads_kept",
                violation_error_message=_(
                    "Organisational support and the organisation's inclusion support are "
                    "kept by the organisation: they are never the participant's."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.project_id}/{self.mobility_id or '-'}: {self.head} {self.handling}"
