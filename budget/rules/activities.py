"""The ten KA121-VET activity types and the duration each allows.

Pure data: the web, the admin, the importer and the command line all read durations
from here, so a change in the Programme Guide is made in one place.
"""

from dataclasses import dataclass
from enum import StrEnum


class Activity(StrEnum):
    LEARNER_SKILLS_COMPETITION = "learner_skills_competition"
    LEARNER_GROUP = "learner_group"
    LEARNER_SHORT_TERM = "learner_short_term"
    LEARNER_ERASMUSPRO = "learner_erasmuspro"
    STAFF_JOB_SHADOWING = "staff_job_shadowing"
    STAFF_TEACHING = "staff_teaching"
    STAFF_COURSE = "staff_course"
    INVITED_EXPERT = "invited_expert"
    HOSTED_TEACHER = "hosted_teacher"
    PREPARATORY_VISIT = "preparatory_visit"


class Role(StrEnum):
    PARTICIPANT = "participant"
    ACCOMPANYING_PERSON = "accompanying_person"


class Audience(StrEnum):
    """Who takes part in an activity, which decides the rates and who may be sent."""

    LEARNER = "learner"
    STAFF = "staff"
    INCOMING = "incoming"


@dataclass(frozen=True)
class ActivitySpec:
    activity: Activity
    audience: Audience
    min_days: int | None
    max_days: int | None
    # Short-term learner mobility may be 2-9 days for participants with fewer
    # opportunities, with a recorded justification.
    reduced_min_days: int | None = None
    # Incoming activities take place at the beneficiary, not abroad.
    incoming: bool = False
    # Allowed in third countries not associated to the Programme.
    third_country_allowed: bool = False


ACTIVITY_SPECS: dict[Activity, ActivitySpec] = {
    spec.activity: spec
    for spec in (
        ActivitySpec(
            Activity.LEARNER_SKILLS_COMPETITION,
            Audience.LEARNER,
            1,
            10,
            third_country_allowed=True,
        ),
        ActivitySpec(Activity.LEARNER_GROUP, Audience.LEARNER, 2, 30),
        ActivitySpec(
            Activity.LEARNER_SHORT_TERM,
            Audience.LEARNER,
            10,
            89,
            reduced_min_days=2,
            third_country_allowed=True,
        ),
        ActivitySpec(
            Activity.LEARNER_ERASMUSPRO, Audience.LEARNER, 90, 365, third_country_allowed=True
        ),
        ActivitySpec(
            Activity.STAFF_JOB_SHADOWING, Audience.STAFF, 2, 60, third_country_allowed=True
        ),
        ActivitySpec(Activity.STAFF_TEACHING, Audience.STAFF, 2, 365, third_country_allowed=True),
        ActivitySpec(Activity.STAFF_COURSE, Audience.STAFF, 2, 10),
        ActivitySpec(Activity.INVITED_EXPERT, Audience.INCOMING, 2, 60, incoming=True),
        ActivitySpec(Activity.HOSTED_TEACHER, Audience.INCOMING, 10, 365, incoming=True),
        # A preparatory visit has no duration range in the Programme Guide.
        ActivitySpec(Activity.PREPARATORY_VISIT, Audience.STAFF, None, None),
    )
}


def spec_for(activity: str) -> ActivitySpec:
    """The spec of an activity code; ValueError for an unknown code."""
    return ACTIVITY_SPECS[Activity(activity)]
