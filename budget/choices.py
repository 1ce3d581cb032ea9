"""Translated labels for the engine's codes, for models, forms and templates."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from budget.rules import Activity, Role, share
from budget.rules.categories import LABELS
from budget.rules.categories import BudgetCategory as Category

# The engine's categories (budget/rules/categories.py), in the grant agreement's order,
# with their labels translated when shown. Built from the engine's enum, never listed
# again here: a category added there is a choice here. (django-stubs types a call of
# TextChoices as looking a member up, not as Enum's functional API that builds a class.)
BudgetCategory: type[models.TextChoices] = models.TextChoices(  # type: ignore[call-overload]
    "BudgetCategory",
    [(category.name, (category.value, _(LABELS[category]))) for category in Category],
    module=__name__,
)


class ActivityType(models.TextChoices):
    LEARNER_SKILLS_COMPETITION = (
        Activity.LEARNER_SKILLS_COMPETITION,
        _("Participation in VET skills competitions"),
    )
    LEARNER_GROUP = Activity.LEARNER_GROUP, _("Group mobility of VET learners")
    LEARNER_SHORT_TERM = Activity.LEARNER_SHORT_TERM, _("Short-term learning mobility of learners")
    LEARNER_ERASMUSPRO = Activity.LEARNER_ERASMUSPRO, _("Long-term learning mobility (ErasmusPro)")
    STAFF_JOB_SHADOWING = Activity.STAFF_JOB_SHADOWING, _("Job shadowing")
    STAFF_TEACHING = Activity.STAFF_TEACHING, _("Teaching or training assignment")
    STAFF_COURSE = Activity.STAFF_COURSE, _("Courses and training")
    INVITED_EXPERT = Activity.INVITED_EXPERT, _("Invited expert")
    HOSTED_TEACHER = Activity.HOSTED_TEACHER, _("Hosting teachers and educators in training")
    PREPARATORY_VISIT = Activity.PREPARATORY_VISIT, _("Preparatory visit")


class MobilityRole(models.TextChoices):
    PARTICIPANT = Role.PARTICIPANT, _("Participant")
    ACCOMPANYING_PERSON = Role.ACCOMPANYING_PERSON, _("Accompanying person")


class ShareHead(models.TextChoices):
    """The parts of a grant whose handling an agreement states (budget/rules/share.py)."""

    TRAVEL = share.ShareHead.TRAVEL, _("Travel")
    INDIVIDUAL_SUPPORT = share.ShareHead.INDIVIDUAL_SUPPORT, _("Individual support")
    ORGANISATIONAL_SUPPORT = share.ShareHead.ORGANISATIONAL_SUPPORT, _("Organisational support")
    ORGANISATION_INCLUSION = (
        share.ShareHead.ORGANISATION_INCLUSION,
        _("Inclusion support for the organisation"),
    )
    INCLUSION_REAL_COSTS = share.ShareHead.INCLUSION_REAL_COSTS, _("Inclusion support, real costs")
    PREPARATORY_VISIT = share.ShareHead.PREPARATORY_VISIT, _("Preparatory visits")
    COURSE_FEES = share.ShareHead.COURSE_FEES, _("Course fees")
    LINGUISTIC_SUPPORT = share.ShareHead.LINGUISTIC_SUPPORT, _("Linguistic support")
    EXCEPTIONAL_COSTS = share.ShareHead.EXCEPTIONAL_COSTS, _("Exceptional costs")


class Handling(models.TextChoices):
    PAID = share.Handling.PAID, _("Paid to the participant")
    IN_KIND = share.Handling.IN_KIND, _("Provided in kind")
    KEPT = share.Handling.KEPT, _("Kept by the organisation")
