"""Every route that names an object, walked with the demo data: a coordinator of another
organisation gets 404 (reading or writing), an anonymous visitor is sent to sign in, a
viewer's POST is refused (403, or 405 where the route takes no POST), and a participant
signed in to the portal is sent back to the portal from every coordinator's page. A new
route with an object id must be listed here (or in tests/pages.py), or the first test
fails."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from demo.management.commands.seed_demo import DEMO_PASSWORD
from projects.models import Membership
from reporting import services as reporting_services
from reporting.models import AgreementVersion, GeneratedDocument
from tests import factories
from tests.pages import PORTAL, WORKSPACE, Demo, route_names
from tests.snapshot import take

# Once pytest-xdist honours the mark again (it ignores it with pytest 9.2, pytest-xdist
# issue 1386), one worker runs the module and builds the batch's snapshot once; until then
# each worker that runs one of its tests builds its own.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("route-access")]

# Routes of the coordinator's workspace whose arguments tests/pages.py does not build
# (forms that only take a POST, downloads and fragments), from the demo data.
EXTRA = {
    "transfers:mobility_export": lambda d: [d.project.pk, "csv"],
    "transfers:beneficiary_module_export": lambda d: [d.project.pk, "csv"],
    "finance:payment_export": lambda d: [d.project.pk, "csv"],
    "finance:cost_file": lambda d: [d.cost.pk, "invoice"],
    "results:event_evidence": lambda d: [d.dissemination_event.pk],
    "selection:selection_call_publish": lambda d: [d.paper_call.pk],
    "selection:selection_call_close": lambda d: [d.call.pk],
    "selection:selection_call_finalise": lambda d: [d.call.pk],
    "selection:selection_call_propose": lambda d: [d.call.pk],
    "mobilities:mobility_preview": lambda d: [d.project.pk],
    "mobilities:preparation_item_done": lambda d: [
        d.mobility.pk,
        d.mobility.preparation_items.first().pk,
    ],
    "mobilities:monitoring_note_add": lambda d: [d.mobility.pk],
    "mobilities:mobility_europass_edit": lambda d: [d.mobility.pk],
    "mobilities:mobility_file_upload": lambda d: [d.mobility.pk],
    "mobilities:mobility_file_download": lambda d: [d.file.pk],
    "reporting:mobility_document_request": lambda d: [d.mobility.pk],
    "reporting:learning_agreement_details_edit": lambda d: [d.mobility.pk],
    "reporting:project_documents_batch": lambda d: [d.project.pk],
    "reporting:batch_progress": lambda d: [d.project.pk, d.batch.pk],
    "reporting:batch_download_zip": lambda d: [d.project.pk, d.batch.pk],
    "reporting:batch_download_pdf": lambda d: [d.project.pk, d.batch.pk],
    "reporting:grant_agreement_terms_edit": lambda d: [d.project.pk],
    "reporting:final_report_answer": lambda d: [d.project.pk, "results"],
    "reporting:final_report_request": lambda d: [d.project.pk],
    "reporting:final_report_text": lambda d: [d.project.pk],
    "reporting:document_status": lambda d: [d.document.pk],
    "reporting:document_download": lambda d: [d.document.pk],
    "portal:portal_invite": lambda d: [d.mobility.pk],
    "portal:file_request_create": lambda d: [d.mobility.pk],
    "signing:agreement_send": lambda d: [d.mobility.pk],
    "signing:agreement_pdf": lambda d: [d.open_agreement.pk],
    "signing:agreement_signed_pdf": lambda d: [d.signed_agreement.pk],
    "signing:agreement_finalize_retry": lambda d: [d.signed_agreement.pk],
    "privacy:privacy_participant_export": lambda d: [d.learner.pk],
    "privacy:privacy_guardian_export": lambda d: [d.minors_agreement.mobility.participant_id],
}
# Routes with an argument that are not the coordinator's, or have no object of the demo.
ELSEWHERE = {
    "password_reset_confirm",  # a token: tests/portal/test_password_reset.py
    "transfers:import_template",  # the same file for everyone
    "transfers:import_preview",  # an upload's token: tests/transfers/
    "transfers:import_confirm",
    "transfers:import_cancel",
    "transfers:import_done",
    "privacy:privacy_erasure_detail",  # the demo has no erasure: tests/privacy/
    "privacy:privacy_retention_erase",  # nor a project past its retention: tests/privacy/
    "budget:rates",  # a call year: the rates are public to every signed-in user
    "transfers:participant_export",  # a format: the reader's own organisation's list
    "transfers:partner_export",
}


class RouteDemo(Demo):
    @property
    def batch(self):
        return self.project.document_batches.order_by("pk").first()

    @property
    def document(self):
        return GeneratedDocument.objects.filter(project=self.project).order_by("pk").first()

    @property
    def signed_agreement(self):
        return AgreementVersion.objects.filter(status="signed").order_by("pk").first()


def _routes_with_arguments() -> set[str]:
    from django.urls import URLPattern, URLResolver, get_resolver

    names = set()

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace != "admin":
                    inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                    walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name and pattern.pattern.converters:
                names.add(namespace + pattern.name)

    walk(get_resolver().url_patterns)
    return names


def _portal_routes() -> set[str]:
    return (
        {name for name in route_names() if name.split(":")[-1].startswith("portal_")}
        | set(PORTAL)
        | {"privacy:privacy_portal_data_download"}
    )


def test_every_route_with_an_object_is_walked():
    walked = (set(WORKSPACE) | set(EXTRA)) & _routes_with_arguments()
    unlisted = _routes_with_arguments() - walked - ELSEWHERE - _portal_routes()
    assert not unlisted, f"Add these to EXTRA in {__name__}: {sorted(unlisted)}"


@pytest.fixture(scope="module")
def batch_snapshot(demo_snapshot, django_db_blocker, tmp_path_factory):
    """The demo data with a batch of grant agreements rendered, built once for the module
    (tests/snapshot.py) since the batch renders a PDF for each mobility."""

    def build():
        demo_snapshot.restore(settings.MEDIA_ROOT)
        reporting_services.document_batch_request(
            project=RouteDemo().project, kind="grant_agreement", language="lv"
        )

    with django_db_blocker.unblock(), translation.override("en"):
        return take(build, tmp_path_factory.mktemp("route-access-media"))


@pytest.fixture
def demo(db, batch_snapshot, media_root):
    batch_snapshot.restore(media_root)
    return RouteDemo()


def _urls(demo) -> dict[str, str]:
    routes = dict(WORKSPACE) | EXTRA
    targets = _routes_with_arguments() - ELSEWHERE - _portal_routes()
    return {name: reverse(name, args=routes[name](demo)) for name in sorted(targets)}


def _sign_in_to_portal(client, username):
    response = client.post(reverse("login"), {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]


def test_no_route_lets_another_organisation_or_a_participant_in(client, demo):
    urls = _urls(demo)
    assert len(urls) > 70
    other = factories.member(factories.organisation(), Membership.Role.COORDINATOR)
    leaks = []
    client.force_login(other)
    for name, url in urls.items():
        for method in ("get", "post"):
            status = getattr(client, method)(url).status_code
            if status not in (404, 405):
                leaks.append(f"another school {method.upper()} {name}: {status}")
    client.logout()
    for name, url in urls.items():
        response = client.get(url)
        if response.status_code != 302 or not response["Location"].startswith(reverse("login")):
            leaks.append(f"anonymous GET {name}: {response.status_code}")
    _sign_in_to_portal(client, "marta")
    for name, url in urls.items():
        response = client.get(url)
        if response.status_code != 302 or response["Location"] != reverse("portal:portal_home"):
            leaks.append(f"participant GET {name}: {response.status_code}")
    assert not leaks, "\n".join(leaks)


def test_a_viewer_cannot_change_anything(client, demo):
    urls = _urls(demo)
    viewer = factories.member(demo.project.organisation, Membership.Role.VIEWER)
    client.force_login(viewer)
    refused = []
    for name, url in urls.items():
        status = client.post(url).status_code
        if status not in (403, 405):
            refused.append(f"viewer POST {name}: {status}")
    assert not refused, "\n".join(refused)
