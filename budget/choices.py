"""Translated labels for the engine's codes, for models, forms and templates."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from budget.rules import Activity, Role


class BudgetCategory(models.TextChoices):
    TRAVEL = "travel", _("Travel")
    INDIVIDUAL_SUPPORT = "individual_support", _("Individual support")
    ORGANISATIONAL_SUPPORT = "organisational_support", _("Organisational support")
    INCLUSION_SUPPORT = "inclusion_support", _("Inclusion support")
    PREPARATORY_VISIT = "preparatory_visit", _("Preparatory visits")
    COURSE_FEES = "course_fees", _("Course fees")
    LINGUISTIC_SUPPORT = "linguistic_support", _("Linguistic support")
    EXCEPTIONAL_COSTS = "exceptional_costs", _("Exceptional costs")


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
