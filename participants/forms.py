from django import forms
from django.utils.translation import gettext_lazy as _

from .models import FewerOpportunitiesCategory


def categories_field() -> forms.MultipleChoiceField:
    """The fewer-opportunities categories as checkboxes, stored as a JSON list."""
    return forms.MultipleChoiceField(
        label=_("fewer-opportunities categories"),
        choices=FewerOpportunitiesCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
