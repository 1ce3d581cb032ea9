"""seed_demo builds the demo school and is idempotent. Its first run is the one the session
seeds once (`demo_snapshot`, tests/conftest.py): these tests read it and run seed_demo again."""

from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command

from mobilities.models import Mobility
from projects.models import Goal, Membership

pytestmark = pytest.mark.django_db

DOMAIN_APPS = ("projects", "participants", "mobilities", "budget", "results")


def snapshot() -> dict[str, list[tuple]]:
    """Every row of the domain tables, and the users, as comparable tuples."""
    rows = {}
    for app in DOMAIN_APPS:
        for model in apps.get_app_config(app).get_models():
            # The update time and the project's cache version are not demo data.
            fields = [
                f.attname
                for f in model._meta.concrete_fields
                if f.name not in ("updated_at", "version")
            ]
            rows[model._meta.label] = sorted(
                model.objects.order_by("pk").values_list(*fields), key=repr
            )
    rows["goals"] = sorted(Mobility.goals.through.objects.values_list("mobility_id", "goal_id"))
    rows["users"] = sorted(
        get_user_model().objects.values_list("username", "is_superuser", "password")
    )
    return rows


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_a_second_run_changes_nothing(demo_data):
    first = snapshot()
    seed()
    assert snapshot() == first


def test_it_builds_a_realistic_demo_school(demo_snapshot, demo_data):
    output = demo_snapshot.result  # what the first run printed
    assert Goal.objects.count() == 8
    mobilities = Mobility.objects.all()
    assert 35 <= mobilities.count() <= 50
    activities = set(mobilities.values_list("activity_type", flat=True))
    assert len(activities) == 10
    assert len(set(mobilities.values_list("destination_country", flat=True))) >= 6
    assert mobilities.filter(role="accompanying_person", activity_type="learner_group").exists()
    assert mobilities.filter(participant__fewer_opportunities=True).exists()
    assert any(m.participant.is_minor for m in mobilities.select_related("participant"))
    for username in ("coordinator", "viewer", "admin"):
        assert username in output
        assert get_user_model().objects.get(username=username).check_password("erasmus-demo")
    assert Membership.objects.get(user__username="viewer").role == "viewer"


def test_every_demo_mobility_passes_validation(demo_data):
    for mobility in Mobility.objects.all():
        mobility.full_clean()


def test_the_demo_has_a_learner_back_with_units_and_an_issued_europass(demo_data):
    janis = Mobility.objects.get(participant__first_name="Jānis", status="completed")
    assert janis.europass_status == "issued"
    assert janis.europass_issued_on is not None
    units = janis.learning_agreement_details.units.all()
    assert [unit.position for unit in units] == [1, 2]
    assert Mobility.objects.filter(europass_status="requested").exists()


def test_the_demo_shares_its_mobilities_and_a_staff_member_changed_his_work(demo_data):
    from results.models import DisseminationEvent, LearningTransfer

    events = DisseminationEvent.objects.all()
    assert set(events.values_list("kind", flat=True)) >= {
        "lesson",
        "staff_meeting",
        "article",
        "social_media",
        "open_day",
    }
    assert events.filter(mobility__participant__first_name="Jānis", kind="lesson").exists()
    assert events.exclude(evidence_url="").exists() and events.exclude(evidence_file="").exists()
    transfer = LearningTransfer.objects.select_related("mobility").get()
    assert transfer.mobility.is_staff_mobility and transfer.mobility.status == "completed"
    assert transfer.applied_from >= transfer.mobility.end_date
