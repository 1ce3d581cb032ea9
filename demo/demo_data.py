"""The demo school: Vidzemes Tehnoloģiju un dizaina tehnikums in Cēsis, its Erasmus plan
(the eight goals of its work plan), partners abroad, participants and a 2026 KA121
project with mobilities of every activity type. Names and numbers are fictional."""

from datetime import UTC, date, datetime
from decimal import Decimal

ORGANISATION = {
    "oid": "E10012345",
    "legal_name": "Vidzemes Tehnoloģiju un dizaina tehnikums",
    "registration_number": "90000012345",
    "country": "LV",
    "city": "Cēsis",
    "address": "Piebalgas iela 3, Cēsis, LV-4101",
    "accreditation_code": "2020-1-LV01-KA120-VET-000012345",
    "accreditation_valid_from": date(2021, 3, 1),
    "accreditation_valid_until": date(2027, 12, 31),
}

PLAN = {"title": "Erasmus plāns 2024–2027", "start_year": 2024, "end_year": 2027}

# (number, title, description, [(indicator, target, unit, year, measure, achieved)])
GOALS = [
    (
        1,
        "Starptautiskā dimensija mācību vidē",
        "Tehnikuma vide ir tāda, kur katram izglītojamajam ir iespēja mācīties sadarbības "
        "prasmes un starptautisko dimensiju, izmantojot pedagogu mācību metodes un piedaloties "
        "Erasmus+ projektos.",
        [
            ("Izglītojamie mobilitātēs", 30, "personas", 2026, "learners", None),
            # Computed from the results recorded: recognition decisions, questionnaires.
            ("Izglītojamie, kuru mobilitāte atzīta", 100, "%", 2026, "recognised", None),
            ("Dalībnieki, kas apmierināti ar mobilitāti", 90, "%", 2026, "satisfied", None),
        ],
    ),
    (
        2,
        "Nodarbinātība un karjeras iespējas",
        "Audzēkņu skaits pieaug, pateicoties nodarbinātības un karjeras iespējām pēc "
        "absolvēšanas un prakšu laikā, sevišķi Erasmus+ dalībniekiem.",
        [
            (
                "Absolventi, kas strādā nozarē 6 mēnešus pēc mobilitātes",
                70,
                "%",
                2027,
                "manual",
                None,
            )
        ],
    ),
    (
        3,
        "Tālākizglītība un svešvalodu prasmes",
        "Lielākā daļa izglītojamo turpina formālo vai neformālo izglītību pēc mobilitātes; "
        "uzlabojušās svešvalodu prasmes paver iespējas mācīties starptautiskā vidē.",
        [
            (
                "Dalībnieki, kuru valodas līmenis OLS uzlabojies",
                60,
                "%",
                2026,
                "ols_level_rose",
                None,
            )
        ],
    ),
    (
        4,
        "Mūsdienīgas mācību metodes un iekļaušana",
        "Mācībspēki īsteno dinamiskas, mūsdienīgas un atvērtas metodes, dodot iespēju "
        "mobilitātēs piedalīties arī izglītojamajiem ar mazākām iespējām.",
        [
            ("Pedagogi mobilitātēs", 10, "personas", 2026, "staff", None),
            ("Pedagogi, kas ieviesa jauno darbā", 5, "personas", 2026, "learning_transfer", None),
            (
                "Dalībnieki ar ierobežotām iespējām",
                5,
                "personas",
                2026,
                "fewer_opportunities",
                None,
            ),
        ],
    ),
    (
        5,
        "Uzņēmējdarbības gars un līdzdalība",
        "Izglītojamajiem piemīt uzņēmējdarbības gars, iniciatīva un aktīva līdzdalība sabiedrībā.",
        [("Dalība profesionālās meistarības konkursos", 2, "personas", 2026, "learners", None)],
    ),
    (
        6,
        "Eiropas vērtības un projektu iniciatīva",
        "Izglītojamie un mācībspēki izprot Eiropas projektu un ES vērtības un iesaistās "
        "projektos gan kā partneri, gan iniciatori.",
        [("Jauni sadarbības partneri", 3, "organizācijas", 2027, "manual", 1)],
    ),
    (
        7,
        "ECVET principi izglītības programmās",
        "Tehnikumā ieviesti ECVET principi: mobilitātēs sasniegtie mācīšanās rezultāti tiek "
        "atzīti izglītības programmās.",
        [("Mobilitātes ar atzītiem mācīšanās rezultātiem", 100, "%", 2027, "manual", None)],
    ),
    (
        8,
        "Pieaugušo izglītības piedāvājums",
        "Paplašināta izglītības programmu piedāvājums pieaugušo izglītībā.",
        [("Jaunas pieaugušo izglītības programmas", 2, "programmas", 2027, "manual", None)],
    ),
]

PROJECT = {
    "grant_agreement_number": "2026-1-LV01-KA121-VET-000123456",
    "call_year": 2026,
    "start_date": date(2026, 6, 1),
    "end_date": date(2027, 8, 31),
    "status": "ongoing",
}

AWARDED = {
    "travel": Decimal("19800.00"),
    "individual_support": Decimal("96500.00"),
    "organisational_support": Decimal("11950.00"),
    "inclusion_support": Decimal("1500.00"),
    "preparatory_visit": Decimal("1360.00"),
    # Fewer course days than the plan asks: the final figures move money into course fees.
    "course_fees": Decimal("640.00"),
    "linguistic_support": Decimal("900.00"),
    "exceptional_costs": Decimal("600.00"),
}

# key: name, kind, country, city, oid, contact, mou_status, mou_signed_on
PARTNERS = {
    "valencia": (
        "CIPFP Ciutat de València",
        "host_vet_provider",
        "ES",
        "Valencia",
        "E10200001",
        "Lucía Martínez",
        "signed",
        date(2026, 4, 20),
    ),
    "leipzig": (
        "Autohaus Sachsen GmbH",
        "host_company",
        "DE",
        "Leipzig",
        "E10200002",
        "Jonas Becker",
        "signed",
        date(2026, 5, 5),
    ),
    "tallinn": (
        "Tallinna Tööstushariduskeskus",
        "host_vet_provider",
        "EE",
        "Tallinn",
        "E10200003",
        "Kadri Tamm",
        "signed",
        date(2026, 3, 12),
    ),
    "rimini": (
        "Hotel Riviera Adriatica S.r.l.",
        "host_company",
        "IT",
        "Rimini",
        "E10200004",
        "Giulia Rossi",
        "signed",
        date(2026, 5, 18),
    ),
    "florence": (
        "Accademia Docenti Europei",
        "course_provider",
        "IT",
        "Florence",
        "E10200005",
        "Marco Bianchi",
        "none",
        None,
    ),
    "utrecht": (
        "Vakcollege Utrecht",
        "host_vet_provider",
        "NL",
        "Utrecht",
        "E10200006",
        "Sanne de Vries",
        "sent",
        None,
    ),
    "kaunas": (
        "Kauno technologijų mokymo centras",
        "host_vet_provider",
        "LT",
        "Kaunas",
        "E10200007",
        "Tomas Kazlauskas",
        "signed",
        date(2026, 2, 27),
    ),
    "espoo": (
        "Omnia Ammattiopisto",
        "host_vet_provider",
        "FI",
        "Espoo",
        "E10200008",
        "Aino Virtanen",
        "signed",
        date(2026, 4, 2),
    ),
    "brighton": (
        "Brighton Skills Centre",
        "host_vet_provider",
        "GB",
        "Brighton",
        "",
        "Oliver Smith",
        "draft",
        None,
    ),
    "herning": (
        "EuroSkills Herning",
        "host_company",
        "DK",
        "Herning",
        "E10200010",
        "Mette Jensen",
        "none",
        None,
    ),
    "trier": (
        "Berufsbildende Schule Trier",
        "host_vet_provider",
        "DE",
        "Trier",
        "E10200011",
        "Katrin Schulz",
        "signed",
        date(2026, 1, 15),
    ),
    "cesis": (
        "Cēsu novada jauniešu dome",
        "supporting",
        "LV",
        "Cēsis",
        "",
        "Anna Kalniņa",
        "none",
        None,
    ),
}

PROGRAMMES = {
    "it": ("Programmēšana", "Programmēšanas tehniķis", 4),
    "design": ("Dizains un māksla", "Interjera dizaina speciālists", 4),
    "auto": ("Autotransports", "Autotransporta elektriķis", 4),
    "hospitality": ("Viesmīlības pakalpojumi", "Viesmīlības pakalpojumu speciālists", 4),
    "wood": ("Kokizstrādājumu izgatavošana", "Galdnieks", 3),
}

# key: first, last, born, programme, status, graduated, fewer opportunities categories
LEARNERS = {
    "liga": ("Līga", "Bērziņa", date(2009, 3, 14), "design", "enrolled", None, []),
    "janis": ("Jānis", "Ozoliņš", date(2008, 11, 2), "it", "enrolled", None, []),
    "krista": (
        "Krista",
        "Kalniņa",
        date(2009, 7, 21),
        "hospitality",
        "enrolled",
        None,
        ["economic"],
    ),
    "rolands": ("Rolands", "Liepiņš", date(2008, 1, 30), "auto", "enrolled", None, []),
    "elza": ("Elza", "Krūmiņa", date(2009, 5, 5), "design", "enrolled", None, []),
    "martins": (
        "Mārtiņš",
        "Zariņš",
        date(2007, 9, 9),
        "wood",
        "enrolled",
        None,
        ["geographic", "social"],
    ),
    "anete": ("Anete", "Vītola", date(2008, 4, 18), "hospitality", "enrolled", None, []),
    "edgars": (
        "Edgars",
        "Jansons",
        date(2006, 12, 1),
        "auto",
        "recent_graduate",
        date(2026, 6, 19),
        [],
    ),
    "santa": ("Santa", "Lāce", date(2008, 8, 8), "it", "enrolled", None, []),
    "ralfs": ("Ralfs", "Pētersons", date(2009, 2, 11), "it", "enrolled", None, ["health"]),
    "ieva": ("Ieva", "Eglīte", date(2008, 6, 25), "design", "enrolled", None, []),
    "kristaps": ("Kristaps", "Siliņš", date(2007, 10, 3), "wood", "enrolled", None, []),
    "laura": ("Laura", "Balode", date(2009, 1, 17), "hospitality", "enrolled", None, []),
    "niks": ("Niks", "Rozītis", date(2008, 3, 29), "auto", "enrolled", None, ["educational"]),
    "amanda": ("Amanda", "Kļaviņa", date(2008, 12, 12), "design", "enrolled", None, []),
    "davis": ("Dāvis", "Grīnbergs", date(2007, 5, 23), "it", "enrolled", None, []),
    "evelina": ("Evelīna", "Šmite", date(2009, 9, 1), "hospitality", "enrolled", None, []),
    "toms": ("Toms", "Ābele", date(2008, 7, 7), "wood", "enrolled", None, []),
    "katrina": ("Katrīna", "Dreimane", date(2007, 2, 14), "design", "enrolled", None, []),
    "gustavs": ("Gustavs", "Ziediņš", date(2008, 10, 10), "auto", "enrolled", None, []),
    "paula": ("Paula", "Vanaga", date(2009, 4, 4), "it", "enrolled", None, ["disability"]),
    "roberts": (
        "Roberts",
        "Krastiņš",
        date(2006, 8, 15),
        "wood",
        "recent_graduate",
        date(2026, 6, 19),
        [],
    ),
    "marta": ("Marta", "Ozola", date(2008, 5, 30), "hospitality", "enrolled", None, []),
    "artis": ("Artis", "Lapsa", date(2007, 11, 27), "auto", "enrolled", None, []),
    "sindija": ("Sindija", "Strautiņa", date(2008, 2, 2), "design", "enrolled", None, []),
    "valters": ("Valters", "Dūmiņš", date(2008, 9, 19), "it", "enrolled", None, []),
}

# key: first, last, born, position
STAFF = {
    "inese": ("Inese", "Kalēja", date(1979, 4, 12), "Erasmus+ projektu koordinatore"),
    "andris": ("Andris", "Bērziņš", date(1971, 10, 5), "Autotransporta skolotājs"),
    "dace": ("Dace", "Priede", date(1984, 2, 28), "Dizaina skolotāja"),
    "guntis": ("Guntis", "Kalns", date(1968, 6, 16), "Kokapstrādes skolotājs"),
    "sanita": ("Sanita", "Upīte", date(1990, 12, 3), "Angļu valodas skolotāja"),
    "maris": ("Māris", "Vilks", date(1976, 7, 22), "Programmēšanas skolotājs"),
    "ilze": ("Ilze", "Lūse", date(1982, 1, 9), "Viesmīlības skolotāja"),
    "aivars": ("Aivars", "Celms", date(1965, 3, 3), "Direktora vietnieks"),
    "zane": ("Zane", "Muceniece", date(1988, 8, 18), "Karjeras konsultante"),
    "egils": ("Egils", "Sproģis", date(1980, 5, 27), "Praktisko mācību vadītājs"),
}

# The parent who is the legal representative of each minor learner: first name and e-mail
# (the family name is the learner's).
GUARDIANS = {
    "liga": ("Ilze", "ilze.berzina@demo.example.lv"),
    "janis": ("Andris", "andris.ozolins@demo.example.lv"),
    "krista": ("Dace", "dace.kalnina@demo.example.lv"),
    "rolands": ("Juris", "juris.liepins@demo.example.lv"),
    "elza": ("Ilze", "ilze.krumina@demo.example.lv"),
    "anete": ("Sandra", "sandra.vitola@demo.example.lv"),
    "santa": ("Anita", "anita.lace@demo.example.lv"),
    "ralfs": ("Aigars", "aigars.petersons@demo.example.lv"),
    "ieva": ("Baiba", "baiba.eglite@demo.example.lv"),
    "laura": ("Liene", "liene.balode@demo.example.lv"),
    "niks": ("Uldis", "uldis.rozitis@demo.example.lv"),
    "amanda": ("Zane", "zane.klavina@demo.example.lv"),
    "evelina": ("Inga", "inga.smite@demo.example.lv"),
    "toms": ("Gints", "gints.abele@demo.example.lv"),
    "gustavs": ("Māris", "maris.ziedins@demo.example.lv"),
    "paula": ("Kristīne", "kristine.vanaga@demo.example.lv"),
    "marta": ("Rita", "rita.ozola@demo.example.lv"),
    "sindija": ("Agnese", "agnese.strautina@demo.example.lv"),
    "valters": ("Edgars", "edgars.dumins@demo.example.lv"),
}

# key: first, last, born, country
EXTERNAL = {
    "katrin": ("Katrin", "Schulz", date(1975, 2, 20), "DE"),
    "lucia": ("Lucía", "Martínez", date(1986, 9, 12), "ES"),
}

# The women among the demo people (the Latvian of the agreements follows the gender); the
# others are men.
WOMEN = {
    *("liga", "krista", "elza", "anete", "santa", "ieva", "laura", "amanda", "evelina"),
    *("katrina", "paula", "marta", "sindija", "inese", "dace", "sanita", "ilze", "zane"),
    *("katrin", "lucia"),
}
# The streets of Cēsis the demo learners and staff live on (house numbers follow their
# order); their personal codes and IBANs (Swedbank, HABA) are computed from their birth
# dates and their order, so that every check digit is right.
STREETS = ("Rīgas iela", "Raunas iela", "Valmieras iela", "Lenču iela", "Vaives iela")
DEMO_BANK = "HABA"
# The invited experts: a foreign identity document, an address and an account abroad.
EXTERNAL_DETAILS = {
    "katrin": ("DE T22000129", "Karl-Heine-Straße 12, 04229 Leipzig", "DE89370400440532013000"),
    "lucia": ("ES 12345678Z", "Carrer de la Reina 8, 46011 València", "ES9121000418450200051332"),
}
# Who signs the school's agreements: the coordinator (demo user "coordinator").
AGREEMENT_REPRESENTATIVE = ("Inese Kalēja", "Erasmus+ projektu koordinatore")

GROUPS = {
    "valencia_group": (
        "Grupa Valensija 2026",
        "learner_group",
        "Kopīga programma: interjera dizaina un viesmīlības darbnīcas CIPFP "
        "Ciutat de València, uzņēmumu apmeklējumi, spāņu valodas pamati.",
    ),
    "rimini_accompanied": ("Rimini ar pavadošo personu", "learner_short_term", ""),
    "euroskills": ("EuroSkills Herning 2026", "learner_skills_competition", ""),
    "leipzig_visit": ("Sagatavošanas vizīte Leipcigā", "preparatory_visit", ""),
}

# participant key, activity, role, host, destination (city, country), start, end,
# travel days, green, goals, status, group, extra (short-duration justification)
MOBILITIES = [
    (
        "inese",
        "preparatory_visit",
        "participant",
        "leipzig",
        ("Leipzig", "DE"),
        date(2026, 6, 15),
        date(2026, 6, 17),
        0,
        False,
        [1, 7],
        "completed",
        "leipzig_visit",
        "",
    ),
    (
        "andris",
        "preparatory_visit",
        "participant",
        "leipzig",
        ("Leipzig", "DE"),
        date(2026, 6, 15),
        date(2026, 6, 17),
        0,
        False,
        [7],
        "completed",
        "leipzig_visit",
        "",
    ),
    (
        "davis",
        "learner_skills_competition",
        "participant",
        "herning",
        ("Herning", "DK"),
        date(2026, 9, 9),
        date(2026, 9, 13),
        2,
        False,
        [5],
        "completed",
        "euroskills",
        "",
    ),
    (
        "gustavs",
        "learner_skills_competition",
        "participant",
        "herning",
        ("Herning", "DK"),
        date(2026, 9, 9),
        date(2026, 9, 13),
        2,
        False,
        [5],
        "completed",
        "euroskills",
        "",
    ),
    (
        "maris",
        "learner_skills_competition",
        "accompanying_person",
        "herning",
        ("Herning", "DK"),
        date(2026, 9, 9),
        date(2026, 9, 13),
        2,
        False,
        [5],
        "completed",
        "euroskills",
        "",
    ),
    (
        "liga",
        "learner_group",
        "participant",
        "valencia",
        ("Valencia", "ES"),
        date(2026, 10, 5),
        date(2026, 10, 18),
        2,
        False,
        [1, 3],
        "completed",
        "valencia_group",
        "",
    ),
    (
        "elza",
        "learner_group",
        "participant",
        "valencia",
        ("Valencia", "ES"),
        date(2026, 10, 5),
        date(2026, 10, 18),
        2,
        False,
        [1, 3],
        "completed",
        "valencia_group",
        "",
    ),
    (
        "ieva",
        "learner_group",
        "participant",
        "valencia",
        ("Valencia", "ES"),
        date(2026, 10, 5),
        date(2026, 10, 18),
        2,
        False,
        [1, 3],
        "completed",
        "valencia_group",
        "",
    ),
    (
        "anete",
        "learner_group",
        "participant",
        "valencia",
        ("Valencia", "ES"),
        date(2026, 10, 5),
        date(2026, 10, 18),
        2,
        False,
        [1, 3],
        "completed",
        "valencia_group",
        "",
    ),
    (
        "laura",
        "learner_group",
        "participant",
        "valencia",
        ("Valencia", "ES"),
        date(2026, 10, 5),
        date(2026, 10, 18),
        2,
        False,
        [1, 3],
        "completed",
        "valencia_group",
        "",
    ),
    (
        "krista",
        "learner_group",
        "participant",
        "valencia",
        ("Valencia", "ES"),
        date(2026, 10, 5),
        date(2026, 10, 18),
        2,
        False,
        [1, 3, 4],
        "completed",
        "valencia_group",
        "",
    ),
    (
        "dace",
        "learner_group",
        "accompanying_person",
        "valencia",
        ("Valencia", "ES"),
        date(2026, 10, 5),
        date(2026, 10, 18),
        2,
        False,
        [1],
        "completed",
        "valencia_group",
        "",
    ),
    (
        "ilze",
        "learner_group",
        "accompanying_person",
        "valencia",
        ("Valencia", "ES"),
        date(2026, 10, 5),
        date(2026, 10, 18),
        2,
        False,
        [1],
        "completed",
        "valencia_group",
        "",
    ),
    (
        "janis",
        "learner_short_term",
        "participant",
        "tallinn",
        ("Tallinn", "EE"),
        date(2026, 9, 14),
        date(2026, 10, 9),
        2,
        True,
        [1, 2],
        "completed",
        None,
        "",
    ),
    (
        "santa",
        "learner_short_term",
        "participant",
        "tallinn",
        ("Tallinn", "EE"),
        date(2026, 9, 14),
        date(2026, 10, 9),
        2,
        True,
        [1, 2],
        "completed",
        None,
        "",
    ),
    (
        "edgars",
        "learner_short_term",
        "participant",
        "leipzig",
        ("Leipzig", "DE"),
        date(2026, 8, 3),
        date(2026, 9, 11),
        2,
        False,
        [2],
        "completed",
        None,
        "",
    ),
    (
        "rolands",
        "learner_short_term",
        "participant",
        "leipzig",
        ("Leipzig", "DE"),
        date(2026, 11, 2),
        date(2026, 12, 4),
        2,
        False,
        [2, 7],
        "ongoing",
        None,
        "",
    ),
    (
        "marta",
        "learner_short_term",
        "participant",
        "rimini",
        ("Rimini", "IT"),
        date(2027, 3, 1),
        date(2027, 3, 28),
        2,
        False,
        [1, 2],
        "contracted",
        "rimini_accompanied",
        "",
    ),
    (
        "evelina",
        "learner_short_term",
        "participant",
        "rimini",
        ("Rimini", "IT"),
        date(2027, 3, 1),
        date(2027, 3, 28),
        2,
        False,
        [1, 2],
        "contracted",
        "rimini_accompanied",
        "",
    ),
    (
        "sanita",
        "learner_short_term",
        "accompanying_person",
        "rimini",
        ("Rimini", "IT"),
        date(2027, 3, 1),
        date(2027, 3, 7),
        2,
        False,
        [1],
        "contracted",
        "rimini_accompanied",
        "",
    ),
    (
        "martins",
        "learner_short_term",
        "participant",
        "kaunas",
        ("Kaunas", "LT"),
        date(2027, 2, 8),
        date(2027, 2, 14),
        2,
        True,
        [4],
        "approved",
        None,
        "Pirmā mobilitāte ārzemēs skolēnam no attāla lauku reģiona; īsāka prakse ar "
        "intensīvu atbalstu pēc sociālā pedagoga ieteikuma.",
    ),
    (
        "ralfs",
        "learner_short_term",
        "participant",
        "utrecht",
        ("Utrecht", "NL"),
        date(2027, 4, 5),
        date(2027, 4, 30),
        2,
        False,
        [1, 4],
        "approved",
        None,
        "",
    ),
    (
        "paula",
        "learner_short_term",
        "participant",
        "utrecht",
        ("Utrecht", "NL"),
        date(2027, 4, 5),
        date(2027, 4, 30),
        2,
        False,
        [1, 4],
        "approved",
        None,
        "",
    ),
    (
        "niks",
        "learner_short_term",
        "participant",
        "kaunas",
        ("Kaunas", "LT"),
        date(2027, 2, 8),
        date(2027, 3, 5),
        2,
        True,
        [2, 4],
        "approved",
        None,
        "",
    ),
    (
        "amanda",
        "learner_short_term",
        "participant",
        "valencia",
        ("Valencia", "ES"),
        date(2027, 5, 3),
        date(2027, 5, 28),
        2,
        False,
        [1, 3],
        "planned",
        None,
        "",
    ),
    (
        "toms",
        "learner_short_term",
        "participant",
        "tallinn",
        ("Tallinn", "EE"),
        date(2027, 5, 10),
        date(2027, 6, 4),
        2,
        True,
        [2],
        "planned",
        None,
        "",
    ),
    (
        "sindija",
        "learner_short_term",
        "participant",
        "rimini",
        ("Rimini", "IT"),
        date(2027, 4, 12),
        date(2027, 5, 7),
        2,
        False,
        [1],
        "cancelled",
        None,
        "",
    ),
    (
        "kristaps",
        "learner_erasmuspro",
        "participant",
        "leipzig",
        ("Leipzig", "DE"),
        date(2027, 1, 11),
        date(2027, 4, 16),
        2,
        False,
        [2, 3, 7],
        "contracted",
        None,
        "",
    ),
    (
        "roberts",
        "learner_erasmuspro",
        "participant",
        "espoo",
        ("Espoo", "FI"),
        date(2026, 9, 1),
        date(2026, 12, 18),
        2,
        False,
        [2, 3],
        "ongoing",
        None,
        "",
    ),
    (
        "katrina",
        "learner_short_term",
        "participant",
        "valencia",
        ("Valencia", "ES"),
        date(2027, 5, 3),
        date(2027, 5, 28),
        2,
        False,
        [1, 3],
        "planned",
        None,
        "",
    ),
    (
        "egils",
        "staff_job_shadowing",
        "participant",
        "espoo",
        ("Espoo", "FI"),
        date(2026, 10, 12),
        date(2026, 10, 16),
        2,
        False,
        [4, 7],
        "completed",
        None,
        "",
    ),
    (
        "guntis",
        "staff_job_shadowing",
        "participant",
        "utrecht",
        ("Utrecht", "NL"),
        date(2027, 1, 25),
        date(2027, 1, 31),
        2,
        False,
        [4],
        "approved",
        None,
        "",
    ),
    (
        "zane",
        "staff_job_shadowing",
        "participant",
        "brighton",
        ("Brighton", "GB"),
        date(2027, 3, 15),
        date(2027, 3, 19),
        2,
        False,
        [2, 6],
        "planned",
        None,
        "",
    ),
    (
        "aivars",
        "staff_job_shadowing",
        "participant",
        "tallinn",
        ("Tallinn", "EE"),
        date(2026, 11, 16),
        date(2026, 11, 20),
        2,
        True,
        [6, 8],
        "completed",
        None,
        "",
    ),
    (
        "andris",
        "staff_teaching",
        "participant",
        "kaunas",
        ("Kaunas", "LT"),
        date(2027, 2, 22),
        date(2027, 2, 26),
        1,
        False,
        [4, 6],
        "approved",
        None,
        "",
    ),
    (
        "maris",
        "staff_teaching",
        "participant",
        "valencia",
        ("Valencia", "ES"),
        date(2027, 5, 17),
        date(2027, 5, 22),
        2,
        False,
        [4, 6],
        "planned",
        None,
        "",
    ),
    (
        "sanita",
        "staff_course",
        "participant",
        "florence",
        ("Florence", "IT"),
        date(2026, 7, 6),
        date(2026, 7, 10),
        2,
        False,
        [3, 4],
        "completed",
        None,
        "",
    ),
    (
        "dace",
        "staff_course",
        "participant",
        "florence",
        ("Florence", "IT"),
        date(2026, 7, 6),
        date(2026, 7, 10),
        2,
        False,
        [4],
        "completed",
        None,
        "",
    ),
    (
        "ilze",
        "staff_course",
        "participant",
        "florence",
        ("Florence", "IT"),
        date(2027, 7, 5),
        date(2027, 7, 10),
        2,
        False,
        [4, 8],
        "planned",
        None,
        "",
    ),
    (
        "katrin",
        "invited_expert",
        "participant",
        None,
        ("Cēsis", "LV"),
        date(2027, 3, 8),
        date(2027, 3, 12),
        2,
        False,
        [6, 7],
        "approved",
        None,
        "",
    ),
    (
        "lucia",
        "hosted_teacher",
        "participant",
        None,
        ("Cēsis", "LV"),
        date(2027, 4, 12),
        date(2027, 4, 25),
        2,
        False,
        [1, 6],
        "planned",
        None,
        "",
    ),
]

# Invited experts and hosted teachers: the partner they come from and their home town.
INCOMING_ORIGINS = {"katrin": ("trier", "Trier", "DE"), "lucia": ("valencia", "Valencia", "ES")}

# Budget details of some mobilities, by (participant, activity).
BUDGET_DETAILS = {
    ("sanita", "staff_course"): {"course_days": 5},
    ("dace", "staff_course"): {"course_days": 5},
    ("ilze", "staff_course"): {"course_days": 6},
    ("kristaps", "learner_erasmuspro"): {"linguistic_support": True},
    ("martins", "learner_short_term"): {"linguistic_support": True},
    ("lucia", "hosted_teacher"): {"linguistic_support": True},
    ("zane", "staff_job_shadowing"): {"visa_and_medical": Decimal("16.00")},
    ("paula", "learner_short_term"): {"inclusion_support_real_costs": Decimal("450.00")},
}

# Follow-up of the mobilities that have started: their participant reports and the
# documents kept (some deliberately missing, so the dashboard has something to show).
REPORT_NOT_SUBMITTED = {"edgars", "krista"}
ATTENDANCE_PROOF_MISSING = {"edgars", "egils"}
# Jānis is back from Tallinn: his learning agreement names its units of learning outcomes
# (ECVET), and his Europass Mobility is issued; Santa's is requested, the other learners
# back without one show on the dashboard's to-do list.
LEARNING_OUTCOME_UNITS = {
    "janis": [
        {
            "title": "Tīmekļa lietotņu izstrāde",
            "outcomes": "Izstrādā tīmekļa lietotnes saskarni pēc klienta prasībām; lieto "
            "versiju kontroli komandas darbā.",
            "assessment": "Praktisks uzdevums darba vietā un tā prezentācija",
            "assessed_by": "Uzņemošās organizācijas mentors",
            "ecvet_points": Decimal("3.0"),
        },
        {
            "title": "Saziņa profesionālajā vidē angļu valodā",
            "outcomes": "Apspriež darba uzdevumus ar kolēģiem un klientiem angļu valodā.",
            "assessment": "Novērošana darba vietā",
            "assessed_by": "Mentors un nosūtošās skolas skolotājs",
            "ecvet_points": None,
        },
    ]
}
EUROPASS = {"janis": ("issued", date(2026, 10, 20)), "santa": ("requested", None)}
# What Jānis achieved in Tallinn, unit by unit (in the order of his units), and the
# school's decision recognising it.
UNIT_ASSESSMENTS = {
    "janis": [
        {
            "result": "achieved",
            "method": "practical_task",
            "assessed_by": "Kadri Tamm, mentore uzņēmumā",
            "assessed_on": date(2026, 10, 8),
            "mentor_assessment": "Jānis patstāvīgi izstrādāja klienta pieteikuma formu un "
            "prezentēja to komandai; koda pārskatos ņēma vērā kolēģu ieteikumus.",
        },
        {
            "result": "partly",
            "method": "observation",
            "assessed_by": "Kadri Tamm un skolotāja Ilze Kalniņa",
            "assessed_on": date(2026, 10, 9),
            "mentor_assessment": "Sanāksmēs saprot uzdevumus; ar klientiem vēl runā nedroši.",
        },
    ]
}
# The Online Language Support levels before and after, and the questionnaires the
# learners back home answered in the portal (the standard questions): language level,
# confidence in their skills (1-5) before and after, satisfaction, expectations and what
# was most useful. Edgars rated his language no better after; Elza's OLS level stayed.
OLS_LEVELS = {
    "janis": ("en", "B1", "B2"),
    "santa": ("en", "A2", "B1"),
    "liga": ("es", "A1", "A2"),
    "elza": ("es", "A2", "A2"),
    "edgars": ("de", "A2", "B1"),
}
SURVEYS = {
    # person: (level before, level after, skills before, skills after, satisfaction,
    #          expectations, most useful)
    "janis": ("B1", "B2", 3, 4, 5, "Strādāt īstā izstrādes komandā.", "Koda pārskati."),
    "santa": ("A2", "B1", 2, 4, 5, "Uzlabot angļu valodu.", "Ikdienas sanāksmes angliski."),
    "liga": ("A1", "A2", 3, 4, 4, "Iepazīt viesnīcas darbu.", "Darbs reģistratūrā."),
    "elza": ("A2", "A2", 3, 3, 3, "Jaunas receptes.", "Virtuves higiēnas kārtība."),
    "ieva": ("A1", "A2", 2, 4, 5, "", "Darbs ar viesiem."),
    "edgars": ("A2", "A2", 3, 4, 4, "Strādāt ar CNC darbgaldiem.", "CNC programmēšana."),
}
RECOGNITION = {
    "janis": {
        "decision": "full",
        "ecvet_points": Decimal("3.0"),
        "programme_part": "Modulis “Tīmekļa lietotņu izstrāde” (prakses daļa)",
        "decided_on": date(2026, 10, 21),
        "decided_by": "Ilze Kalniņa, direktora vietniece mācību darbā",
        "note": "Prakses vērtējums ieskaitīts moduļa noslēguma vērtējumā.",
    }
}

# What the school shared of its mobilities (issue 18): (date, kind, title, description,
# audience, audience size, inside or outside the school, who presented, the mobility
# (participant, activity) or None, the goal's number or None, a link, a photo kept).
DISSEMINATION_EVENTS = [
    (
        date(2026, 10, 22),
        "lesson",
        "Prakse Tallinā: tīmekļa lietotne klientam",
        "Jānis 2. kursa programmētājiem parādīja praksē izstrādāto klienta pieteikuma formu "
        "un pastāstīja, kā komanda strādā ar versiju kontroli un koda pārskatiem.",
        "2. kursa programmēšanas audzēkņi",
        26,
        "inside",
        "Jānis Ozoliņš un skolotājs Māris Vilks",
        ("janis", "learner_short_term"),
        1,
        "",
        True,
    ),
    (
        date(2026, 10, 28),
        "staff_meeting",
        "Pieredze Espo: prakšu vadīšana uzņēmumos",
        "Pedagoģiskās padomes sēdē Egils iepazīstināja kolēģus ar Somijas profesionālās "
        "skolas prakšu vadīšanas kārtību un iknedēļas sarunām ar uzņēmuma mentoru.",
        "Pedagogi un prakšu vadītāji",
        34,
        "inside",
        "Egils Sproģis, praktisko mācību vadītājs",
        ("egils", "staff_job_shadowing"),
        4,
        "",
        False,
    ),
    (
        date(2026, 11, 3),
        "article",
        "Audzēkņi un skolotāji atgriežas no Erasmus+ mobilitātēm",
        "Raksts tehnikuma mājaslapā par rudens mobilitātēm Tallinā, Espo un Valensijā.",
        "Mājaslapas lasītāji: vecāki, absolventi, darba devēji",
        850,
        "outside",
        "Inese Kalēja, Erasmus+ projektu koordinatore",
        None,
        6,
        "https://vtdt.example.lv/jaunumi/erasmus-rudens-2026",
        False,
    ),
    (
        date(2026, 11, 24),
        "social_media",
        "Direktora vietnieka pieredzes vizīte Tallinā",
        "Ieraksts ar foto par Tallinas profesionālās skolas pieaugušo izglītības piedāvājumu.",
        "Tehnikuma sociālo tīklu sekotāji",
        1240,
        "outside",
        "Inese Kalēja",
        ("aivars", "staff_job_shadowing"),
        8,
        "https://social.example.lv/vtdt/posts/2026-11-24",
        False,
    ),
    (
        date(2026, 11, 28),
        "open_day",
        "Atvērto durvju diena: Erasmus+ stends",
        "9. klašu skolēni un vecāki uzzināja par praksēm ārzemēs; Jānis atbildēja uz "
        "jautājumiem par praksi Tallinā.",
        "9. klašu skolēni un viņu vecāki",
        160,
        "outside",
        "Dace Priede un Jānis Ozoliņš",
        None,
        1,
        "",
        True,
    ),
]
# Egils is back from Espoo (16 October 2026): what he changed in the school's placements.
LEARNING_TRANSFERS = {
    ("egils", "staff_job_shadowing"): {
        "changes": "Prakšu vadītāji reizi nedēļā sazinās ar uzņēmuma mentoru pēc Espo skolas "
        "parauga; prakses dienasgrāmatā ieviesta mentora iknedēļas atgriezeniskā saite.",
        "applied_from": date(2026, 11, 2),
        "reached": "Autotransporta un kokapstrādes programmu 3. kursa audzēkņi prakses laikā "
        "un viņu prakšu vadītāji",
    }
}


# --- Selection of participants (issue 4) ---------------------------------------------------
# One call for applicants of the 2026 project, decided: criteria published in advance,
# seven applications of demo learners scored by the coordinator, decisions with reasons.
# Evelīna and Amanda tie; Evelīna applied earlier, so she ranks fourth and gets the last
# place, Amanda goes first on the waiting list.

SELECTION_CALL = {
    "title": "Prakse Valensijā 2027",
    "activity_types": ["learner_short_term"],
    "description": (
        "Četru nedēļu prakse viesmīlības un dizaina uzņēmumos Valensijā 2027. gada martā "
        "un aprīlī. Var pieteikties 2. un 3. kursa viesmīlības un dizaina izglītojamie. "
        "Pieteikumā: motivācijas vēstule un prakses vadītāja ieteikums; vērtēšanas "
        "kritēriji un to svars ir publicēti kopā ar uzaicinājumu."
    ),
    "opens_on": date(2026, 9, 14),
    "closes_on": date(2026, 10, 9),
    "places": 4,
    "status": "decided",
    "published_at": datetime(2026, 9, 14, 7, 0, tzinfo=UTC),
    "closed_at": datetime(2026, 10, 12, 6, 30, tzinfo=UTC),
    "decided_at": datetime(2026, 10, 23, 12, 0, tzinfo=UTC),
    # What the selected learners' mobilities will be (issue 15): "Create mobilities" on
    # the call turns them into planned mobilities; Amanda waits first for a freed place.
    "mobility_activity_type": "learner_short_term",
    "mobility_starts_on": date(2027, 3, 1),
    "mobility_ends_on": date(2027, 3, 26),
}
SELECTION_DECIDED_ON = date(2026, 10, 23)
SELECTION_MOBILITY_GOAL = 2
SELECTION_MOBILITY_HOST = "valencia"

# name, description, weight, maximum score
SELECTION_CRITERIA = [
    (
        "Motivācija",
        "Motivācijas vēstule un pārrunas: mērķi, ko dalībnieks vēlas apgūt un kā to izmantos.",
        Decimal("35"),
        10,
    ),
    (
        "Profesionālās prasmes",
        "Sekmes profesionālajos mācību priekšmetos un prakses vadītāja ieteikums.",
        Decimal("30"),
        10,
    ),
    (
        "Valodas prasmes",
        "Angļu vai spāņu valodas prasmes saziņai darba vidē (pārrunās).",
        Decimal("20"),
        5,
    ),
    (
        "Mazākas iespējas",
        "Iekļaušanas prioritāte: 2 punkti dalībniekam ar mazākām iespējām.",
        Decimal("15"),
        2,
    ),
]

SELECTION_SCORED_AT = datetime(2026, 10, 15, 11, 0, tzinfo=UTC)

# learner key: submitted on, motivation, points per criterion (in the order above),
# decision, reason
SELECTION_APPLICATIONS = {
    "laura": (
        date(2026, 9, 18),
        "Vēlos iepazīt Spānijas viesnīcu darba organizāciju un uzlabot spāņu valodu.",
        (9, 8, 4, 0),
        "selected",
        "1. vieta reitingā (71,50 punkti); iekļaujas 4 vietās.",
    ),
    "krista": (
        date(2026, 10, 2),
        "Prakse ārzemēs man būtu pirmā iespēja strādāt starptautiskā komandā.",
        (8, 6, 2, 2),
        "selected",
        "2. vieta reitingā (69,00 punkti); iekļaujas 4 vietās.",
    ),
    "marta": (
        date(2026, 9, 25),
        "Gribu apgūt Vidusjūras virtuves tradīcijas un ēdienu pasniegšanu.",
        (8, 7, 4, 0),
        "selected",
        "3. vieta reitingā (65,00 punkti); iekļaujas 4 vietās.",
    ),
    "evelina": (
        date(2026, 9, 21),
        "Interesē viesu apkalpošana lielā viesnīcā un pasākumu organizēšana.",
        (7, 9, 3, 0),
        "selected",
        "4. vieta reitingā (63,50 punkti); vienāds rezultāts ar Amandu Kļaviņu, "
        "pieteikums iesniegts agrāk.",
    ),
    "amanda": (
        date(2026, 10, 6),
        "Vēlos redzēt, kā Valensijas dizaina studijas strādā ar keramiku un tekstilu.",
        (7, 9, 3, 0),
        "waiting_list",
        "5. vieta reitingā (63,50 punkti); vienāds rezultāts ar 4. vietu, bet pieteikums "
        "iesniegts vēlāk. Gaidīšanas saraksta 1. vieta.",
    ),
    "anete": (
        date(2026, 10, 8),
        "Prakse palīdzētu man izlemt par turpmākajām studijām tūrismā.",
        (6, 6, 3, 0),
        "waiting_list",
        "6. vieta reitingā (51,00 punkti); gaidīšanas saraksta 2. vieta.",
    ),
    "sindija": (
        date(2026, 10, 9),
        "Gribu pilnveidot interjera dizaina prasmes starptautiskā vidē.",
        (5, 6, 2, 0),
        "not_selected",
        "7. vieta reitingā (43,50 punkti); zem 4 vietām un 2 gaidīšanas saraksta vietām. "
        "Ieteikts pieteikties nākamajā konkursā pēc angļu valodas kursa.",
    ),
}


# A second call, still open for applications: job shadowing for teachers in Finland,
# criteria published, two applications in, one scored so far.
OPEN_CALL = {
    "title": "Darba vērošana Somijā 2027",
    "activity_types": ["staff_job_shadowing"],
    "description": (
        "Piecu dienu darba vērošana partnerskolā Espo 2027. gada aprīlī: digitālie rīki "
        "profesionālajās mācībās. Var pieteikties profesionālo mācību priekšmetu skolotāji; "
        "pieteikumā: ko vēlaties vērot un kā to ieviesīsiet savās stundās."
    ),
    "opens_on": date(2026, 11, 16),
    "closes_on": date(2027, 1, 22),
    "places": 2,
    "status": "published",
    "published_at": datetime(2026, 11, 16, 8, 0, tzinfo=UTC),
}

OPEN_CALL_CRITERIA = [
    (
        "Ieguvums mācību darbam",
        "Cik skaidri aprakstīts, ko skolotājs vēros un kā to izmantos savās stundās.",
        Decimal("60"),
        10,
    ),
    (
        "Zināšanu nodošana",
        "Kā pieredze tiks nodota kolēģiem: atklātā stunda, metodiskā sanāksme, materiāli.",
        Decimal("40"),
        5,
    ),
]

# staff key: submitted on, motivation, points per criterion or None (not scored yet)
OPEN_CALL_APPLICATIONS = {
    "maris": (
        date(2026, 11, 20),
        "Vēlos redzēt, kā Somijā programmēšanu māca ar projektu darbu un ko no tā "
        "varam ieviest 2. kursa mācību modulī.",
        (8, 4),
    ),
    "sanita": (
        date(2026, 11, 27),
        "Interesē CLIL pieeja profesionālajos priekšmetos; pēc vizītes vadīšu "
        "atklāto stundu kolēģiem.",
        None,
    ),
}

# A selection held on paper in September (issue 15), not yet in the portal: a draft past
# its closing date, which the coordinator records from paper ("Record a selection held on
# paper" on the call).
PAPER_CALL = {
    "title": "Kvalifikācijas kursi Tallinā 2026",
    "activity_types": ["staff_course"],
    "description": (
        "Trīs dienu kursi par digitālo rīku izmantošanu profesionālajās mācībās Tallinā. "
        "Atlase notika uz papīra 2026. gada septembrī."
    ),
    "opens_on": date(2026, 9, 1),
    "closes_on": date(2026, 9, 25),
    "places": 1,
    "status": "draft",
}

PAPER_CALL_CRITERIA = [
    (
        "Ieguvums mācību darbam",
        "Kā kursos apgūtais tiks izmantots stundās.",
        Decimal("100"),
        10,
    ),
]

# --- Participant portal and signing (issue 7) ----------------------------------------------
# Portal accounts (password DEMO_PASSWORD): Kristaps, whose ErasmusPro grant agreement is
# fully signed online (by him and by the coordinator, with the final PDF); Marta, whose
# agreement for Rimini waits for her signature; Evelīna, a minor, who signed hers for
# Rimini, and her mother Inga, whose signature it waits for before the school's.

PORTAL_USERS = {
    # username: participant key, role
    "kristaps": ("kristaps", "participant"),
    "marta": ("marta", "participant"),
    "evelina": ("evelina", "participant"),
    "inga": ("evelina", "guardian"),
}
# Whose agreement is sent for signing, and who has signed it so far.
AGREEMENTS = {
    "kristaps": ("participant", "organisation"),
    "marta": (),
    "evelina": ("participant",),
}
# What the coordinator asks Marta to upload in the portal before she leaves.
FILE_REQUESTS = {
    "marta": [("other", "Eiropas veselības apdrošināšanas kartes kopija (abas puses)")],
}
# Who receives which part of the grant: the project keeps the defaults (travel and
# individual support paid, course fees and linguistic support in kind, the organisation's
# support kept); for Marta the school buys the plane tickets, so her agreement lists
# travel as provided in kind and her payment schedule counts individual support only.
GRANT_SHARE_OVERRIDES = {
    "marta": {"travel": ("in_kind", "Skola iegādājas lidmašīnas biļetes Rīga–Boloņa–Rīga.")},
}
AGREEMENT_LANGUAGE = "lv"
DEMO_SIGNING_CLIENT = ("127.0.0.1", "seed_demo")

# --- Payments to participants (issue 17) -------------------------------------------------
# The completed mobilities' grant agreements were signed on paper (their scans are kept)
# and Kristaps's online: each has its pre-financing and its balance. What the school's
# bank statements show, per (participant, activity): the pre-financing paid ten days
# before departure, and for some the balance two weeks after the return. Aivars's
# pre-financing was forgotten (overdue); Santa's balance is paid in part; Edgars sent
# neither his report nor his proof of attendance, so his grant is reduced, and as more
# was paid before he left than he is entitled to, the school claims the difference back.
PREFINANCING_UNPAID = {("aivars", "staff_job_shadowing")}
BALANCE_PAID = {
    ("inese", "preparatory_visit"),
    ("andris", "preparatory_visit"),
    ("davis", "learner_skills_competition"),
    ("gustavs", "learner_skills_competition"),
    ("maris", "learner_skills_competition"),
    ("liga", "learner_group"),
    ("elza", "learner_group"),
    ("ieva", "learner_group"),
    ("anete", "learner_group"),
    ("laura", "learner_group"),
    ("dace", "learner_group"),
    ("ilze", "learner_group"),
    ("sanita", "staff_course"),
    ("dace", "staff_course"),
}
BALANCE_PAID_IN_PART = {("santa", "learner_short_term"): Decimal("150.00")}
REDUCTIONS = {
    ("edgars", "learner_short_term"): (
        "obligations_not_met",
        "Dalībnieks neiesniedza ne dalībnieka ziņojumu, ne apliecinājumu par dalību, lai gan "
        "tika atgādināts 2026. gada 1. un 15. oktobrī.",
        Decimal("0.30"),  # of what his agreement pays
    ),
}
BANK_STATEMENT = "SEB izraksts {month}, rinda {line}"

# --- Real costs of the school (issue 17) -------------------------------------------------
# (participant, activity) or None for the project as a whole: kind, category ("" for the
# usual one), supplier, invoice number, invoice date, amount, currency, rate per 1 EUR,
# paid on. The Florence course (fee, registration and materials) cost more than the unit
# costs of every course of the project together (a deficit in course fees);
# the Valencia group's insurance leaves most of its organisational support (a surplus).
COSTS = [
    (
        ("sanita", "staff_course"),
        "course_fees",
        "",
        "Europass Teacher Academy",
        "ETA-2026-0711",
        date(2026, 6, 15),
        Decimal("690.00"),
        "EUR",
        Decimal("1"),
        date(2026, 6, 22),
    ),
    (
        ("dace", "staff_course"),
        "course_fees",
        "",
        "Europass Teacher Academy",
        "ETA-2026-0712",
        date(2026, 6, 15),
        Decimal("690.00"),
        "EUR",
        Decimal("1"),
        date(2026, 6, 22),
    ),
    *(
        (
            (person, "learner_group"),
            "insurance",
            "",
            "BTA Apdrošināšana",
            f"BTA-77{n}",
            date(2026, 9, 28),
            Decimal("24.50"),
            "EUR",
            Decimal("1"),
            date(2026, 9, 30),
        )
        for n, person in enumerate(("liga", "elza", "ieva", "anete", "laura", "krista"))
    ),
    (
        None,
        "staff_time",
        "",
        "Vidzemes Tehnoloģiju un dizaina tehnikums",
        "Rīkojums 14-V",
        date(2026, 10, 31),
        Decimal("640.00"),
        "EUR",
        Decimal("1"),
        date(2026, 11, 5),
    ),
    (
        ("kristaps", "learner_erasmuspro"),
        "language_course",
        "",
        "Goethe-Institut Riga",
        "GI-2026-318",
        date(2026, 11, 20),
        Decimal("150.00"),
        "EUR",
        Decimal("1"),
        None,
    ),
    (
        ("zane", "staff_job_shadowing"),
        "language_course",
        "linguistic_support",
        "Brighton Language College",
        "BLC-5521",
        date(2026, 11, 25),
        Decimal("120.00"),
        "GBP",
        Decimal("0.8412"),
        None,
    ),
]
