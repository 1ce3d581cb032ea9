"""The data protection block of the coordinator's participant page."""

from django import template

from core import access

from ..selectors import erasures_of

register = template.Library()


@register.inclusion_tag("privacy/_participant_block.html", takes_context=True)
def participant_privacy(context, participant):
    """Coordinators of the participant's organisation only; one query (the last erasure)."""
    user = context["request"].user
    if not access.is_coordinator(user, participant.organisation_id):
        return {"shown": False}
    guardian = participant.guardian_name or participant.guardian_email or participant.guardian_phone
    return {
        "shown": True,
        "participant": participant,
        "has_guardian": bool(guardian),
        "last_erasure": erasures_of(participant.pk).first(),
    }
