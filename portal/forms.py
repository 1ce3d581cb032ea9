from django import forms
from django.contrib.auth.forms import SetPasswordForm
from django.utils.translation import gettext_lazy as _

from participants.models import FileRequest, PortalRole


class InvitationPasswordForm(SetPasswordForm):
    """The new account's password, checked by the password validators against the
    (possibly unsaved) user it will belong to."""


class PortalInviteForm(forms.Form):
    role = forms.ChoiceField(choices=PortalRole.choices)


class FileRequestForm(forms.ModelForm):
    class Meta:
        model = FileRequest
        fields = ["kind", "note"]


class PortalUploadForm(forms.Form):
    file = forms.FileField(label=_("File (PDF, JPEG or PNG)"))
