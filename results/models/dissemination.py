"""What the school did with what its mobilities brought back: the project's dissemination
and transfer events (a lesson, a staff meeting, an open day, an article...), each with its
audience and its evidence, and the transfer of learning of a staff mobility (what changed
in the teaching or the work afterwards).

Every row keeps its history."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mobilities.models import Mobility
from projects.models import Goal, Project

from .base import UpdatedRecord
from .outcomes import TEXT_MAX_LENGTH

# More than any school's event reaches; a typing slip (an extra zero or two) is refused.
MAX_AUDIENCE = 100_000


class EventKind(models.TextChoices):
    LESSON = "lesson", _("Lesson")
    STAFF_MEETING = "staff_meeting", _("Staff meeting")
    OPEN_DAY = "open_day", _("Open day")
    ARTICLE = "article", _("Article")
    SOCIAL_MEDIA = "social_media", _("Social media")
    CONFERENCE = "conference", _("Conference")
    OTHER = "other", _("Other")


class Reach(models.TextChoices):
    """Whether the audience was the school's own (learners, staff) or from outside it
    (parents, employers, other schools, the public)."""

    INSIDE = "inside", _("Inside the school")
    OUTSIDE = "outside", _("Outside the school")


def evidence_file_path(instance, filename: str) -> str:
    # A random name: the original one is kept in the row, never trusted as a path.
    suffix = PurePath(filename).suffix.lower()
    return f"dissemination/{instance.project_id}/{uuid.uuid4().hex}{suffix}"


class DisseminationEvent(models.Model):
    """One event where the project's results were shared, inside the school or outside."""

    project = models.ForeignKey(
        Project,
        on_delete=models.PROTECT,
        related_name="dissemination_events",
        verbose_name=_("project"),
    )
    held_on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    title = models.CharField(
        _("title"),
        max_length=200,
        help_text=_("What the event was, for example: Open day of the hospitality programmes."),
    )
    description = models.TextField(_("description"), max_length=TEXT_MAX_LENGTH, blank=True)
    audience = models.CharField(
        _("audience"),
        max_length=200,
        help_text=_("Who was reached, for example: 2nd-year hospitality learners."),
    )
    audience_size = models.PositiveIntegerField(
        _("audience size"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_AUDIENCE)],
        help_text=_("How many people, about: readers or followers for an article or a post."),
    )
    reach = models.CharField(
        _("inside or outside the school"), max_length=10, choices=Reach.choices
    )
    presented_by = models.CharField(_("presented by"), max_length=200)
    # The event stays when its mobility goes: it is the school's record.
    mobility = models.ForeignKey(
        Mobility,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dissemination_events",
        verbose_name=_("mobility"),
        help_text=_("The mobility whose results were shared, if it was one."),
    )
    goal = models.ForeignKey(
        Goal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dissemination_events",
        verbose_name=_("Erasmus plan goal"),
    )
    evidence_url = models.URLField(
        _("link to the evidence"),
        max_length=500,
        blank=True,
        help_text=_("The article, the post or the photo album, if it is online."),
    )
    evidence_file = models.FileField(
        _("evidence file"), upload_to=evidence_file_path, max_length=255, blank=True
    )
    evidence_name = models.CharField(_("evidence file name"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dissemination event")
        verbose_name_plural = _("dissemination events")
        ordering = ["project_id", "-held_on", "-pk"]
        indexes = [models.Index(fields=["project", "held_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(audience_size__gte=1) & Q(audience_size__lte=MAX_AUDIENCE),
                name="disseminationevent_audience_size_bounded",
                violation_error_message=_("The audience size is out of bounds."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=EventKind.values), name="disseminationevent_kind_known"
            ),
            models.CheckConstraint(
                condition=Q(reach__in=Reach.values), name="disseminationevent_reach_known"
            ),
        ]

    def __str__(self):
        return f"{self.held_on}: {self.title}"


class LearningTransfer(UpdatedRecord):
    """What a staff member changed in their teaching or work after their mobility."""

    mobility = models.OneToOneField(
        Mobility,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="learning_transfer",
        verbose_name=_("mobility"),
    )
    changes = models.TextField(
        _("what changed in teaching or work"),
        max_length=TEXT_MAX_LENGTH,
        help_text=_("A method, a material, a routine taken up after the mobility."),
    )
    applied_from = models.DateField(_("applied from"))
    reached = models.TextField(
        _("who it reached"),
        max_length=TEXT_MAX_LENGTH,
        blank=True,
        help_text=_(
            "For example: the 2nd-year learners of the programme, the colleagues of the department."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("transfer of learning")
        verbose_name_plural = _("transfers of learning")

    def __str__(self):
        return f"{self.mobility_id}: {self.applied_from}"
