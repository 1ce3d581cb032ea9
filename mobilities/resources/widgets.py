"""How a mobility row's cells name other records: participants by e-mail or national ID,
partners by OID or name, groups by name, projects by grant agreement number and Erasmus
plan goals by number ("1;3"), and the money columns."""

from core.transfer import Column
from core.transfer.values import DecimalWidget, TextWidget
from participants.models import Participant
from projects.models import PartnerOrganisation, Project

from ..models import MobilityGroup


class ParticipantWidget(TextWidget):
    def render(self, value, obj=None, **kwargs):
        if isinstance(value, Participant):
            return value.email or value.national_id
        return super().render(value)


class PartnerWidget(TextWidget):
    def render(self, value, obj=None, **kwargs):
        if isinstance(value, PartnerOrganisation):
            return value.oid or value.name
        return super().render(value)


class GroupWidget(TextWidget):
    def render(self, value, obj=None, **kwargs):
        return value.name if isinstance(value, MobilityGroup) else super().render(value)


class ProjectWidget(TextWidget):
    def render(self, value, obj=None, **kwargs):
        if isinstance(value, Project):
            return value.grant_agreement_number
        return super().render(value)


class GoalsWidget(TextWidget):
    def render(self, value, obj=None, **kwargs):
        if isinstance(value, str):
            return value
        return ";".join(str(n) for n in sorted(goal.number for goal in value or []))


class GoalsColumn(Column):
    """The goals a row sets are kept on the mobility until the service saves them."""

    def get_value(self, instance):
        if hasattr(instance, "_import_goals"):
            return instance._import_goals
        return list(instance.goals.all()) if instance.pk else []

    def assign(self, instance, value) -> None:
        instance._import_goals = value


def money(attribute, en, lv):
    return Column(attribute, en, lv, DecimalWidget())
