"""The questionnaires before and after: the standard questions made once per project,
the coordinator's own in Latvian and English, when a participant may answer, their
answers checked all or none, the figures a coordinator reads without names; and the OLS
levels on the mobility's results page."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from results import services, surveys
from results.models import OlsAssessment, SurveyAnswer, SurveyQuestion, SurveyResponse
from tests import factories
from tests.portal.helpers import portal_user

pytestmark = pytest.mark.django_db

BEFORE_DAY = date(2026, 8, 20)  # the mobility: 1-28 September 2026
AFTER_DAY = date(2026, 9, 28)


def answers_for(project, stage, **by_code) -> dict:
    questions = surveys.project_questions(project, stage)
    return {f"q{q.pk}": by_code.get(q.code, "") for q in questions}


def test_the_standard_questions_are_made_once_in_both_languages(project):
    first = surveys.project_questions(project)
    again = surveys.project_questions(project)
    assert [q.pk for q in first] == [q.pk for q in again]
    codes = [(q.stage, q.code, q.kind) for q in first]
    assert ("after", "language_level", "language_level") in codes
    assert ("before", "language_level", "language_level") in codes
    assert all(q.text_lv and q.text_en for q in first)
    assert first[0].text("lv") != first[0].text("en")


@pytest.mark.parametrize(
    "stage, day, is_open",
    [
        ("before", date(2026, 9, 1), True),  # the first day still
        ("before", date(2026, 9, 2), False),
        ("after", date(2026, 9, 27), False),
        ("after", date(2026, 9, 28), True),  # from the last day on
    ],
)
def test_each_questionnaire_opens_and_closes_with_the_mobility(mobility, stage, day, is_open):
    assert surveys.stage_open(mobility, stage, day) is is_open


def test_the_answers_are_checked_all_before_any_is_kept(mobility):
    project = mobility.project
    answers = answers_for(project, "before", language_level="D1", skills="3")
    with pytest.raises(ValidationError) as caught:
        surveys.survey_submit(mobility=mobility, stage="before", answers=answers, on=BEFORE_DAY)
    (field,) = caught.value.message_dict
    level = SurveyQuestion.objects.get(project=project, stage="before", code="language_level")
    assert field == f"q{level.pk}"
    answers = answers_for(project, "before", language_level="B1", skills="7")
    with pytest.raises(ValidationError):
        surveys.survey_submit(mobility=mobility, stage="before", answers=answers, on=BEFORE_DAY)
    missing = answers_for(project, "before", language_level="B1")
    with pytest.raises(ValidationError, match="Please answer this question."):
        surveys.survey_submit(mobility=mobility, stage="before", answers=missing, on=BEFORE_DAY)
    assert not SurveyResponse.objects.exists() and not SurveyAnswer.objects.exists()


def test_a_questionnaire_is_answered_once_and_only_while_open(mobility):
    answers = answers_for(mobility.project, "before", language_level="B1", skills="3")
    surveys.survey_submit(mobility=mobility, stage="before", answers=answers, on=BEFORE_DAY)
    with pytest.raises(ValidationError, match="already sent"):
        surveys.survey_submit(mobility=mobility, stage="before", answers=answers, on=BEFORE_DAY)
    with pytest.raises(ValidationError, match="not open"):
        surveys.survey_submit(mobility=mobility, stage="after", answers={}, on=BEFORE_DAY)
    levels = list(SurveyAnswer.objects.exclude(level="").values_list("level", flat=True))
    assert levels == ["B1"]


def test_the_figures_count_and_average_without_names(project, host):
    for n, (level, skills, text) in enumerate([("A2", 3, "Zupas."), ("B1", 4, "Cepumi.")]):
        mobility = factories.mobility(
            project,
            host=host,
            participant=factories.learner(project.organisation, first_name=f"Learner{n}"),
        )
        answers = answers_for(
            project, "before", language_level=level, skills=str(skills), expectations=text
        )
        surveys.survey_submit(mobility=mobility, stage="before", answers=answers, on=BEFORE_DAY)
    before, after = surveys.survey_figures(project)
    assert (before.responses, after.responses) == (2, 0)
    by_code = {figures.question.code: figures for figures in before.questions}
    assert dict(by_code["language_level"].levels)["B1"] == 1
    assert str(by_code["skills"].average) == "3.5"
    assert by_code["expectations"].texts == ["Cepumi.", "Zupas."]


def test_a_coordinator_edits_adds_and_deletes_questions(client, alice, project):
    client.force_login(alice)
    overview = reverse("results:survey_overview", args=[project.pk])
    assert "Which level" not in client.get(overview).content.decode()
    create = reverse("results:survey_question_create", args=[project.pk, "after"])
    data = {"position": "9", "kind": "scale", "text_lv": "Vai ieteiktu?", "text_en": "Recommend?"}
    assert client.post(create, data | {"required": "on"}).status_code == 302
    question = SurveyQuestion.objects.get(text_en="Recommend?")
    assert (question.stage, question.code, question.required) == ("after", "", True)
    # A standard question keeps its kind of answer.
    standard = SurveyQuestion.objects.get(project=project, stage="after", code="satisfaction")
    edit = reverse("results:survey_question_edit", args=[standard.pk])
    response = client.post(edit, data | {"position": "2", "kind": "text"})
    assert response.status_code == 400 and "cannot change" in response.content.decode()
    standard.refresh_from_db()
    assert standard.kind == "scale" and standard.text_en != "Recommend?"
    delete = reverse("results:survey_question_delete", args=[question.pk])
    assert "Recommend?" in client.get(delete).content.decode()
    assert client.post(delete).status_code == 302
    assert not SurveyQuestion.objects.filter(pk=question.pk).exists()


def test_an_answered_question_is_not_deleted(client, alice, mobility):
    answers = answers_for(mobility.project, "before", language_level="B1", skills="3")
    surveys.survey_submit(mobility=mobility, stage="before", answers=answers, on=BEFORE_DAY)
    level = SurveyQuestion.objects.get(stage="before", code="language_level")
    client.force_login(alice)
    delete = reverse("results:survey_question_delete", args=[level.pk])
    assert 'id="confirmation-refusal"' in client.get(delete).content.decode()
    client.post(delete)
    assert SurveyQuestion.objects.filter(pk=level.pk).exists()


def test_viewers_read_the_figures_and_other_schools_see_nothing(client, bob, charlie, project):
    question = surveys.project_questions(project)[0]
    client.force_login(bob)
    overview = reverse("results:survey_overview", args=[project.pk])
    page = client.get(overview).content.decode()
    assert question.text_en in page and "Add a question" not in page
    edit = reverse("results:survey_question_edit", args=[question.pk])
    assert client.post(edit, {}).status_code == 403
    client.force_login(charlie)
    assert client.get(overview).status_code == 404
    assert client.get(edit).status_code == 404


def test_the_participant_answers_in_latvian_and_the_guardian_cannot(client, project, host):
    learner = factories.learner(
        project.organisation,
        date_of_birth=date(2010, 5, 1),
        guardian_name="Inga Liepa",
        guardian_email="parent@example.lv",
    )
    start = date.today() + timedelta(days=30)
    mobility = factories.mobility(
        project, participant=learner, host=host, start_date=start, end_date=start + timedelta(27)
    )
    url = reverse("portal:portal_survey", args=[mobility.pk, "before"])
    guardian = portal_user(learner, role="guardian", username="parent@example.lv")
    client.force_login(guardian)
    assert client.get(url).status_code == 404
    client.force_login(portal_user(learner, username="learner@example.lv"))
    home = client.get(reverse("portal:portal_mobility", args=[mobility.pk])).content.decode()
    assert url in home
    page = client.get(url, headers={"accept-language": "lv"}).content.decode()
    assert "Kā jūs vērtējat savas valodas zināšanas" in page
    answers = answers_for(project, "before", language_level="B1", skills="4")
    assert client.post(url, answers).status_code == 302
    assert SurveyResponse.objects.get().mobility == mobility
    # Sent: the page is not offered again.
    assert client.get(url).status_code == 302


def test_the_ols_levels_are_recorded_on_the_results_page(client, alice, mobility):
    client.force_login(alice)
    url = reverse("results:mobility_results", args=[mobility.pk])
    data = {"part": "ols", "language": "es", "level_before": "", "level_after": "B1"}
    response = client.post(url, data)
    assert response.status_code == 400 and "needs the level before" in response.content.decode()
    assert client.post(url, data | {"level_before": "A2"}).status_code == 302
    ols = OlsAssessment.objects.get()
    assert (ols.language, ols.level_before, ols.level_after, ols.rose) == ("es", "A2", "B1", True)
    assert client.post(url, {"part": "ols", "language": "", "level_before": ""}).status_code == 302
    assert not OlsAssessment.objects.exists()
    services.ols_save(mobility=mobility, data={"language": "es", "level_before": "B1"})
    assert OlsAssessment.objects.get().rose is None
