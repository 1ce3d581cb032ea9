"""The questionnaires before departure and after return: each project's questions (the
standard set made on first use), when a participant may answer, their answers checked
and kept, and the aggregates a coordinator reads (counts, averages, texts without
names)."""

import datetime
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mobilities.models import Mobility

from .models import (
    CefrLevel,
    QuestionKind,
    StandardQuestion,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
    SurveyStage,
)
from .models.surveys import ANSWER_MAX_LENGTH, SCALE_MAX, SCALE_MIN

# The standard questions: stage, code, kind, Latvian, English.
STANDARD = [
    (
        SurveyStage.BEFORE,
        StandardQuestion.LANGUAGE_LEVEL,
        QuestionKind.LANGUAGE_LEVEL,
        "Kā jūs vērtējat savas valodas zināšanas valodā, kurā notiks mobilitāte?",
        "How do you rate your command of the language of the mobility?",
    ),
    (
        SurveyStage.BEFORE,
        StandardQuestion.SKILLS,
        QuestionKind.SCALE,
        "Kā jūs vērtējat savu pārliecību par profesionālajām prasmēm? (1 – ļoti zema, "
        "5 – ļoti augsta)",
        "How confident do you feel about your professional skills? (1 – not at all, 5 – very)",
    ),
    (
        SurveyStage.BEFORE,
        StandardQuestion.EXPECTATIONS,
        QuestionKind.TEXT,
        "Ko jūs sagaidāt no mobilitātes? Ko vēlaties iemācīties?",
        "What do you expect from the mobility? What would you like to learn?",
    ),
    (
        SurveyStage.AFTER,
        StandardQuestion.LANGUAGE_LEVEL,
        QuestionKind.LANGUAGE_LEVEL,
        "Kā jūs tagad vērtējat savas valodas zināšanas valodā, kurā notika mobilitāte?",
        "How do you rate your command of the language of the mobility now?",
    ),
    (
        SurveyStage.AFTER,
        StandardQuestion.SKILLS,
        QuestionKind.SCALE,
        "Kā jūs tagad vērtējat savu pārliecību par profesionālajām prasmēm? (1 – ļoti "
        "zema, 5 – ļoti augsta)",
        "How confident do you feel about your professional skills now? (1 – not at all, 5 – very)",
    ),
    (
        SurveyStage.AFTER,
        StandardQuestion.SATISFACTION,
        QuestionKind.SCALE,
        "Kā jūs vērtējat mobilitāti kopumā? (1 – ļoti slikti, 5 – ļoti labi)",
        "How do you rate the mobility as a whole? (1 – very poor, 5 – very good)",
    ),
    (
        SurveyStage.AFTER,
        StandardQuestion.MOST_USEFUL,
        QuestionKind.TEXT,
        "Kas mobilitātē jums bija visnoderīgākais?",
        "What was the most useful part of the mobility for you?",
    ),
]


def project_questions(project, stage: str | None = None) -> list[SurveyQuestion]:
    """The project's questions (of `stage`), the standard set made on first use."""
    questions = SurveyQuestion.objects.filter(project=project)
    if not questions.exists():
        _make_standard(project)
    if stage is not None:
        questions = questions.filter(stage=stage)
    return list(questions.order_by("stage", "position", "pk"))


def _make_standard(project) -> None:
    positions: Counter[str] = Counter()
    rows = []
    for stage, code, kind, text_lv, text_en in STANDARD:
        positions[stage] += 1
        rows.append(
            SurveyQuestion(
                project=project,
                stage=stage,
                position=positions[stage],
                kind=kind,
                code=code,
                text_lv=text_lv,
                text_en=text_en,
                required=kind != QuestionKind.TEXT,
            )
        )
    try:
        with transaction.atomic():
            SurveyQuestion.objects.bulk_create(rows)
    except IntegrityError:
        pass  # made at the same moment by another request


# When a participant answers


def stage_open(mobility: Mobility, stage: str, today=None) -> bool:
    """Before departure: until the first day of the mobility; after return: from its
    last day on. Never for a cancelled mobility."""
    today = today or timezone.localdate()
    if mobility.status == Mobility.Status.CANCELLED:
        return False
    if stage == SurveyStage.BEFORE:
        return today <= mobility.start_date
    return today >= mobility.end_date


def responses_of(mobility: Mobility) -> dict[str, SurveyResponse]:
    return {response.stage: response for response in mobility.survey_responses.all()}


def questionnaires_to_answer(mobility: Mobility, today=None) -> list[str]:
    """The stages the participant can answer now and has not."""
    answered = set(mobility.survey_responses.values_list("stage", flat=True))
    return [
        stage
        for stage in SurveyStage.values
        if stage not in answered and stage_open(mobility, stage, today)
    ]


def _answer(question: SurveyQuestion, value) -> SurveyAnswer | None:
    """The answer to `question` from the form's `value`; None when left empty."""
    value = "" if value is None else str(value).strip()
    if not value:
        if question.required:
            raise ValidationError({f"q{question.pk}": _("Please answer this question.")})
        return None
    answer = SurveyAnswer(question=question)
    if question.kind == QuestionKind.LANGUAGE_LEVEL:
        if value not in CefrLevel.values:
            raise ValidationError({f"q{question.pk}": _("Choose a level from A1 to C2.")})
        answer.level = value
    elif question.kind == QuestionKind.SCALE:
        if value not in {str(n) for n in range(SCALE_MIN, SCALE_MAX + 1)}:
            raise ValidationError(
                {
                    f"q{question.pk}": _("Choose a number from %(min)d to %(max)d.")
                    % {"min": SCALE_MIN, "max": SCALE_MAX}
                }
            )
        answer.score = int(value)
    else:
        if len(value) > ANSWER_MAX_LENGTH:
            raise ValidationError(
                {
                    f"q{question.pk}": ngettext(
                        "At most %(max)d character.",
                        "At most %(max)d characters.",
                        ANSWER_MAX_LENGTH,
                    )
                    % {"max": ANSWER_MAX_LENGTH}
                }
            )
        answer.text = value
    return answer


@transaction.atomic
def survey_submit(
    *,
    mobility: Mobility,
    stage: str,
    answers: Mapping[str, object],
    user=None,
    on: datetime.date | None = None,
) -> SurveyResponse:
    """The participant's answers to the `stage` questionnaire (`answers` by "q<id>"),
    all checked before any is kept; once only. `on`: the day they were given, when
    recorded later (the demo's); today otherwise."""
    if stage not in SurveyStage.values or not stage_open(mobility, stage, on):
        raise ValidationError(_("This questionnaire is not open now."))
    mobility = Mobility.objects.select_for_update().get(pk=mobility.pk)
    if mobility.survey_responses.filter(stage=stage).exists():
        raise ValidationError(_("You have already sent this questionnaire."))
    kept = []
    for question in project_questions(mobility.project, stage):
        answer = _answer(question, answers.get(f"q{question.pk}"))
        if answer is not None:
            kept.append(answer)
    submitted_at = timezone.now()
    if on is not None:
        submitted_at = timezone.make_aware(datetime.datetime.combine(on, datetime.time(12)))
    response = SurveyResponse.objects.create(
        mobility=mobility, stage=stage, submitted_at=submitted_at, submitted_by=user
    )
    for answer in kept:
        answer.response = response
    SurveyAnswer.objects.bulk_create(kept)
    return response


# What the coordinator reads


@dataclass
class QuestionFigures:
    question: SurveyQuestion
    label: str  # the question in the active language
    answered: int = 0
    levels: list[tuple[str, int]] = field(default_factory=list)  # A1..C2 with counts
    scores: list[tuple[int, int]] = field(default_factory=list)  # 1..5 with counts
    average: Decimal | None = None
    texts: list[str] = field(default_factory=list)


@dataclass
class StageFigures:
    stage: str
    label: str
    responses: int
    questions: list[QuestionFigures]


def survey_figures(project) -> list[StageFigures]:
    """Per questionnaire: how many answered, and per question the counts, the average of
    a scale and the free texts (in alphabetical order, without names). A fixed number
    of queries whatever the number of answers."""
    questions = project_questions(project)
    responses = dict(
        SurveyResponse.objects.filter(mobility__project=project)
        .values("stage")
        .annotate(n=Count("pk"))
        .values_list("stage", "n")
    )
    answers = SurveyAnswer.objects.filter(question__project=project).values_list(
        "question_id", "level", "score", "text"
    )
    by_question: dict[int, list[tuple[str, int | None, str]]] = {}
    for question_id, level, score, text in answers:
        by_question.setdefault(question_id, []).append((level, score, text))
    stages = []
    for stage, label in SurveyStage.choices:
        figures = [
            _question_figures(question, by_question.get(question.pk, []))
            for question in questions
            if question.stage == stage
        ]
        stages.append(StageFigures(stage, str(label), responses.get(stage, 0), figures))
    return stages


def _question_figures(question, answers) -> QuestionFigures:
    language = (translation.get_language() or "lv")[:2]
    figures = QuestionFigures(question, question.text(language), answered=len(answers))
    if question.kind == QuestionKind.LANGUAGE_LEVEL:
        counts = Counter(level for level, _score, _text in answers)
        figures.levels = [(level, counts[level]) for level in CefrLevel.values]
    elif question.kind == QuestionKind.SCALE:
        scores = [score for _level, score, _text in answers if score is not None]
        counts = Counter(scores)
        figures.scores = [(n, counts[n]) for n in range(SCALE_MIN, SCALE_MAX + 1)]
        if scores:
            average = Decimal(sum(scores)) / len(scores)
            figures.average = average.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    else:
        figures.texts = sorted(text for _level, _score, text in answers if text)
    return figures


# The coordinator's questions


def _answered(question: SurveyQuestion) -> bool:
    return question.pk is not None and question.answers.exists()


@transaction.atomic
def survey_question_save(*, question: SurveyQuestion, data: Mapping[str, object]):
    """A new or changed question. An answered question, and a standard one (the
    computed figures read it), keep their kind of answer."""
    # As stored: a bound form has already changed the instance in memory.
    stored = SurveyQuestion.objects.filter(pk=question.pk).first() if question.pk else None
    kind_changes = stored is not None and data.get("kind", stored.kind) != stored.kind
    if kind_changes and (stored.code or _answered(stored)):
        raise ValidationError(
            {
                "kind": _(
                    "The kind of answer of a standard question, or of one already "
                    "answered, cannot change: add a new question instead."
                )
            }
        )
    for name in ("position", "kind", "text_lv", "text_en", "required"):
        if name in data:
            setattr(question, name, data[name])
    question.full_clean()
    question.save()
    return question


def survey_question_delete(*, question: SurveyQuestion) -> None:
    if _answered(question):
        raise ValidationError(_("The question has answers: it stays, so that they are not lost."))
    question.delete()
