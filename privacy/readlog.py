"""The read log: every showing of sensitive personal data (participants.signals) becomes
SensitiveDataAccess rows, one per participant, written in one insert."""

from .models import SensitiveDataAccess

BATCH = 500


def _user_name(user) -> str:
    return user.get_username() if user is not None else ""


def sensitive_data_record(*, user, where: str, shown) -> list[SensitiveDataAccess]:
    """`shown`: (participant, kinds) pairs; participants need only pk and organisation_id."""
    user = user if user is not None and user.is_authenticated else None
    rows = [
        SensitiveDataAccess(
            organisation_id=participant.organisation_id,
            participant_id=participant.pk,
            user=user,
            user_name=_user_name(user),
            kinds=sorted(set(kinds)),
            where=where,
        )
        for participant, kinds in shown
        if kinds
    ]
    return SensitiveDataAccess.objects.bulk_create(rows, batch_size=BATCH)


def sensitive_data_shown_record(sender, *, user, where, shown, **kwargs) -> None:
    """Receiver of participants.signals.sensitive_data_shown."""
    sensitive_data_record(user=user, where=where, shown=shown)
