"""What every document and the participant's agreement must say: the EU emblem with
"Co-funded by the European Union" on every document, drawn by the portal itself, and the
agreement's clauses on early return and force majeure, insurance, data protection and the
applicable law, in Latvian and English."""

import re

import pytest

from reporting.emblem import HEIGHT, WIDTH, emblem_svg
from reporting.models import MOBILITY_KINDS, DocumentKind
from results.services import recognition_save
from tests import factories

from .test_documents import rendered_text

pytestmark = pytest.mark.django_db


def flat(text: str) -> str:
    return " ".join(text.split())


def test_the_emblem_is_twelve_gold_stars_on_blue_in_proportion_three_to_two():
    svg = emblem_svg()
    assert (WIDTH, HEIGHT) == (300, 200)
    assert svg.count("<polygon") == 12
    assert 'fill="#003399"' in svg and svg.count('fill="#FFCC00"') == 12
    # Nothing to fetch: no link, no image, no external reference.
    assert not re.search(r"href|<image|url\(", svg)


@pytest.mark.parametrize(
    ("language", "words"),
    [("lv", "Līdzfinansē Eiropas Savienība"), ("en", "Co-funded by the European Union")],
)
def test_every_document_carries_the_eu_visibility_line(project, host, language, words):
    mobility = factories.mobility(project, host=host, status="completed")
    # The transcript states the school's recognition decision.
    recognition_save(
        mobility=mobility,
        data={"decision": "none", "decided_on": mobility.end_date, "decided_by": "Inese Liepa"},
    )
    for kind in MOBILITY_KINDS:
        assert words in flat(rendered_text(project, kind, language, mobility)), kind
    assert words in flat(rendered_text(project, DocumentKind.FINAL_REPORT, language))


def test_the_english_agreement_states_the_clauses(project, host, settings):
    settings.AUDIT_RETENTION_YEARS = 7
    mobility = factories.mobility(project, host=host)
    text = flat(rendered_text(project, DocumentKind.GRANT_AGREEMENT, "en", mobility))
    for clause in (
        "Early return, interruption and force majeure",
        "the grant is reduced in proportion to the days actually spent",
        "the participant keeps the grant for the days spent",
        "European Health Insurance Card",
        "for damage caused to others during the whole mobility",
        "Regulation (EU) 2016/679",
        "7 years after the project's final report",
        "Data State Inspectorate",
        "This agreement is governed by the law of Latvia.",
        "signed and stamped by the host",
    ):
        assert clause in text, clause


def test_the_latvian_agreement_states_the_clauses(project, host):
    mobility = factories.mobility(project, host=host)
    text = flat(rendered_text(project, DocumentKind.GRANT_AGREEMENT, "lv", mobility))
    for clause in (
        "Priekšlaicīga atgriešanās, pārtraukšana un nepārvarama vara",
        "dotāciju samazina proporcionāli mobilitātē faktiski pavadītajām dienām",
        "Eiropas veselības apdrošināšanas karte",
        "Regulas (ES) 2016/679",
        "5 gadus pēc projekta noslēguma ziņojuma",
        "Datu valsts inspekcijā",
        "kurā atrodas nosūtošā organizācija (Latvija)",
    ):
        assert clause in text, clause


def test_the_agreement_names_the_hosts_address_the_venue_and_the_travel(project, host):
    host.address = "Carrer de Sant Vicent 12"
    host.save()
    mobility = factories.mobility(project, host=host, travel_days=2, green_travel=True)
    text = flat(rendered_text(project, DocumentKind.GRANT_AGREEMENT, "en", mobility))
    assert f"{host.name}, Carrer de Sant Vicent 12, {host.city}" in text
    assert f"Venue {mobility.destination_city}, {mobility.destination_country.name}" in text
    assert "including 2 travel days" in text
    assert "Green travel yes" in text and "Virtual component no" in text
