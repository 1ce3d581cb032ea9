"""Every page a person opens, with the demo data (`manage.py seed_demo`): the coordinator's
workspace, the participant portal and the pages anyone sees before signing in. Tests that
must hold on every page (numbers in attributes, accessibility, valid HTML, the page
policy) walk these lists, and `test_every_route_is_a_page_or_says_why_not` makes sure a
new route is either added here or named in NOT_PAGES with the reason."""

from dataclasses import dataclass
from functools import cached_property

from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from finance.models import Cost, Payment, Reduction, Transfer
from mobilities.models import Mobility, MobilityFile, MobilityGroup, PreparationItem
from participants.models import (
    FileRequest,
    Participant,
    SelectionApplication,
    SelectionCall,
)
from projects.models import PartnerOrganisation, Project
from reporting.models import AgreementVersion
from results.models import DisseminationEvent, SurveyQuestion

# Routes that are not pages, and why. Anything else must be in one of the lists below.
NOT_PAGES = {
    # Answer a form's POST, then redirect to a page.
    "POST only": {
        "set_language",
        "logout",
        "mobilities:mobility_preview",
        "mobilities:preparation_item_done",
        "mobilities:monitoring_note_add",
        "mobilities:mobility_file_upload",
        "mobilities:mobility_europass_edit",
        "selection:selection_call_publish",
        "selection:selection_call_close",
        "selection:selection_call_finalise",
        "selection:selection_call_propose",
        "reporting:mobility_document_request",
        "reporting:project_documents_batch",
        "reporting:final_report_answer",
        "reporting:final_report_request",
        "signing:agreement_send",
        "signing:agreement_finalize_retry",
        # Forms shown on the mobility's and the project's Documents pages.
        "reporting:learning_agreement_details_edit",
        "reporting:grant_agreement_terms_edit",
        "portal:portal_invite",
        "portal:file_request_create",
        "portal:portal_file_upload",
        "portal:portal_report_confirm",
        "transfers:import_confirm",
        "transfers:import_cancel",
    },
    # Files and fragments, not pages.
    "downloads and fragments": {
        "health",
        "transfers:participant_export",
        "transfers:partner_export",
        "transfers:mobility_export",
        "transfers:beneficiary_module_export",
        "transfers:import_template",
        "finance:payment_export",
        "finance:cost_file",
        "results:event_evidence",
        "mobilities:mobility_file_download",
        "reporting:document_status",
        "reporting:document_download",
        "reporting:batch_progress",
        "reporting:batch_download_zip",
        "reporting:batch_download_pdf",
        "reporting:final_report_text",
        "signing:agreement_pdf",
        "signing:agreement_signed_pdf",
        "portal:portal_agreement_pdf",
        "portal:portal_agreement_signed_pdf",
        "portal:portal_document_download",
        "portal:portal_file_download",
        "privacy:privacy_participant_export",
        "privacy:privacy_guardian_export",
        "privacy:privacy_portal_data_download",
        "budget:rates_latest",  # a redirect to the newest year's rates
    },
    # Pages reached only through a one-time token or an upload: their own tests walk them.
    "reached by a token or an upload": {
        "portal:portal_invitation",
        "portal:portal_invitation_password",
        "password_reset_confirm",
        "transfers:import_preview",
        "transfers:import_done",
    },
    # Pages of records the demo has none of (an erasure, a project past its retention
    # period); tests/privacy/ opens them.
    "records the demo does not have": {
        "privacy:privacy_erasure_detail",
        "privacy:privacy_retention_erase",
    },
}


@dataclass(frozen=True)
class Page:
    name: str
    url: str
    user: str | None  # the demo user who opens it; None: before signing in


def _first(queryset):
    found = queryset.order_by("pk").first()
    assert found is not None, f"the demo data has no {queryset.model.__name__}"
    return found


class Demo:
    """The demo objects the pages show, each looked up once."""

    @cached_property
    def project(self):
        return _first(Project.objects.all())

    @cached_property
    def plan(self):
        return self.project.erasmus_plan

    @cached_property
    def mobility(self):
        return _first(Mobility.objects.filter(project=self.project, status="approved"))

    @cached_property
    def call(self):
        """The open call: a decided one is read only."""
        return _first(SelectionCall.objects.filter(project=self.project, status="published"))

    @cached_property
    def decided_call(self):
        return _first(SelectionCall.objects.filter(project=self.project, status="decided"))

    @cached_property
    def paper_call(self):
        """A draft past its closing date: a selection held on paper, to be recorded."""
        return _first(SelectionCall.objects.filter(project=self.project, status="draft"))

    @cached_property
    def selected_application(self):
        return _first(
            SelectionApplication.objects.filter(call=self.decided_call, decision="selected")
        )

    @cached_property
    def application(self):
        """An application not scored yet: a scored one is no longer edited."""
        return _first(SelectionApplication.objects.filter(call=self.call, scores=None))

    @cached_property
    def partner(self):
        return _first(PartnerOrganisation.objects.all())

    @cached_property
    def learner(self):
        return _first(Participant.objects.filter(kind="learner"))

    @cached_property
    def group(self):
        return _first(MobilityGroup.objects.all())

    @cached_property
    def file(self):
        return _first(MobilityFile.objects.filter(mobility__project=self.project))

    @cached_property
    def file_request(self):
        return _first(FileRequest.objects.filter(uploaded_file=None))

    @cached_property
    def open_agreement(self):
        return _first(AgreementVersion.objects.filter(status="open"))

    @cached_property
    def marta(self):
        return get_user_model().objects.get(username="marta").portal_account

    @cached_property
    def martas_mobility(self):
        return _first(Mobility.objects.filter(participant=self.marta.participant))

    @cached_property
    def minors_agreement(self):
        """Evelīna's, which waits for her guardian Inga."""
        return _first(AgreementVersion.objects.filter(mobility__participant__first_name="Evelīna"))

    @cached_property
    def martas_agreement(self):
        return _first(AgreementVersion.objects.filter(mobility=self.martas_mobility))

    @cached_property
    def open_payment(self):
        """Aivars's pre-financing, overdue: the one a finance officer marks paid next."""
        return _first(Payment.objects.filter(mobility__project=self.project, transfers=None))

    @cached_property
    def transfer(self):
        return _first(Transfer.objects.filter(payment__mobility__project=self.project))

    @cached_property
    def cost(self):
        """The Florence course's invoice."""
        return _first(Cost.objects.filter(project=self.project, mobility__isnull=False))

    @cached_property
    def recognised(self):
        """Jānis's mobility: his units assessed and recognised."""
        return _first(Mobility.objects.filter(project=self.project, recognition__isnull=False))

    @cached_property
    def survey_question(self):
        """The standard question on the expectations before departure."""
        return _first(SurveyQuestion.objects.filter(project=self.project, code="expectations"))

    @cached_property
    def dissemination_event(self):
        """Jānis's lesson, with its photo."""
        events = DisseminationEvent.objects.filter(project=self.project).exclude(evidence_file="")
        return _first(events)

    @cached_property
    def transferred(self):
        """Egils's job shadowing in Espoo: what he changed in the school's placements."""
        return _first(
            Mobility.objects.filter(project=self.project, learning_transfer__isnull=False)
        )

    @cached_property
    def reduction(self):
        """Edgars's: his report and proof of attendance never came."""
        return _first(Reduction.objects.filter(mobility__project=self.project))


# Each page's route name and its arguments, from the demo data.
WORKSPACE = {
    "projects:home": lambda d: [],
    "projects:project_create": lambda d: [],
    "dashboard:project_detail": lambda d: [d.project.pk],
    "projects:project_edit": lambda d: [d.project.pk],
    "projects:plan_list": lambda d: [],
    "projects:plan_create": lambda d: [],
    "projects:plan_detail": lambda d: [d.plan.pk],
    "projects:plan_edit": lambda d: [d.plan.pk],
    "projects:goal_targets_edit": lambda d: [_first(d.plan.goals.all()).pk],
    "projects:partner_list": lambda d: [],
    "projects:partner_create": lambda d: [],
    "projects:partner_detail": lambda d: [d.partner.pk],
    "projects:partner_edit": lambda d: [d.partner.pk],
    "participants:participant_list": lambda d: [],
    "participants:participant_create": lambda d: [],
    "participants:participant_detail": lambda d: [d.learner.pk],
    "participants:participant_edit": lambda d: [d.learner.pk],
    "transfers:participant_import": lambda d: [],
    "transfers:partner_import": lambda d: [],
    "transfers:mobility_import": lambda d: [d.project.pk],
    "transfers:ols_import": lambda d: [d.project.pk],
    "transfers:beneficiary_module_compare": lambda d: [d.project.pk],
    "selection:selection_call_list": lambda d: [d.project.pk],
    "selection:selection_call_create": lambda d: [d.project.pk],
    "selection:selection_call_detail": lambda d: [d.call.pk],
    "selection:selection_call_edit": lambda d: [d.call.pk],
    "selection:selection_application_create": lambda d: [d.call.pk],
    "selection:selection_application_edit": lambda d: [d.application.pk],
    "selection:selection_application_score": lambda d: [d.application.pk],
    "selection:selection_call_decisions": lambda d: [d.decided_call.pk],
    "selection:selection_call_record": lambda d: [d.decided_call.pk],
    "selection:selection_call_publish_paper": lambda d: [d.paper_call.pk],
    "selection:selection_application_withdraw": lambda d: [d.selected_application.pk],
    "selection:selection_call_mobility_plan": lambda d: [d.decided_call.pk],
    "selection:selection_call_mobilities": lambda d: [d.decided_call.pk],
    "mobilities:mobility_list": lambda d: [d.project.pk],
    "mobilities:mobility_create": lambda d: [d.project.pk],
    "mobilities:group_create": lambda d: [d.project.pk],
    "mobilities:mobility_detail": lambda d: [d.mobility.pk],
    "mobilities:mobility_edit": lambda d: [d.mobility.pk],
    "mobilities:preparation_item_create": lambda d: [d.mobility.pk],
    "mobilities:preparation_item_edit": lambda d: [
        d.mobility.pk,
        _first(PreparationItem.objects.filter(mobility=d.mobility)).pk,
    ],
    "mobilities:group_detail": lambda d: [d.group.pk],
    "mobilities:group_edit": lambda d: [d.group.pk],
    "budget:project_budget": lambda d: [d.project.pk],
    "budget:rates": lambda d: [d.project.call_year],
    "finance:payment_list": lambda d: [d.project.pk],
    "finance:finance_overview": lambda d: [d.project.pk],
    "finance:finance_rules_edit": lambda d: [d.project.pk],
    "finance:final_figures": lambda d: [d.project.pk],
    "finance:cost_list": lambda d: [d.project.pk],
    "finance:cost_create": lambda d: [d.project.pk],
    "finance:cost_edit": lambda d: [d.cost.pk],
    "finance:mobility_money": lambda d: [d.reduction.mobility_id],
    "finance:transfer_create": lambda d: [d.open_payment.pk],
    "finance:reduction_create": lambda d: [d.reduction.mobility_id],
    "reporting:mobility_documents": lambda d: [d.mobility.pk],
    "reporting:mobility_grant_share": lambda d: [d.mobility.pk],
    "reporting:project_documents": lambda d: [d.project.pk],
    "reporting:project_grant_share": lambda d: [d.project.pk],
    "reporting:final_report": lambda d: [d.project.pk],
    "results:mobility_results": lambda d: [d.recognised.pk],
    "results:survey_overview": lambda d: [d.project.pk],
    "results:survey_question_create": lambda d: [d.project.pk, "after"],
    "results:survey_question_edit": lambda d: [d.survey_question.pk],
    "results:learning_transfer": lambda d: [d.transferred.pk],
    "results:dissemination_list": lambda d: [d.project.pk],
    "results:event_create": lambda d: [d.project.pk],
    "results:event_edit": lambda d: [d.dissemination_event.pk],
    "signing:agreement_countersign": lambda d: [d.open_agreement.pk],
    "password_change": lambda d: [],
    "password_change_done": lambda d: [],
    # Confirmations before destroying something.
    "projects:partner_delete": lambda d: [d.partner.pk],
    "participants:participant_delete": lambda d: [d.learner.pk],
    "mobilities:mobility_cancel": lambda d: [d.mobility.pk],
    "mobilities:mobility_file_delete": lambda d: [d.file.pk],
    "finance:transfer_delete": lambda d: [d.transfer.pk],
    "finance:reduction_delete": lambda d: [d.reduction.pk],
    "finance:cost_delete": lambda d: [d.cost.pk],
    "results:recognition_delete": lambda d: [d.recognised.pk],
    "results:survey_question_delete": lambda d: [d.survey_question.pk],
    "results:event_delete": lambda d: [d.dissemination_event.pk],
    "portal:file_request_withdraw": lambda d: [d.file_request.mobility_id, d.file_request.pk],
    # Data protection.
    "privacy:privacy_overview": lambda d: [],
    "privacy:privacy_access_log": lambda d: [d.project.organisation_id],
    "privacy:privacy_participant_access_log": lambda d: [d.learner.pk],
    "privacy:privacy_participant_erase": lambda d: [d.learner.pk],
    "privacy:privacy_retention": lambda d: [d.project.organisation_id],
}
PORTAL = {
    "portal:portal_home": lambda d: [],
    "portal:portal_mobility": lambda d: [d.martas_mobility.pk],
    "portal:portal_survey": lambda d: [d.martas_mobility.pk, "before"],
    "portal:portal_agreement": lambda d: [d.martas_agreement.pk],
    "portal:portal_password": lambda d: [],
    "privacy:privacy_portal_data": lambda d: [],
}
# What a guardian sees (Inga, the mother of the minor Evelīna).
GUARDIAN = {
    "portal:portal_home": lambda d: [],
    "portal:portal_agreement": lambda d: [d.minors_agreement.pk],
}
PUBLIC = {
    "login": lambda d: [],
    "password_reset": lambda d: [],
    "password_reset_done": lambda d: [],
}


def _pages(routes: dict, user: str | None) -> list[Page]:
    demo = Demo()
    return [Page(name, reverse(name, args=args(demo)), user) for name, args in routes.items()]


def workspace_pages() -> list[Page]:
    return _pages(WORKSPACE, "coordinator")


def portal_pages() -> list[Page]:
    return _pages(PORTAL, "marta")


def guardian_pages() -> list[Page]:
    return _pages(GUARDIAN, "inga")


def public_pages() -> list[Page]:
    return _pages(PUBLIC, None)


def every_page() -> list[Page]:
    return workspace_pages() + portal_pages() + guardian_pages() + public_pages()


def route_names() -> set[str]:
    """The names of the project's own routes (the admin's are Django's)."""
    names = set()

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    continue
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(namespace + pattern.name)

    walk(get_resolver().url_patterns)
    return names
