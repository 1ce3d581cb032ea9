"""Latvian dates as schools write them: 01.06.2026. (Django's other Latvian formats apply
for everything not set here.)"""

SHORT_DATE_FORMAT = "d.m.Y."
SHORT_DATETIME_FORMAT = "d.m.Y. H:i"
# The first is how forms show a date; the others are read too.
DATE_INPUT_FORMATS = ["%d.%m.%Y.", "%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y"]
