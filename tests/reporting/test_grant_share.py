"""Whose money each part of a grant is: the participant's agreement gives the participant
what is paid and what is provided in kind, never the school's organisational support or
its inclusion support, and computes the payment schedule on the amount paid."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from budget.rules.share import (
    DEFAULT_HANDLING,
    Handling,
    ShareHead,
    split_grant,
)
from reporting import share
from reporting.models import AgreementVersion, DocumentKind, GrantHandling, SupersededBecause
from tests import factories
from tests.portal.helpers import open_agreement, render_and_freeze

from .test_documents import en_money, lv_money, rendered_text

D = Decimal
AMOUNTS = {
    "travel": D("360.00"),
    "individual_support": D("2695.00"),
    "organisational_support": D("350.00"),
    "inclusion_support": D("325.00"),
    "course_fees": D("0.00"),
}


# The rule, without a database


def test_by_default_travel_and_individual_support_are_paid_and_the_school_keeps_its_support():
    split = split_grant(AMOUNTS, inclusion_real_costs=D("200.00"), handling={})
    assert split.paid_total == D("3055.00")
    assert split.in_kind_total == D("200.00")  # inclusion real costs: the school pays them
    assert split.kept_total == D("475.00")  # 350 organisational + 125 inclusion unit cost
    assert split.total == sum(AMOUNTS.values())
    assert split.participant_total == split.total - split.kept_total


def test_the_schools_parts_are_kept_whatever_the_rules_say():
    handling = {ShareHead.ORGANISATIONAL_SUPPORT: Handling.PAID}
    handling[ShareHead.ORGANISATION_INCLUSION] = Handling.IN_KIND
    split = split_grant(AMOUNTS, inclusion_real_costs=D("0.00"), handling=handling)
    kept = {line.head for line in split.lines if line.handling == Handling.KEPT}
    assert kept == {ShareHead.ORGANISATIONAL_SUPPORT, ShareHead.ORGANISATION_INCLUSION}
    assert split.paid_total == D("3055.00")


def test_travel_in_kind_leaves_individual_support_paid():
    split = split_grant(
        AMOUNTS, inclusion_real_costs=D("0.00"), handling={ShareHead.TRAVEL: Handling.IN_KIND}
    )
    assert split.paid_total == D("2695.00")
    assert [line.head for line in split.in_kind] == [ShareHead.TRAVEL]
    assert split.total == sum(AMOUNTS.values())


def test_parts_of_nothing_are_left_out():
    split = split_grant(AMOUNTS, inclusion_real_costs=D("0.00"), handling={})
    assert ShareHead.COURSE_FEES not in {line.head for line in split.lines}
    assert DEFAULT_HANDLING[ShareHead.COURSE_FEES] == Handling.IN_KIND


# The agreement


@pytest.fixture
def fewer_opportunities_learner(school):
    return factories.learner(
        school,
        first_name="Līga",
        last_name="Kalniņa",
        fewer_opportunities=True,
        fewer_opportunities_categories=["economic"],
    )


@pytest.fixture
def inclusion_mobility(project, host, fewer_opportunities_learner):
    return factories.mobility(project, participant=fewer_opportunities_learner, host=host)


@pytest.mark.django_db
def test_the_agreement_of_a_learner_with_fewer_opportunities_leaves_out_the_schools_money(
    inclusion_mobility,
):
    grant = inclusion_mobility.grant
    assert grant.organisational_support > 0 and grant.inclusion_support == D("125.00")
    text = rendered_text(
        inclusion_mobility.project, DocumentKind.GRANT_AGREEMENT, mobility=inclusion_mobility
    )
    paid = grant.travel + grant.individual_support
    assert f"Izmaksā dalībniekam {lv_money(paid)}" in text
    assert lv_money(grant.organisational_support) not in text
    assert lv_money(grant.inclusion_support) not in text
    assert lv_money(grant.total) not in text
    prefinancing = (paid * D("0.80")).quantize(D("0.01"))
    assert lv_money(prefinancing) in text
    assert lv_money((grant.total * D("0.80")).quantize(D("0.01"))) not in text


@pytest.mark.django_db
def test_a_minors_agreement_with_travel_in_kind_lists_the_tickets_and_pays_the_rest(
    project, host, minor
):
    mobility = factories.mobility(project, participant=minor, host=host)
    share.grant_handling_update(
        project=project,
        mobility=mobility,
        rules={"travel": ("in_kind", "The school buys the plane tickets Riga–Valencia.")},
    )
    mobility.refresh_from_db()
    grant = mobility.grant
    for language, money in (("en", en_money), ("lv", lv_money)):
        text = " ".join(
            rendered_text(project, DocumentKind.GRANT_AGREEMENT, language, mobility).split()
        )
        assert money(grant.individual_support) in text
        prefinancing = (grant.individual_support * D("0.80")).quantize(D("0.01"))
        assert money(prefinancing) in text
        assert "The school buys the plane tickets Riga–Valencia." in text
        assert money(grant.travel) in text
        assert money(grant.organisational_support) not in text
        if language == "en":
            assert "Provided in kind by the sending organisation" in text
            assert "a minor, represented by the legal representative Ģirts Ķēniņš" in text
            assert f"Paid to the participant {money(grant.individual_support)}" in text
        else:
            assert "Nodrošina natūrā" in text
            assert f"Izmaksā dalībniekam {money(grant.individual_support)}" in text


@pytest.mark.django_db
def test_the_default_note_says_what_is_provided_in_the_documents_language(project, host):
    mobility = factories.mobility(project, host=host)
    share.grant_handling_update(
        project=project, mobility=mobility, rules={"travel": ("in_kind", "")}
    )
    text = " ".join(rendered_text(project, DocumentKind.GRANT_AGREEMENT, "en", mobility).split())
    assert "The sending organisation buys the tickets for the journey." in text


# Saving the rules


@pytest.mark.django_db
def test_the_school_cannot_give_its_organisational_support_to_the_participant(project):
    with pytest.raises(ValidationError) as raised:
        share.grant_handling_update(project=project, rules={"organisational_support": ("paid", "")})
    assert "never the participant's" in str(raised.value)
    assert not GrantHandling.objects.exists()


@pytest.mark.django_db
def test_the_database_refuses_the_schools_support_paid_to_the_participant(project):
    with pytest.raises(IntegrityError), transaction.atomic():
        GrantHandling.objects.create(
            project=project, head="organisation_inclusion", handling="paid"
        )


@pytest.mark.django_db
def test_a_new_rule_supersedes_the_agreements_it_changes_and_only_those(
    project, host, django_capture_on_commit_callbacks
):
    learner = factories.mobility(project, host=host)
    course = factories.mobility(
        project,
        host=host,
        participant=factories.staff(project.organisation),
        activity_type="staff_course",
        end_date=date(2026, 9, 3),
        course_days=3,
    )
    assert course.grant.course_fees > 0 and learner.grant.course_fees == 0
    versions = [open_agreement(m) for m in (learner, course)]
    for version in versions:
        render_and_freeze(version)

    renewed = share.grant_handling_update(project=project, rules={"course_fees": ("paid", "")})

    assert renewed == 1
    kept, renewed_version = (AgreementVersion.objects.get(pk=v.pk) for v in versions)
    assert kept.status == AgreementVersion.Status.OPEN
    assert renewed_version.status == AgreementVersion.Status.SUPERSEDED
    assert renewed_version.superseded_because == SupersededBecause.SHARE_CHANGED


@pytest.mark.django_db
def test_the_share_is_stored_with_the_agreement_version(project, host):
    mobility = factories.mobility(project, host=host)
    version = open_agreement(mobility)
    render_and_freeze(version)
    version.refresh_from_db()
    grant = mobility.grant
    assert version.participant_share["paid"] == str(grant.travel + grant.individual_support)
    assert version.participant_share["kept"] == str(grant.organisational_support)
    heads = {line[0]: line[2] for line in version.participant_share["lines"]}
    assert heads["organisational_support"] == "kept"


@pytest.mark.django_db
def test_the_budget_total_is_not_changed_by_the_split(project, host):
    mobility = factories.mobility(project, host=host)
    before = mobility.grant.total
    share.grant_handling_update(project=project, rules={"travel": ("kept", "")})
    mobility.refresh_from_db()
    assert mobility.grant.total == before
    assert share.participant_share(mobility).split.total == before


# The pages


@pytest.mark.django_db
def test_a_coordinator_sets_the_projects_rules(client, alice, project):
    client.force_login(alice)
    url = reverse("reporting:project_grant_share", args=[project.pk])
    data = {head.value: DEFAULT_HANDLING[head].value for head in share.EDITABLE_HEADS}
    data |= {"travel": "in_kind", "travel_note": "Biļetes pērk skola."}
    response = client.post(url, data)
    assert response.status_code == 302
    row = GrantHandling.objects.get(project=project, mobility=None, head="travel")
    assert (row.handling, row.in_kind_note) == ("in_kind", "Biļetes pērk skola.")
    assert "Biļetes pērk skola." in client.get(url).content.decode()


@pytest.mark.django_db
def test_an_unknown_handling_is_answered_next_to_its_field(client, alice, project):
    client.force_login(alice)
    url = reverse("reporting:project_grant_share", args=[project.pk])
    data = {head.value: DEFAULT_HANDLING[head].value for head in share.EDITABLE_HEADS}
    response = client.post(url, data | {"travel": "to_the_moon"})
    assert response.status_code == 400
    assert "Choose paid to the participant, provided in kind or kept." in response.content.decode()
    assert not GrantHandling.objects.exists()


@pytest.mark.django_db
def test_a_mobility_follows_the_project_unless_it_says_otherwise(client, alice, project, host):
    mobility = factories.mobility(project, host=host)
    client.force_login(alice)
    url = reverse("reporting:mobility_grant_share", args=[mobility.pk])
    response = client.post(url, {"travel": "in_kind", "travel_note": "Biļetes pērk skola."})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Biļetes pērk skola." in page
    assert GrantHandling.objects.filter(mobility=mobility).count() == 1

    client.post(url, {"travel": ""})
    assert not GrantHandling.objects.filter(mobility=mobility).exists()


@pytest.mark.django_db
def test_the_mobility_page_shows_the_split_in_latvian(client, alice, inclusion_mobility):
    client.force_login(alice)
    client.cookies["django_language"] = "lv"
    url = reverse("reporting:mobility_grant_share", args=[inclusion_mobility.pk])
    page = client.get(url).content.decode().replace("&nbsp;", " ").replace("\xa0", " ")
    grant = inclusion_mobility.grant
    kept = grant.organisational_support + grant.inclusion_support
    assert f'Patur organizācija</th><td class="text-end text-nowrap">{lv_money(kept)}' in page
    assert lv_money(grant.travel + grant.individual_support) in page


@pytest.mark.django_db
def test_a_viewer_reads_the_rules_but_cannot_change_them(client, bob, project, mobility):
    client.force_login(bob)
    url = reverse("reporting:project_grant_share", args=[project.pk])
    page = client.get(url)
    assert page.status_code == 200 and b'name="travel"' not in page.content
    assert client.post(url, {"travel": "kept"}).status_code == 403
    assert (
        client.post(
            reverse("reporting:mobility_grant_share", args=[mobility.pk]), {"travel": "kept"}
        ).status_code
        == 403
    )
    assert not GrantHandling.objects.exists()


@pytest.mark.django_db
def test_another_school_sees_nothing(client, charlie, project, mobility):
    client.force_login(charlie)
    assert (
        client.get(reverse("reporting:project_grant_share", args=[project.pk])).status_code == 404
    )
    assert (
        client.get(reverse("reporting:mobility_grant_share", args=[mobility.pk])).status_code == 404
    )
