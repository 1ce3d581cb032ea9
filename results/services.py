"""Recording what a mobility achieved: a unit's assessment and the school's recognition
decision. Each checks its dates against the mobility and today, names the field it
refuses, and leaves the earlier values in the history."""

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from core.dates import short_date
from core.services import model_update
from mobilities.models import Mobility
from reporting.documents import learners_only_message, learning_agreement_applies
from reporting.models import LearningOutcomeUnit, ecvet_total

from .models import OlsAssessment, Recognition, RecognitionDecision, UnitAssessment

ASSESSMENT_FIELDS = ("result", "method", "assessed_by", "assessed_on", "mentor_assessment")
OLS_FIELDS = ("language", "level_before", "level_after")
RECOGNITION_FIELDS = (
    "decision",
    "ecvet_points",
    "programme_part",
    "decided_on",
    "decided_by",
    "note",
)


def check_day(field: str, day, earliest, too_early: str) -> None:
    """`day` lies from `earliest` to today (None: nothing to check); `too_early` is the
    message for a day before `earliest`, naming it as %(date)s."""
    if day is None:
        return
    if day < earliest:
        raise ValidationError({field: too_early % {"date": short_date(earliest)}})
    if day > timezone.localdate():
        raise ValidationError({field: _("The date cannot be in the future.")})


def _check_day(mobility: Mobility, field: str, day) -> None:
    """A result is recorded from the mobility's first day on, and never for a later day
    than today."""
    too_early = _("The date cannot be before the mobility's start (%(date)s).")
    check_day(field, day, mobility.start_date, too_early)


@transaction.atomic
def unit_assessment_save(
    *, unit: LearningOutcomeUnit, data: Mapping[str, Any], user=None
) -> UnitAssessment | None:
    """The unit's assessment becomes `data`; an empty result removes it (the unit is not
    assessed yet)."""
    mobility = unit.details.mobility
    existing = UnitAssessment.objects.filter(unit=unit).first()
    if not data.get("result"):
        if existing is not None:
            existing.delete()
        return None
    _check_day(mobility, "assessed_on", data.get("assessed_on"))
    assessment = existing or UnitAssessment(unit=unit, mobility=mobility)
    model_update(instance=assessment, fields=ASSESSMENT_FIELDS, data=data)
    assessment.updated_by = user
    assessment.full_clean()
    assessment.save()
    return assessment


def points_text(points: Decimal) -> str:
    """ECVET points for people: 10 or 7,5 in Latvian."""
    whole = points == points.to_integral_value()
    return formats.number_format(points, decimal_pos=0 if whole else 1)


def agreed_ecvet_points(mobility: Mobility) -> Decimal | None:
    """The ECVET points of the learning agreement's units together (None when no unit
    has points)."""
    return ecvet_total(LearningOutcomeUnit.objects.filter(details__mobility=mobility))


def _check_recognition(mobility: Mobility, data: Mapping[str, Any]) -> None:
    if not learning_agreement_applies(mobility):
        raise ValidationError({"decision": learners_only_message()})
    _check_day(mobility, "decided_on", data.get("decided_on"))
    points = data.get("ecvet_points")
    if data.get("decision") == RecognitionDecision.NONE:
        if points:
            raise ValidationError(
                {"ecvet_points": _("Nothing recognised: leave the ECVET points empty.")}
            )
        return
    if not (data.get("programme_part") or "").strip():
        raise ValidationError(
            {
                "programme_part": _(
                    "Name the module or unit of the programme that the mobility is recognised for."
                )
            }
        )
    agreed = agreed_ecvet_points(mobility)
    if points is not None and agreed is not None and points > agreed:
        raise ValidationError(
            {
                "ecvet_points": _(
                    "At most the ECVET points of the learning agreement's units together: "
                    "%(points)s."
                )
                % {"points": points_text(agreed)}
            }
        )


@transaction.atomic
def recognition_save(*, mobility: Mobility, data: Mapping[str, Any], user=None) -> Recognition:
    """The school's recognition decision of a learner's mobility becomes `data`."""
    _check_recognition(mobility, data)
    recognition = Recognition.objects.filter(mobility=mobility).first()
    recognition = recognition or Recognition(mobility=mobility)
    model_update(instance=recognition, fields=RECOGNITION_FIELDS, data=data)
    recognition.updated_by = user
    recognition.full_clean()
    recognition.save()
    return recognition


@transaction.atomic
def recognition_delete(*, mobility: Mobility) -> None:
    """Removes a decision recorded by mistake; the history keeps it."""
    Recognition.objects.filter(mobility=mobility).delete()


@transaction.atomic
def ols_save(*, mobility: Mobility, data: Mapping[str, Any], user=None) -> OlsAssessment | None:
    """The OLS levels of the participant's language; without a level before, none."""
    existing = OlsAssessment.objects.filter(mobility=mobility).first()
    if not data.get("level_before"):
        if data.get("level_after"):
            raise ValidationError(
                {"level_before": _("The level after needs the level before beside it.")}
            )
        if existing is not None:
            existing.delete()
        return None
    assessment = existing or OlsAssessment(mobility=mobility)
    model_update(instance=assessment, fields=OLS_FIELDS, data=data)
    assessment.updated_by = user
    assessment.full_clean()
    assessment.save()
    return assessment
