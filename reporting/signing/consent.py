"""The consent statements a signer confirms before signing a grant agreement.

They are versioned constants, not translated messages: a signature event records the
version, the language and the SHA-256 of the exact text the signer confirmed, so a text is
never changed once it has been used. To change one, add a new version and make it current;
old versions stay here so that every recorded hash can still be checked against its text.
"""

import hashlib
from dataclasses import dataclass

from ..models import SignerRole

CURRENT_VERSION = "2026.3"

TEXTS = {
    "2026.1": {
        SignerRole.PARTICIPANT: {
            "en": (
                "I have read the whole grant agreement shown above (version {version}, "
                "SHA-256 {sha256}). I agree to its terms and sign it electronically. I "
                "understand that my typed name, my drawn signature (if any) and this record "
                "of my signature have the same effect as my handwritten signature."
            ),
            "lv": (
                "Esmu izlasījis(-usi) visu augstāk parādīto dotācijas līgumu (versija "
                "{version}, SHA-256 {sha256}). Piekrītu tā noteikumiem un parakstu to "
                "elektroniski. Saprotu, ka mans ierakstītais vārds un uzvārds, mans zīmētais "
                "paraksts (ja ir) un šis paraksta ieraksts ir līdzvērtīgi manam "
                "pašrocīgajam parakstam."
            ),
        },
        SignerRole.GUARDIAN: {
            "en": (
                "I am the parent or legal guardian of {participant}. I have read the whole "
                "grant agreement shown above (version {version}, SHA-256 {sha256}), I consent "
                "to {participant} taking part in the mobility on its terms and I sign it "
                "electronically as their legal representative. My typed name, my drawn "
                "signature (if any) and this record have the same effect as my handwritten "
                "signature."
            ),
            "lv": (
                "Esmu {participant} vecāks vai likumiskais pārstāvis. Esmu izlasījis(-usi) visu "
                "augstāk parādīto dotācijas līgumu (versija {version}, SHA-256 {sha256}), "
                "piekrītu, ka {participant} piedalās mobilitātē ar tā noteikumiem, un parakstu "
                "to elektroniski kā likumiskais pārstāvis. Mans ierakstītais vārds un "
                "uzvārds, mans zīmētais paraksts (ja ir) un šis ieraksts ir līdzvērtīgi manam "
                "pašrocīgajam parakstam."
            ),
        },
        SignerRole.ORGANISATION: {
            "en": (
                "I sign the grant agreement shown above (version {version}, SHA-256 "
                "{sha256}) electronically for {organisation}, which I am authorised to "
                "represent. The agreement is concluded when this signature is recorded."
            ),
            "lv": (
                "Es elektroniski parakstu augstāk parādīto dotācijas līgumu (versija "
                "{version}, SHA-256 {sha256}) organizācijas {organisation} vārdā, kuru esmu "
                "pilnvarots(-a) pārstāvēt. Līgums ir noslēgts, kad šis paraksts ir reģistrēts."
            ),
        },
    },
    # The agreement's text is on the signing page (phones included), and the PDF is
    # linked; the Latvian texts avoid gendered participles, and the guardian's reads as
    # a legal representative's statement.
    "2026.2": {
        SignerRole.PARTICIPANT: {
            "en": (
                "I have read the whole grant agreement (version {version}, SHA-256 "
                "{sha256}) on this page or as its PDF. I agree to its terms and sign it "
                "electronically. I understand that my typed name, my drawn signature (if "
                "any) and this record of my signature have the same effect as my "
                "handwritten signature."
            ),
            "lv": (
                "Es pilnībā izlasīju dotācijas līgumu (versija {version}, SHA-256 "
                "{sha256}) šajā lapā vai tā PDF failā. Piekrītu tā noteikumiem un parakstu "
                "to elektroniski. Saprotu, ka mans ierakstītais vārds un uzvārds, mans "
                "zīmētais paraksts (ja tāds ir) un šis paraksta ieraksts ir līdzvērtīgi "
                "manam pašrocīgajam parakstam."
            ),
        },
        SignerRole.GUARDIAN: {
            "en": (
                "I, {guardian}, as the legal representative of the minor participant "
                "{participant}, have read the whole grant agreement (version {version}, "
                "SHA-256 {sha256}) on this page or as its PDF. I consent to {participant} "
                "taking part in the mobility on its terms and sign it electronically as "
                "the participant's legal representative. My typed name, my drawn "
                "signature (if any) and this record have the same effect as my "
                "handwritten signature."
            ),
            "lv": (
                "Es, {guardian}, kā nepilngadīgā dalībnieka ({participant}) likumiskais "
                "pārstāvis, pilnībā izlasīju dotācijas līgumu (versija {version}, SHA-256 "
                "{sha256}) šajā lapā vai tā PDF failā. Piekrītu, ka {participant} "
                "piedalās mobilitātē ar šī līguma noteikumiem, un parakstu līgumu "
                "elektroniski kā dalībnieka likumiskais pārstāvis. Mans ierakstītais vārds "
                "un uzvārds, mans zīmētais paraksts (ja tāds ir) un šis ieraksts ir "
                "līdzvērtīgi manam pašrocīgajam parakstam."
            ),
        },
        SignerRole.ORGANISATION: {
            "en": (
                "I sign the grant agreement (version {version}, SHA-256 {sha256}), as "
                "shown on this page and in its PDF, electronically for {organisation}, "
                "which I am authorised to represent. The agreement is concluded when this "
                "signature is recorded."
            ),
            "lv": (
                "Es elektroniski parakstu dotācijas līgumu (versija {version}, SHA-256 "
                "{sha256}), kas parādīts šajā lapā un tā PDF failā, organizācijas "
                "{organisation} vārdā; man ir tiesības to pārstāvēt. Līgums ir noslēgts, "
                "kad šis paraksts ir reģistrēts."
            ),
        },
    },
}
TEXTS_2026_2 = TEXTS["2026.2"]
TEXTS |= {
    # The guardian's statement names both people as a Latvian legal representative's
    # does ("Es, …, kā dalībnieka … likumiskais pārstāvis"); the others are 2026.2's.
    "2026.3": {
        SignerRole.PARTICIPANT: TEXTS_2026_2[SignerRole.PARTICIPANT],
        SignerRole.GUARDIAN: {
            "en": (
                "I, {guardian}, as the legal representative of {participant}, a minor, "
                "have read the whole grant agreement (version {version}, SHA-256 {sha256}) "
                "on this page or as its PDF. I consent to {participant} taking part in the "
                "mobility on its terms and sign it electronically on their behalf. My "
                "typed name, my drawn signature (if any) and this record have the same "
                "effect as my handwritten signature."
            ),
            "lv": (
                "Es, {guardian}, kā nepilngadīgā dalībnieka {participant} likumiskais "
                "pārstāvis, pilnībā izlasīju dotācijas līgumu (versija {version}, SHA-256 "
                "{sha256}) šajā lapā vai tā PDF failā. Piekrītu, ka {participant} "
                "piedalās mobilitātē ar šī līguma noteikumiem, un dalībnieka vārdā "
                "parakstu līgumu elektroniski. Mans ierakstītais vārds un uzvārds, mans "
                "zīmētais paraksts (ja tāds ir) un šis ieraksts ir līdzvērtīgi manam "
                "pašrocīgajam parakstam."
            ),
        },
        SignerRole.ORGANISATION: TEXTS_2026_2[SignerRole.ORGANISATION],
    },
}


@dataclass(frozen=True)
class Consent:
    version: str
    language: str
    text: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def consent_for(agreement, role: str, language: str, version: str = CURRENT_VERSION) -> Consent:
    """The exact statement `role` confirms for `agreement`, in `language` (lv or en)."""
    language = language if language in ("lv", "en") else "en"
    template = TEXTS[version][role][language]
    text = template.format(
        version=agreement.number,
        sha256=agreement.frozen_sha256,
        participant=agreement.participant_name,
        guardian=agreement.guardian_name,
        organisation=agreement.mobility.project.organisation.legal_name,
    )
    return Consent(version, language, text)
