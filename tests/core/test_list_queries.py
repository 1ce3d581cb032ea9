"""Whatever the query string holds, a list and its exports answer. A NUL byte is the
case in point: PostgreSQL refuses one in any text, so a search holding one answered 500
on every list and export. Every list and export URL is walked here with %00 in its
search, in each of its filters, its sort and its page."""

import pytest
from django.urls import reverse

from participants.models import Participant
from tests import factories
from tests.pages import route_names

pytestmark = pytest.mark.django_db

NUL = "\x00"
# Each list, and the exports filtered as it is.
LISTS = {
    "participants:participant_list": ["transfers:participant_export"],
    "projects:partner_list": ["transfers:partner_export"],
    "mobilities:mobility_list": [
        "transfers:mobility_export",
        "transfers:beneficiary_module_export",
    ],
    "projects:plan_list": [],
    "selection:selection_call_list": [],
    "finance:payment_list": ["finance:payment_export"],
    "finance:cost_list": [],
    "results:dissemination_list": [],
}
PER_PROJECT = {
    "mobilities:mobility_list",
    "transfers:mobility_export",
    "transfers:beneficiary_module_export",
}
PER_PROJECT |= {"selection:selection_call_list"}
PER_PROJECT |= {"finance:payment_list", "finance:payment_export", "finance:cost_list"}
PER_PROJECT |= {"results:dissemination_list"}


def url_of(name: str, project) -> str:
    args = [project.pk] if name in PER_PROJECT else []
    if name.endswith("_export"):
        return [reverse(name, args=[*args, fmt]) for fmt in ("csv", "xlsx")]
    return [reverse(name, args=args)]


def test_every_list_and_export_is_walked():
    # A person's data export (privacy:*_export) is one ZIP, not a list with a query.
    lists = {
        name
        for name in route_names()
        if name.endswith(("_list", "_export")) and not name.startswith("privacy:")
    }
    assert lists == set(LISTS) | {e for exports in LISTS.values() for e in exports}


def nul_queries(page) -> list[dict]:
    listing = page.context.get("listing") if page.context else None
    filters = list(listing.spec.filters) if listing else []
    names = ["q", "sort", "page", *filters]
    return [{name: NUL} for name in names] + [{"q": f"a{NUL}b"}, {NUL: NUL}]


@pytest.mark.parametrize("name", LISTS)
def test_a_nul_byte_anywhere_in_the_query_never_breaks_a_list_or_its_exports(
    client, alice, mobility, name
):
    client.force_login(alice)
    project = mobility.project
    [list_url] = url_of(name, project)
    page = client.get(list_url)
    assert page.status_code == 200
    urls = [list_url] + [url for export in LISTS[name] for url in url_of(export, project)]
    for url in urls:
        for query in nul_queries(page):
            assert client.get(url, query).status_code == 200, (url, query)


def test_a_nul_byte_is_left_out_of_the_search(client, alice, school):
    factories.learner(school, last_name="Bērziņš")
    factories.learner(school, last_name="Ozols")
    client.force_login(alice)
    page = client.get(reverse("participants:participant_list"), {"q": f"Bērz{NUL}iņš"})
    assert [p.last_name for p in page.context["listing"].page] == ["Bērziņš"]
    assert page.context["listing"].search == "Bērziņš"
    export = client.get(
        reverse("transfers:participant_export", args=["csv"]), {"q": f"Bērz{NUL}iņš"}
    )
    assert b"Ozols" not in export.content and "Bērziņš".encode() in export.content
    assert Participant.objects.count() == 2
