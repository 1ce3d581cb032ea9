"""Erasure of a person's data on request, and of a project's personal data when its
retention period ends: the scope and plan (scope.py), the words for what is removed and
kept (items.py), the writes (apply.py) and the deletion of append-only signatures once
the audit no longer needs them (purge.py). The services are in privacy.services."""

from .items import kept_text, removed_text
from .scope import AUDIT_FILE_KINDS, Plan, Scope, erasure_plan, erasure_scope, project_plan

__all__ = [
    "AUDIT_FILE_KINDS",
    "Plan",
    "Scope",
    "erasure_plan",
    "erasure_scope",
    "kept_text",
    "project_plan",
    "removed_text",
]
