from django import forms
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from ..models import DocumentLanguage
from . import MAX_DRAWING_CHARS


class AgreementSendForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=DocumentLanguage.choices)


class SignForm(forms.Form):
    """The signer confirms the consent statement (shown as the checkbox's label), types
    their name and may draw a signature (filled in by static/js/signature-pad.js)."""

    consent = forms.BooleanField(
        required=True,
        error_messages={"required": _("Confirm the statement to sign.")},
    )
    typed_name = forms.CharField(label=_("Your full name"), max_length=200)
    drawn_signature = forms.CharField(
        required=False, widget=forms.HiddenInput, max_length=MAX_DRAWING_CHARS
    )
    document_sha256 = forms.CharField(widget=forms.HiddenInput, max_length=64)
    consent_version = forms.CharField(widget=forms.HiddenInput, max_length=20)

    def __init__(self, *args, consent_text: str = "", name_hint: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = consent_text
        # Django and crispy render help texts unescaped; the hint holds names from data.
        self.fields["typed_name"].help_text = escape(name_hint)
        self.fields["typed_name"].widget.attrs.update(
            {"autocomplete": "name", "autocapitalize": "words", "spellcheck": "false"}
        )

    def cleaned_data_for_service(self) -> dict:
        """What reporting.signing.agreement_sign takes from the form."""
        names = ("typed_name", "drawn_signature", "document_sha256", "consent_version")
        return {name: self.cleaned_data[name] for name in names}
