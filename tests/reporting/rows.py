"""One row of each reporting model, for tests that walk every admin page."""

from reporting import services
from reporting.models import FinalReportAnswer, GrantAgreementTerms, LearningAgreementDetails


def reporting_rows(mobility) -> None:
    project = mobility.project
    GrantAgreementTerms.objects.create(project=project)
    LearningAgreementDetails.objects.create(mobility=mobility, learning_outcomes="Vienība 1")
    FinalReportAnswer.objects.create(project=project, section="goals", text="Sasniegti.")
    services.document_batch_request(project=project, kind="grant_agreement", language="lv")
