"""A new personal field or model cannot be forgotten silently: every model that refers to a
participant (directly, or through a model that does) is in privacy.inventory, every field
of each is classified, and the export and erasure follow the inventory."""

from pathlib import Path

from django.apps import apps
from django.conf import settings

from privacy.inventory import BY_LABEL, ERASE, HOLDINGS, NOT_HELD, WITH_HISTORY, fields_of

DOMAIN_APPS = ("projects", "participants", "mobilities", "reporting", "budget")


def models_reaching_participants() -> set[str]:
    """Labels of the models with a foreign key to a participant, or to such a model."""
    reached = {"participants.Participant"}
    changed = True
    while changed:
        changed = False
        for model in apps.get_models():
            label = model._meta.label
            if label in reached:
                continue
            targets = {
                f.related_model._meta.label for f in model._meta.concrete_fields if f.is_relation
            }
            if targets & reached:
                reached.add(label)
                changed = True
    return reached


def test_every_model_that_refers_to_a_participant_is_in_the_inventory():
    missing = models_reaching_participants() - set(BY_LABEL) - set(NOT_HELD)
    assert not missing, f"Classify these in privacy/inventory.py: {sorted(missing)}"


def test_the_walk_finds_the_models_it_should():
    reached = models_reaching_participants()
    assert {"reporting.SignatureEvent", "participants.SelectionScore", "budget.MobilityGrant"} <= (
        reached
    )


def test_every_field_of_a_listed_model_is_classified():
    for holding in HOLDINGS:
        model = apps.get_model(holding.label)
        fields = {f.name for f in model._meta.concrete_fields}
        assert set(holding.fields) == fields, holding.label
        assert set(holding.not_exported) <= fields, holding.label


def test_the_history_models_have_the_fields_an_erasure_empties():
    for label in WITH_HISTORY:
        model = apps.get_model(label)
        history = {f.name for f in model.history.model._meta.concrete_fields}
        assert set(fields_of(label, ERASE)) <= history, label


def test_no_domain_app_imports_the_privacy_app():
    base = Path(settings.BASE_DIR)
    offenders = [
        str(path.relative_to(base))
        for app in DOMAIN_APPS
        for path in (base / app).rglob("*.py")
        if "import privacy" in path.read_text() or "from privacy" in path.read_text()
    ]
    assert offenders == []
