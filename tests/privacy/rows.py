"""One row of each privacy model, for tests that walk every admin page."""

from datetime import date

from privacy.models import DataExport, Erasure, RetentionFlag, SensitiveDataAccess

# Evidence, written by the privacy services only: the admin reads them, adds none.
READ_ONLY_IN_ADMIN = {SensitiveDataAccess, DataExport, Erasure, RetentionFlag}


def privacy_rows(mobility) -> None:
    participant, project = mobility.participant, mobility.project
    organisation = project.organisation_id
    SensitiveDataAccess.objects.create(
        organisation_id=organisation,
        participant_id=participant.pk,
        kinds=["national_id"],
        where="participant_form",
    )
    DataExport.objects.create(
        organisation_id=organisation,
        participant_id=participant.pk,
        subject="participant",
        via="workspace",
        requested_by_name="alice",
        records=1,
        files=0,
        size=100,
    )
    Erasure.objects.create(
        organisation_id=organisation,
        participant_id=participant.pk + 1000,
        pseudonym="Erased participant #1001",
        cause="request",
        reason="Request.",
    )
    RetentionFlag.objects.create(project=project, retention_ended_on=date(2032, 10, 30))
