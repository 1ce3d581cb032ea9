from django import forms

from .validation import goal_problems


class MobilityGoalsFormMixin:
    """Goals are many-to-many, so the model's clean() cannot see them: the form checks
    that the mobility serves at least one goal of its project's Erasmus plan."""

    def clean(self):
        cleaned = super().clean()
        project = cleaned.get("project") or getattr(self.instance, "project", None)
        if project is not None and "goals" in self.fields:
            for field, message in goal_problems(project, list(cleaned.get("goals") or [])):
                self.add_error(field, message)
        return cleaned


class MobilityAdminForm(MobilityGoalsFormMixin, forms.ModelForm):
    """The admin builds the fields from its fieldsets."""
