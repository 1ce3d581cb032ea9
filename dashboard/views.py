"""The project's page: its dashboard, cached per project version."""

from django.contrib.auth.decorators import login_required
from django.utils import timezone

from core import access
from core.page_cache import cached_project_page
from projects import selectors

from .dashboard import dashboard_html


@login_required
def project_detail(request, pk: int):
    # The cached page needs only the project's version; the rest is read on a miss.
    cached = selectors.project_version_get(request.user, pk)
    if refused := access.read_only(request):
        return refused

    def context():
        project = selectors.project_get(request.user, pk)
        return {
            "project": project,
            "is_coordinator": access.is_coordinator(request.user, project.organisation_id),
            "dashboard_body": dashboard_html(project, timezone.localdate()),
        }

    return cached_project_page(
        request, "dashboard", cached, "projects/project_detail.html", context
    )
