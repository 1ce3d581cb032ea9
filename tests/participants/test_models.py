from datetime import date

import pytest
from django.core.exceptions import ValidationError

from participants.models import Participant, age_on
from tests import factories

pytestmark = pytest.mark.django_db


def errors_of(call) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


def test_age_counts_whole_years():
    assert age_on(date(2008, 11, 23), date(2026, 11, 22)) == 17
    assert age_on(date(2008, 11, 22), date(2026, 11, 22)) == 18


def test_a_learner_needs_programme_qualification_level_and_status(school):
    errors = errors_of(
        lambda: factories.learner(
            school, vet_programme="", qualification="", eqf_level=None, learner_status=""
        )
    )
    assert set(errors) >= {"vet_programme", "qualification", "eqf_level", "learner_status"}


@pytest.mark.parametrize(("level", "valid"), [(0, False), (1, True), (8, True), (9, False)])
def test_the_eqf_level_is_1_to_8(school, level, valid):
    if valid:
        assert factories.learner(school, eqf_level=level).pk
    else:
        assert "eqf_level" in errors_of(lambda: factories.learner(school, eqf_level=level))


def test_a_recent_graduate_needs_a_graduation_date(school):
    errors = errors_of(lambda: factories.learner(school, learner_status="recent_graduate"))
    assert "graduation date" in errors["graduation_date"][0]


def test_a_minor_needs_a_guardian(school):
    errors = errors_of(lambda: factories.learner(school, date_of_birth=date(2010, 5, 1)))
    assert "guardian" in errors["guardian_name"][0]
    assert "guardian" in errors["guardian_email"][0]


def test_a_minor_with_a_guardian_is_valid(school):
    learner = factories.learner(
        school,
        date_of_birth=date(2010, 5, 1),
        guardian_name="Anna Bērziņa",
        guardian_phone="+371 20000000",
    )
    assert learner.is_minor


def test_an_adult_needs_no_guardian(school):
    assert not factories.learner(school, date_of_birth=date(2000, 5, 1)).is_minor


def test_a_birth_date_cannot_be_in_the_future(school):
    errors = errors_of(lambda: factories.learner(school, date_of_birth=date(2999, 1, 1)))
    assert "future" in errors["date_of_birth"][0]


def test_staff_need_their_position(school):
    assert "position" in errors_of(lambda: factories.staff(school, position=""))


def test_fewer_opportunities_need_a_category(school):
    errors = errors_of(lambda: factories.learner(school, fewer_opportunities=True))
    assert "at least one category" in errors["fewer_opportunities_categories"][0]


def test_categories_without_the_flag_are_refused(school):
    errors = errors_of(
        lambda: factories.learner(school, fewer_opportunities_categories=["economic"])
    )
    assert "fewer_opportunities" in errors


def test_unknown_categories_are_refused(school):
    errors = errors_of(
        lambda: factories.learner(
            school, fewer_opportunities=True, fewer_opportunities_categories=["astrology"]
        )
    )
    assert "Unknown" in errors["fewer_opportunities_categories"][0]


def test_the_email_is_unique_in_an_organisation(school, other_school):
    factories.learner(school, email="liga@example.lv")
    assert factories.learner(other_school, email="liga@example.lv").pk
    errors = errors_of(lambda: factories.learner(school, email="liga@example.lv"))
    assert "already exists" in " ".join(errors["__all__"])


def test_categories_are_shown_with_their_labels(school):
    learner = factories.learner(
        school, fewer_opportunities=True, fewer_opportunities_categories=["economic", "health"]
    )
    assert learner.get_fewer_opportunities_categories_display() == [
        "Economic barriers",
        "Health problems",
    ]
    assert Participant.objects.get(pk=learner.pk).fewer_opportunities_categories == [
        "economic",
        "health",
    ]
