from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _


class ImportUploadForm(forms.Form):
    """The file to import and, for participants and partners, the organisation it is
    for (not asked when the user coordinates only one)."""

    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    # The choices are the `organisations` the form is given.
    organisation: "forms.ModelChoiceField[Model]" = forms.ModelChoiceField(
        label=_("Organisation"), queryset=None, required=False
    )

    def __init__(
        self, *args: Any, organisations: QuerySet[Model] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        if organisations is None:
            del self.fields["organisation"]
            return
        assert isinstance(field, forms.ModelChoiceField)  # as declared above
        field.queryset = organisations
        field.required = True
        only = list(organisations[:2])
        if len(only) == 1:
            # The only choice: not asked, and not taken from the request either.
            field.initial = only[0].pk
            field.disabled = True
            field.widget = forms.HiddenInput()

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        limit = settings.IMPORT_MAX_BYTES
        # Only a file built without a size has none; read_dataset checks the bytes again.
        if upload.size is not None and upload.size > limit:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s MB: split it into smaller files.")
                % {"limit": limit // (1024 * 1024)}
            )
        return upload
