"""A person's identity numbers: the Latvian personal code (personas kods) and the IBAN of a
bank account, checked and written one way.

A Latvian personal code has 11 digits, written DDMMYY-CNNNN (old format: the date of
birth, C the century, 0 for the 1800s, 1 for the 1900s, 2 for the 2000s) or 32NNNN-NNNNN
(issued since 1 July 2017, no date). Its last digit is a check digit: with the weights
1, 6, 3, 7, 9, 10, 5, 8, 4, 2 over the first ten digits, (1101 - sum) % 11 is the last
digit (a result of 10 is never issued).

An IBAN is the country code, two check digits and the account, its length fixed by the
country; moved the first four characters to the end and letters to numbers (A = 10 ...
Z = 35), it leaves 1 divided by 97 (ISO 13616)."""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

WEIGHTS = (1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
LATVIAN_SHAPE = re.compile(r"^(\d{6})-?(\d{5})$")
CENTURIES = {"0": 1800, "1": 1900, "2": 2000}

# The length of an IBAN in each country of the IBAN registry (ISO 13616).
IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22,
    "BH": 22, "BI": 27, "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24,
    "DE": 22, "DJ": 27, "DK": 18, "DO": 28, "EE": 20, "EG": 29, "ES": 24, "FI": 18,
    "FK": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27,
    "GT": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27,
    "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20,
    "LV": 21, "LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MN": 20, "MR": 27,
    "MT": 31, "MU": 30, "NI": 28, "NL": 18, "NO": 15, "OM": 23, "PK": 24, "PL": 28,
    "PS": 29, "QA": 29, "RO": 24, "RS": 22, "RU": 33, "SA": 24, "SC": 31, "SD": 18,
    "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25, "SV": 28, "TL": 23,
    "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20, "YE": 30,
}  # fmt: skip


# Latvian personal codes


def has_latvian_shape(value: str) -> bool:
    return bool(LATVIAN_SHAPE.match(value.strip()))


def personal_code_check_digit(first_ten: str) -> int:
    """The check digit of a personal code's first ten digits (10: no valid code has them)."""
    total = sum(int(digit) * weight for digit, weight in zip(first_ten, WEIGHTS, strict=True))
    return (1101 - total) % 11


def _birth_date(digits: str) -> date | None:
    century = CENTURIES.get(digits[6])
    if century is None:
        return None
    try:
        return date(century + int(digits[4:6]), int(digits[2:4]), int(digits[0:2]))
    except ValueError:
        return None


def latvian_personal_code(value: str) -> str:
    """`value` as a Latvian personal code, DDMMYY-NNNNN; ValidationError saying which rule
    it breaks."""
    match = LATVIAN_SHAPE.match(value.strip())
    if not match:
        raise ValidationError(
            _("A Latvian personal code has 11 digits, written DDMMYY-NNNNN (e.g. 140507-21234).")
        )
    digits = match[1] + match[2]
    if not digits.startswith("32") and _birth_date(digits) is None:
        raise ValidationError(
            _(
                "The personal code does not start with a valid date of birth (DDMMYY and the "
                "century digit 0, 1 or 2), nor with 32 as codes issued since 2017 do."
            )
        )
    if personal_code_check_digit(digits[:10]) != int(digits[10]):
        raise ValidationError(
            _("The personal code's last digit does not match its check digit: check for a typo.")
        )
    return f"{digits[:6]}-{digits[6:]}"


def personal_code_for(born: date, serial: int) -> str:
    """A valid old-format personal code for someone born on `born` (demo data and tests):
    the first serial from `serial` on whose check digit exists."""
    century = {1800: "0", 1900: "1", 2000: "2"}[born.year // 100 * 100]
    for number in range(serial, serial + 20):
        first_ten = f"{born:%d%m%y}{century}{number % 1000:03d}"
        check = personal_code_check_digit(first_ten)
        if check < 10:
            return f"{first_ten[:6]}-{first_ten[6:]}{check}"
    raise AssertionError("unreachable: one of 11 serials in a row has a check digit")


# IBANs


def compact_iban(value: str) -> str:
    return re.sub(r"[\s-]", "", value).upper()


def _iban_remainder(iban: str) -> int:
    rearranged = iban[4:] + iban[:4]
    return int("".join(str(int(char, 36)) for char in rearranged)) % 97


def iban(value: str) -> str:
    """`value` as an IBAN without spaces, upper case; ValidationError saying which rule it
    breaks."""
    compact = compact_iban(value)
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]+", compact):
        raise ValidationError(
            _(
                "An IBAN starts with the country code and two check digits, then the account "
                "in letters and digits (e.g. LV80 BANK 0000 4351 9500 1)."
            )
        )
    country = compact[:2]
    length = IBAN_LENGTHS.get(country)
    if length is None:
        raise ValidationError(
            _("%(country)s is not a country code of the IBAN registry.") % {"country": country}
        )
    if len(compact) != length:
        raise ValidationError(
            _("An IBAN of %(country)s has the length %(length)d; this one has %(given)d.")
            % {"country": country, "length": length, "given": len(compact)}
        )
    if _iban_remainder(compact) != 1:
        raise ValidationError(
            _("The IBAN's check digits do not match the account: check for a typo.")
        )
    return compact


def iban_for(country: str, account: str) -> str:
    """The IBAN of `account` in `country`, its check digits computed (demo data, tests)."""
    check = 98 - _iban_remainder(f"{country}00{account}")
    return f"{country}{check:02d}{account}"


def grouped_iban(value: str) -> str:
    """An IBAN in groups of four, as printed: LV80 BANK 0000 4351 9500 1."""
    return " ".join(value[i : i + 4] for i in range(0, len(value), 4))
