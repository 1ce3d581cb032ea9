"""System checks: the fonts that documents embed must be installed."""

from django.core.checks import Warning, register

from .pdf import missing_fonts


@register()
def fonts_installed(app_configs, **kwargs):
    missing = missing_fonts()
    if not missing:
        return []
    return [
        Warning(
            "Fonts for generated documents are missing: " + ", ".join(map(str, missing)),
            hint="Install fonts-dejavu-core, or set PDF_FONT_DIR to a folder with "
            "DejaVuSans.ttf and DejaVuSans-Bold.ttf.",
            id="reporting.W001",
        )
    ]
