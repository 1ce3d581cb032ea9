"""A service changes only the fields it names (core/services.py)."""

import pytest

from core.services import editable_fields, model_update
from mobilities.models import Mobility
from participants.models import Participant


def test_it_sets_the_named_fields_and_says_which_changed(school):
    participant = Participant(organisation=school, first_name="Anna", last_name="Ozola")
    changed = model_update(
        instance=participant,
        fields={"first_name", "last_name"},
        data={"first_name": "Anna", "last_name": "Kalniņa"},
    )
    assert changed == ["last_name"]
    assert participant.last_name == "Kalniņa"


def test_it_refuses_a_field_the_service_does_not_change(school):
    participant = Participant(organisation=school, first_name="Anna")
    with pytest.raises(ValueError, match="Participant cannot change organisation"):
        model_update(instance=participant, fields={"first_name"}, data={"organisation": None})
    assert participant.organisation == school


def test_it_sets_a_relation_not_set_before(school):
    participant = Participant()
    assert model_update(
        instance=participant, fields={"organisation"}, data={"organisation": school}
    )
    assert participant.organisation == school


def test_editable_fields_leave_out_the_key_the_owner_and_relations_set_apart():
    fields = editable_fields(Mobility, exclude={"project", "number"})
    assert {"start_date", "status", "participant"} <= fields
    assert not {"id", "project", "number", "goals"} & fields
