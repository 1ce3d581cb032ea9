"""Two coordinators saving the same record no longer overwrite each other: the second save
is refused, its form comes back with the input kept and says who changed what and when;
fields only the first one changed show the new values, so saving again loses nothing.
Every path that saves these records (forms, admin, imports, services) raises the record's
revision with a compare-and-set."""

import re
import threading
from datetime import date

import pytest
from django.contrib.auth.models import Permission
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from core import revisions
from core.revisions import EditConflict
from mobilities.models import Mobility
from mobilities.services import mobility_update
from participants.models import Participant
from participants.services import participant_update
from projects.models import Membership, PartnerOrganisation
from tests import factories
from tests.form_data import form_data
from tests.transfers.conftest import confirm, csv_file, preview
from tests.transfers.test_participant_import import HEADERS, learner_row

pytestmark = pytest.mark.django_db

TIME = r"\d\d:\d\d"


@pytest.fixture
def anna(school):
    return factories.member(
        school, Membership.Role.COORDINATOR, username="anna", first_name="Anna", last_name="Ozola"
    )


def session(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def opened(client, url) -> dict:
    """The edit form as the browser got it, ready to be sent back."""
    context = client.get(url).context
    return form_data(context["form"])


def errors(response) -> list[str]:
    return list(response.context["form"].non_field_errors())


class TestMobility:
    @pytest.fixture
    def url(self, mobility):
        return reverse("mobilities:mobility_edit", args=[mobility.pk])

    def test_the_second_save_is_refused_naming_who_changed_what(self, alice, anna, mobility, url):
        hers, mine = session(anna), session(alice)
        her_form, my_form = opened(hers, url), opened(mine, url)
        assert hers.post(url, her_form | {"end_date": "2026-09-30"}).status_code == 302

        response = mine.post(url, my_form | {"notes": "Vīza nokārtota."})

        assert response.status_code == 200
        first, change = errors(response)
        assert first.startswith("Someone else saved this record after you opened the form")
        assert re.fullmatch(
            rf"Anna Ozola changed End date from 28/09/2026 to 30/09/2026 at {TIME}\.", change
        )
        mobility.refresh_from_db()
        assert (mobility.end_date, mobility.notes) == (date(2026, 9, 30), "")
        assert "Your input is kept below" in response.content.decode()

    def test_saving_again_keeps_both_changes(self, alice, anna, mobility, url):
        hers, mine = session(anna), session(alice)
        her_form, my_form = opened(hers, url), opened(mine, url)
        hers.post(url, her_form | {"end_date": "2026-09-30"})
        refused = mine.post(url, my_form | {"notes": "Vīza nokārtota."})
        form = refused.context["form"]
        assert form["notes"].value() == "Vīza nokārtota."  # my input is kept
        assert form["end_date"].value() == "30/09/2026"  # her change shows, as English writes it

        assert mine.post(url, form_data(form)).status_code == 302

        mobility.refresh_from_db()
        assert (mobility.end_date, mobility.notes) == (date(2026, 9, 30), "Vīza nokārtota.")
        assert mobility.revision == 3

    def test_a_field_both_changed_keeps_my_value_and_says_what_hers_was(
        self, alice, anna, mobility, url
    ):
        hers, mine = session(anna), session(alice)
        her_form, my_form = opened(hers, url), opened(mine, url)
        hers.post(url, her_form | {"end_date": "2026-09-30"})
        refused = mine.post(url, my_form | {"end_date": "2026-09-21"})
        form = refused.context["form"]
        assert form["end_date"].value() == "2026-09-21"
        assert form.errors["end_date"] == [
            "Changed meanwhile to 30/09/2026; your value is kept: check it."
        ]
        mobility.refresh_from_db()
        assert mobility.end_date == date(2026, 9, 30)

    def test_a_form_without_its_revision_is_refused_then_saved(self, alice, mobility, url):
        mine = session(alice)
        data = opened(mine, url) | {"notes": "Bez versijas."}
        del data["seen_revision"]
        refused = mine.post(url, data)
        assert errors(refused) == [
            "This form was sent without the version it was opened at: check the values and "
            "save again."
        ]
        mobility.refresh_from_db()
        assert mobility.notes == ""
        assert mine.post(url, form_data(refused.context["form"])).status_code == 302

    def test_a_save_losing_the_race_after_the_forms_check_is_refused(
        self, alice, anna, mobility, url, monkeypatch
    ):
        mine = session(alice)
        my_form = opened(mine, url)
        mobility_update(mobility=Mobility.objects.get(), data={"end_date": date(2026, 9, 30)})
        # The form's own check sees the revision it was opened at, as if the other save
        # came between that check and this save's write.
        monkeypatch.setattr(revisions, "current_revision", lambda instance: 1)

        response = mine.post(url, my_form | {"notes": "Vīza nokārtota."})

        assert response.status_code == 200
        assert "Someone else saved this record" in errors(response)[0]
        mobility.refresh_from_db()
        assert (mobility.end_date, mobility.notes, mobility.revision) == (date(2026, 9, 30), "", 2)


def test_two_participant_forms_do_not_overwrite_each_other(alice, anna, school):
    learner = factories.learner(school)
    url = reverse("participants:participant_edit", args=[learner.pk])
    hers, mine = session(anna), session(alice)
    her_form, my_form = opened(hers, url), opened(mine, url)
    assert hers.post(url, her_form | {"phone": "+371 2000 0000"}).status_code == 302

    refused = mine.post(url, my_form | {"city": "Valmiera"})

    assert re.fullmatch(
        rf"Anna Ozola changed Phone from — to \+371 2000 0000 at {TIME}\.", errors(refused)[1]
    )
    assert mine.post(url, form_data(refused.context["form"])).status_code == 302
    learner.refresh_from_db()
    assert (learner.phone, learner.city) == ("+371 2000 0000", "Valmiera")


def test_two_partner_forms_do_not_overwrite_each_other(alice, anna, host):
    url = reverse("projects:partner_edit", args=[host.pk])
    hers, mine = session(anna), session(alice)
    her_form, my_form = opened(hers, url), opened(mine, url)
    hers.post(url, her_form | {"contact_name": "Rosa Pérez"})
    refused = mine.post(url, my_form | {"contact_phone": "+34 600 000 000"})
    assert re.fullmatch(
        rf"Anna Ozola changed Contact person from — to Rosa Pérez at {TIME}\.", errors(refused)[1]
    )
    host.refresh_from_db()
    assert (host.contact_name, host.contact_phone) == ("Rosa Pérez", "")


def test_two_project_forms_do_not_overwrite_each_other(alice, anna, project):
    url = reverse("projects:project_edit", args=[project.pk])
    hers, mine = session(anna), session(alice)
    her_form, my_form = opened(hers, url), opened(mine, url)
    assert hers.post(url, her_form | {"status": "final_report"}).status_code == 302
    refused = mine.post(url, my_form | {"rate_learner_group_2": "105"})
    assert re.fullmatch(
        rf"Anna Ozola changed Status from Ongoing to Final report at {TIME}\.", errors(refused)[1]
    )
    project.refresh_from_db()
    assert (project.status, project.rate_learner_group_2) == ("final_report", 100)


def test_the_conflict_is_told_in_latvian(alice, anna, mobility):
    url = reverse("mobilities:mobility_edit", args=[mobility.pk])
    hers, mine = session(anna), session(alice)
    her_form, my_form = opened(hers, url), opened(mine, url)
    hers.post(url, her_form | {"end_date": "2026-09-30"})
    page = mine.post(url, my_form, HTTP_ACCEPT_LANGUAGE="lv").content.decode()
    assert re.search(
        rf"Anna Ozola mainīja lauku “Beigu datums” no 28\.09\.2026\. uz 30\.09\.2026\. "
        rf"plkst\. {TIME}\.",
        page,
    )


def test_a_stale_instance_saves_nothing_whatever_the_path(mobility):
    first, second = Mobility.objects.get(), Mobility.objects.get()
    mobility_update(mobility=first, data={"notes": "first"})
    with pytest.raises(EditConflict):
        mobility_update(mobility=second, data={"notes": "second"})
    mobility.refresh_from_db()
    assert (mobility.notes, mobility.revision) == ("first", 2)
    first, second = Participant.objects.get(), Participant.objects.get()
    participant_update(participant=first, data={"phone": "1"})
    with pytest.raises(EditConflict):
        participant_update(participant=second, data={"phone": "2"})
    assert Participant.objects.get().phone == "1"


def test_the_admin_raises_the_revision_and_refuses_a_page_opened_before(client, mobility):
    root = factories.user(username="root", is_staff=True, is_superuser=True)
    client.force_login(root)
    url = reverse("admin:participants_participant_change", args=[mobility.participant_id])
    form = client.get(url).context["adminform"].form
    data = form_data(form)
    assert client.post(url, data | {"phone": "111"}).status_code == 302
    assert Participant.objects.get().revision == 2

    response = client.post(url, data | {"phone": "222"})  # the page opened at revision 1
    assert response.status_code == 200
    assert "Someone else saved this record" in str(response.context["adminform"].form.errors)
    assert Participant.objects.get().phone == "111"


def test_an_import_raises_the_revision(client, alice, school):
    known = factories.learner(school, email="janis1@example.lv", national_id="140304-21234")
    client.force_login(alice)
    _outcome, token = preview(client, "/participants/import/", csv_file([HEADERS, learner_row(1)]))
    confirm(client, token)
    known.refresh_from_db()
    assert (known.last_name, known.revision) == ("Ozoliņš1", 2)


def test_the_admin_of_a_school_raises_the_revision_of_partners(client, alice, host):
    alice.is_staff = True
    alice.save()
    alice.user_permissions.set(
        Permission.objects.filter(
            codename__in=["change_partnerorganisation", "view_partnerorganisation"]
        )
    )
    client.force_login(alice)
    url = reverse("admin:projects_partnerorganisation_change", args=[host.pk])
    data = form_data(client.get(url).context["adminform"].form)
    assert client.post(url, data | {"city": "Alicante"}).status_code == 302
    assert PartnerOrganisation.objects.get(pk=host.pk).revision == 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a real row lock between sessions")
@pytest.mark.django_db(transaction=True)
def test_of_two_concurrent_saves_exactly_one_wins_on_postgresql(school):
    learner = factories.learner(school)
    claimed, release = threading.Event(), threading.Event()
    outcome = {}

    def first():
        with transaction.atomic():
            participant_update(
                participant=Participant.objects.get(pk=learner.pk), data={"phone": "first"}
            )
            claimed.set()
            release.wait(5)
        connection.close()

    def second():
        claimed.wait(5)
        try:
            participant_update(
                participant=Participant.objects.get(pk=learner.pk), data={"phone": "second"}
            )
        except EditConflict:
            outcome["second"] = "conflict"
        connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    # The second save waits for the first one's row lock; let the first commit.
    threading.Timer(0.5, release.set).start()
    for thread in threads:
        thread.join(10)
    learner.refresh_from_db()
    assert (learner.phone, learner.revision) == ("first", 2)
    assert outcome == {"second": "conflict"}
