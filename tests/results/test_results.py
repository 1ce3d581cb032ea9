"""A learner's results: each unit of the learning agreement assessed, and the school's
recognition decision, recorded on the mobility's Learning outcomes page by a coordinator,
read by a viewer; the rules name the field they refuse."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from reporting import services as reporting_services
from reporting.models import LearningOutcomeUnit
from results import services
from results.models import Recognition, UnitAssessment
from tests import factories

pytestmark = pytest.mark.django_db

UNITS = [
    {"title": "Tīmekļa lietotņu izstrāde", "outcomes": "Izveido saskarni.", "ecvet_points": "2.5"},
    {"title": "Datubāzu projektēšana", "outcomes": "Projektē datubāzi.", "ecvet_points": "2"},
]


@pytest.fixture
def units(mobility):
    rows = [row | {"ecvet_points": Decimal(row["ecvet_points"])} for row in UNITS]
    return reporting_services.learning_outcome_units_replace(mobility=mobility, units=rows)


def assessment(mobility, **overrides) -> dict:
    return {
        "result": "achieved",
        "method": "observation",
        "assessed_by": "Jordi Puig, mentor",
        "assessed_on": mobility.start_date + timedelta(days=20),
        "mentor_assessment": "Strādā rūpīgi.",
    } | overrides


def decision(mobility, **overrides) -> dict:
    return {
        "decision": "full",
        "ecvet_points": Decimal("4.5"),
        "programme_part": "Modulis 4",
        "decided_on": mobility.end_date + timedelta(days=5),
        "decided_by": "Ilze Kalniņa, direktora vietniece",
        "note": "",
    } | overrides


def refused_field(call) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        call()
    return sorted(caught.value.message_dict)


def form_data(mobility, units, rows) -> dict:
    data = {"part": "assessments"}
    for unit, row in zip(units, rows, strict=True):
        for name, value in row.items():
            text = value.isoformat() if hasattr(value, "isoformat") else value
            data[f"unit-{unit.pk}-{name}"] = text
    return data


def test_an_assessment_is_recorded_changed_and_cleared_with_its_history(mobility, units, alice):
    unit = units[0]
    services.unit_assessment_save(unit=unit, data=assessment(mobility), user=alice)
    services.unit_assessment_save(unit=unit, data=assessment(mobility, result="partly"), user=alice)
    saved = UnitAssessment.objects.get()
    assert (saved.result, saved.mobility, saved.updated_by) == ("partly", mobility, alice)
    services.unit_assessment_save(unit=unit, data={"result": ""}, user=alice)
    assert not UnitAssessment.objects.exists()
    history = UnitAssessment.history.order_by("history_id")
    kinds = list(history.values_list("history_type", "result"))
    assert kinds == [("+", "achieved"), ("~", "partly"), ("-", "partly")]


def test_the_dates_lie_between_the_mobilitys_start_and_today(mobility, units):
    early = assessment(mobility, assessed_on=mobility.start_date - timedelta(days=1))
    future = decision(mobility, decided_on=timezone.localdate() + timedelta(days=1))
    assert refused_field(lambda: services.unit_assessment_save(unit=units[0], data=early)) == [
        "assessed_on"
    ]
    assert refused_field(lambda: services.recognition_save(mobility=mobility, data=future)) == [
        "decided_on"
    ]
    assert not UnitAssessment.objects.exists() and not Recognition.objects.exists()


@pytest.mark.parametrize(
    "change, field",
    [
        ({"ecvet_points": Decimal("5")}, "ecvet_points"),  # the units carry 4.5
        ({"programme_part": "  "}, "programme_part"),  # recognised, but for what?
        ({"decision": "none", "ecvet_points": Decimal("1")}, "ecvet_points"),
    ],
)
def test_a_decision_that_does_not_hold_together_is_refused(mobility, units, change, field):
    call = lambda: services.recognition_save(mobility=mobility, data=decision(mobility, **change))  # noqa: E731
    assert refused_field(call) == [field]


def test_the_message_names_the_agreements_points_as_the_reader_writes_them(mobility, units):
    with translation.override("lv"), pytest.raises(ValidationError) as caught:
        services.recognition_save(
            mobility=mobility, data=decision(mobility, ecvet_points=Decimal("9"))
        )
    assert "4,5" in caught.value.message_dict["ecvet_points"][0]


def test_a_staff_mobility_has_no_recognition(project, host):
    teacher = factories.staff(project.organisation)
    staff = factories.mobility(
        project, participant=teacher, host=host, activity_type="staff_job_shadowing"
    )
    assert refused_field(
        lambda: services.recognition_save(mobility=staff, data=decision(staff, ecvet_points=None))
    ) == ["decision"]


def test_a_unit_keeps_its_assessment_when_the_agreement_is_edited(client, alice, mobility, units):
    services.unit_assessment_save(unit=units[1], data=assessment(mobility))
    client.force_login(alice)
    url = reverse("reporting:learning_agreement_details_edit", args=[mobility.pk])
    # The first unit removed, the second renamed: it stays the same unit, assessed.
    data = {
        "units-TOTAL_FORMS": "2",
        "units-INITIAL_FORMS": "2",
        "units-MIN_NUM_FORMS": "0",
        "units-MAX_NUM_FORMS": "1000",
        "units-0-id": str(units[0].pk),
        "units-0-title": units[0].title,
        "units-0-outcomes": units[0].outcomes,
        "units-0-DELETE": "on",
        "units-1-id": str(units[1].pk),
        "units-1-title": "Datubāzes",
        "units-1-outcomes": units[1].outcomes,
    }
    assert client.post(url, data).status_code == 302
    (kept,) = LearningOutcomeUnit.objects.all()
    assert (kept.pk, kept.title, kept.position) == (units[1].pk, "Datubāzes", 1)
    assert UnitAssessment.objects.get().unit == kept


def test_a_coordinator_records_every_units_assessment_at_once(client, alice, mobility, units):
    client.force_login(alice)
    url = reverse("results:mobility_results", args=[mobility.pk])
    page = client.get(url).content.decode()
    assert "Tīmekļa lietotņu izstrāde" in page and f'name="unit-{units[0].pk}-result"' in page
    rows = [assessment(mobility), {"result": ""}]
    response = client.post(url, form_data(mobility, units, rows))
    assert response.status_code == 302
    assert list(UnitAssessment.objects.values_list("unit", "result")) == [(units[0].pk, "achieved")]


def test_a_result_without_its_method_is_refused_and_nothing_is_saved(
    client, alice, mobility, units
):
    client.force_login(alice)
    url = reverse("results:mobility_results", args=[mobility.pk])
    late = assessment(mobility, assessed_on=timezone.localdate() + timedelta(days=3))
    rows = [assessment(mobility, method=""), late]
    response = client.post(url, form_data(mobility, units, rows))
    assert response.status_code == 400
    assert "Needed with a result." in response.content.decode()
    assert not UnitAssessment.objects.exists()
    # The first one right, the second one's date in the future: neither is kept.
    response = client.post(url, form_data(mobility, units, [assessment(mobility), late]))
    assert response.status_code == 400
    assert "The date cannot be in the future." in response.content.decode()
    assert not UnitAssessment.objects.exists()


def test_the_decision_is_recorded_in_latvian_and_removed_after_asking(
    client, alice, mobility, units
):
    client.force_login(alice)
    url = reverse("results:mobility_results", args=[mobility.pk])
    data = decision(mobility, ecvet_points="4,5", decided_on="") | {"part": "recognition"}
    data["decided_on"] = mobility.end_date.strftime("%d.%m.%Y.")
    response = client.post(url, data, headers={"accept-language": "lv"})
    assert response.status_code == 302, response.content.decode()[:3000]
    saved = Recognition.objects.get()
    assert (saved.ecvet_points, saved.decided_on) == (Decimal("4.5"), mobility.end_date)

    delete = reverse("results:recognition_delete", args=[mobility.pk])
    asked = client.get(delete, headers={"accept-language": "lv"}).content.decode()
    assert "Ilze Kalniņa" in asked and Recognition.objects.exists()
    assert client.post(delete).status_code == 302
    assert not Recognition.objects.exists()
    assert list(Recognition.history.values_list("history_type", flat=True)) == ["-", "+"]


def test_a_viewer_reads_the_results_and_changes_nothing(client, bob, charlie, mobility, units):
    services.unit_assessment_save(unit=units[0], data=assessment(mobility))
    services.recognition_save(mobility=mobility, data=decision(mobility))
    url = reverse("results:mobility_results", args=[mobility.pk])
    client.force_login(bob)
    page = client.get(url).content.decode()
    assert "Jordi Puig, mentor" in page and "Recognised in full" in page
    assert 'name="part"' not in page
    assert client.post(url, {"part": "recognition"}).status_code == 403
    assert client.post(reverse("results:recognition_delete", args=[mobility.pk])).status_code == 403
    client.force_login(charlie)
    assert client.get(url).status_code == 404
    assert Recognition.objects.exists()


def test_a_staff_mobilitys_page_says_what_results_are_for(client, alice, project, host):
    staff = factories.mobility(
        project,
        participant=factories.staff(project.organisation),
        host=host,
        activity_type="staff_job_shadowing",
    )
    client.force_login(alice)
    page = client.get(reverse("results:mobility_results", args=[staff.pk])).content.decode()
    assert 'id="not-a-learner"' in page and 'value="recognition"' not in page


@pytest.mark.parametrize("user", ["alice", "bob"])
def test_the_page_makes_as_many_queries_with_many_units(
    request, client, mobility, django_assert_max_num_queries, user
):
    client.force_login(request.getfixturevalue(user))
    url = reverse("results:mobility_results", args=[mobility.pk])
    rows = [{"title": f"Unit {n}", "outcomes": "Learns."} for n in range(12)]
    reporting_services.learning_outcome_units_replace(mobility=mobility, units=rows[:1])
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    units = reporting_services.learning_outcome_units_replace(mobility=mobility, units=rows)
    for unit in units:
        services.unit_assessment_save(unit=unit, data=assessment(mobility))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
