"""The demo school: Vidzemes Tehnoloģiju un dizaina tehnikums in Cēsis, its Erasmus plan
(the eight goals of its work plan), partners abroad, participants and a 2026 KA121
project with mobilities of every activity type. Names and numbers are fictional."""

from datetime import date
from decimal import Decimal

ORGANISATION = {
    "oid": "E10012345",
    "legal_name": "Vidzemes Tehnoloģiju un dizaina tehnikums",
    "country": "LV",
    "city": "Cēsis",
    "address": "Piebalgas iela 3, Cēsis, LV-4101",
    "accreditation_code": "2020-1-LV01-KA120-VET-000012345",
    "accreditation_valid_from": date(2021, 3, 1),
    "accreditation_valid_until": date(2027, 12, 31),
}

PLAN = {"title": "Erasmus plāns 2024–2027", "start_year": 2024, "end_year": 2027}

# (number, title, description, [(indicator, target, unit, year)])
GOALS = [
    (
        1,
        "Starptautiskā dimensija mācību vidē",
        "Tehnikuma vide ir tāda, kur katram izglītojamajam ir iespēja mācīties sadarbības "
        "prasmes un starptautisko dimensiju, izmantojot pedagogu mācību metodes un piedaloties "
        "Erasmus+ projektos.",
        [("Izglītojamie mobilitātēs", 30, "personas", 2026)],
    ),
    (
        2,
        "Nodarbinātība un karjeras iespējas",
        "Audzēkņu skaits pieaug, pateicoties nodarbinātības un karjeras iespējām pēc "
        "absolvēšanas un prakšu laikā, sevišķi Erasmus+ dalībniekiem.",
        [("Absolventi, kas strādā nozarē 6 mēnešus pēc mobilitātes", 70, "%", 2027)],
    ),
    (
        3,
        "Tālākizglītība un svešvalodu prasmes",
        "Lielākā daļa izglītojamo turpina formālo vai neformālo izglītību pēc mobilitātes; "
        "uzlabojušās svešvalodu prasmes paver iespējas mācīties starptautiskā vidē.",
        [("Dalībnieki, kuru valodas līmenis OLS uzlabojies", 60, "%", 2026)],
    ),
    (
        4,
        "Mūsdienīgas mācību metodes un iekļaušana",
        "Mācībspēki īsteno dinamiskas, mūsdienīgas un atvērtas metodes, dodot iespēju "
        "mobilitātēs piedalīties arī izglītojamajiem ar mazākām iespējām.",
        [
            ("Pedagogi mobilitātēs", 10, "personas", 2026),
            ("Dalībnieki ar mazākām iespējām", 5, "personas", 2026),
        ],
    ),
    (
        5,
        "Uzņēmējdarbības gars un līdzdalība",
        "Izglītojamajiem piemīt uzņēmējdarbības gars, iniciatīva un aktīva līdzdalība "
        "sabiedrībā.",
        [("Dalība profesionālās meistarības konkursos", 2, "personas", 2026)],
    ),
    (
        6,
        "Eiropas vērtības un projektu iniciatīva",
        "Izglītojamie un mācībspēki izprot Eiropas projektu un ES vērtības un iesaistās "
        "projektos gan kā partneri, gan iniciatori.",
        [("Jauni sadarbības partneri", 3, "organizācijas", 2027)],
    ),
    (
        7,
        "ECVET principi izglītības programmās",
        "Tehnikumā ieviesti ECVET principi: mobilitātēs sasniegtie mācīšanās rezultāti tiek "
        "atzīti izglītības programmās.",
        [("Mobilitātes ar atzītiem mācīšanās rezultātiem", 100, "%", 2027)],
    ),
    (
        8,
        "Pieaugušo izglītības piedāvājums",
        "Paplašināta izglītības programmu piedāvājums pieaugušo izglītībā.",
        [("Jaunas pieaugušo izglītības programmas", 2, "programmas", 2027)],
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
    "course_fees": Decimal("1360.00"),
    "linguistic_support": Decimal("900.00"),
    "exceptional_costs": Decimal("600.00"),
}

# key: name, kind, country, city, oid, contact, mou_status, mou_signed_on
PARTNERS = {
    "valencia": ("CIPFP Ciutat de València", "host_vet_provider", "ES", "Valencia",
                 "E10200001", "Lucía Martínez", "signed", date(2026, 4, 20)),
    "leipzig": ("Autohaus Sachsen GmbH", "host_company", "DE", "Leipzig",
                "E10200002", "Jonas Becker", "signed", date(2026, 5, 5)),
    "tallinn": ("Tallinna Tööstushariduskeskus", "host_vet_provider", "EE", "Tallinn",
                "E10200003", "Kadri Tamm", "signed", date(2026, 3, 12)),
    "rimini": ("Hotel Riviera Adriatica S.r.l.", "host_company", "IT", "Rimini",
               "E10200004", "Giulia Rossi", "signed", date(2026, 5, 18)),
    "florence": ("Accademia Docenti Europei", "course_provider", "IT", "Florence",
                 "E10200005", "Marco Bianchi", "none", None),
    "utrecht": ("Vakcollege Utrecht", "host_vet_provider", "NL", "Utrecht",
                "E10200006", "Sanne de Vries", "sent", None),
    "kaunas": ("Kauno technologijų mokymo centras", "host_vet_provider", "LT", "Kaunas",
               "E10200007", "Tomas Kazlauskas", "signed", date(2026, 2, 27)),
    "espoo": ("Omnia Ammattiopisto", "host_vet_provider", "FI", "Espoo",
              "E10200008", "Aino Virtanen", "signed", date(2026, 4, 2)),
    "brighton": ("Brighton Skills Centre", "host_vet_provider", "GB", "Brighton",
                 "", "Oliver Smith", "draft", None),
    "herning": ("EuroSkills Herning", "host_company", "DK", "Herning",
                "E10200010", "Mette Jensen", "none", None),
    "trier": ("Berufsbildende Schule Trier", "host_vet_provider", "DE", "Trier",
              "E10200011", "Katrin Schulz", "signed", date(2026, 1, 15)),
    "cesis": ("Cēsu novada jauniešu dome", "supporting", "LV", "Cēsis",
              "", "Anna Kalniņa", "none", None),
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
    "krista": ("Krista", "Kalniņa", date(2009, 7, 21), "hospitality", "enrolled", None,
               ["economic"]),
    "rolands": ("Rolands", "Liepiņš", date(2008, 1, 30), "auto", "enrolled", None, []),
    "elza": ("Elza", "Krūmiņa", date(2009, 5, 5), "design", "enrolled", None, []),
    "martins": ("Mārtiņš", "Zariņš", date(2007, 9, 9), "wood", "enrolled", None,
                ["geographic", "social"]),
    "anete": ("Anete", "Vītola", date(2008, 4, 18), "hospitality", "enrolled", None, []),
    "edgars": ("Edgars", "Jansons", date(2006, 12, 1), "auto", "recent_graduate",
               date(2026, 6, 19), []),
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
    "roberts": ("Roberts", "Krastiņš", date(2006, 8, 15), "wood", "recent_graduate",
                date(2026, 6, 19), []),
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

# key: first, last, born, country
EXTERNAL = {
    "katrin": ("Katrin", "Schulz", date(1975, 2, 20), "DE"),
    "lucia": ("Lucía", "Martínez", date(1986, 9, 12), "ES"),
}

GROUPS = {
    "valencia_group": ("Grupa Valensija 2026", "learner_group",
                       "Kopīga programma: interjera dizaina un viesmīlības darbnīcas CIPFP "
                       "Ciutat de València, uzņēmumu apmeklējumi, spāņu valodas pamati."),
    "rimini_accompanied": ("Rimini ar pavadošo personu", "learner_short_term", ""),
    "euroskills": ("EuroSkills Herning 2026", "learner_skills_competition", ""),
    "leipzig_visit": ("Sagatavošanas vizīte Leipcigā", "preparatory_visit", ""),
}

# participant key, activity, role, host, destination (city, country), start, end,
# travel days, green, goals, status, group, extra (short-duration justification)
MOBILITIES = [
    ("inese", "preparatory_visit", "participant", "leipzig", ("Leipzig", "DE"),
     date(2026, 6, 15), date(2026, 6, 17), 0, False, [1, 7], "completed", "leipzig_visit", ""),
    ("andris", "preparatory_visit", "participant", "leipzig", ("Leipzig", "DE"),
     date(2026, 6, 15), date(2026, 6, 17), 0, False, [7], "completed", "leipzig_visit", ""),
    ("davis", "learner_skills_competition", "participant", "herning", ("Herning", "DK"),
     date(2026, 9, 9), date(2026, 9, 13), 2, False, [5], "completed", "euroskills", ""),
    ("gustavs", "learner_skills_competition", "participant", "herning", ("Herning", "DK"),
     date(2026, 9, 9), date(2026, 9, 13), 2, False, [5], "completed", "euroskills", ""),
    ("maris", "learner_skills_competition", "accompanying_person", "herning",
     ("Herning", "DK"), date(2026, 9, 9), date(2026, 9, 13), 2, False, [5], "completed",
     "euroskills", ""),
    ("liga", "learner_group", "participant", "valencia", ("Valencia", "ES"),
     date(2026, 10, 5), date(2026, 10, 18), 2, False, [1, 3], "completed", "valencia_group", ""),
    ("elza", "learner_group", "participant", "valencia", ("Valencia", "ES"),
     date(2026, 10, 5), date(2026, 10, 18), 2, False, [1, 3], "completed", "valencia_group", ""),
    ("ieva", "learner_group", "participant", "valencia", ("Valencia", "ES"),
     date(2026, 10, 5), date(2026, 10, 18), 2, False, [1, 3], "completed", "valencia_group", ""),
    ("anete", "learner_group", "participant", "valencia", ("Valencia", "ES"),
     date(2026, 10, 5), date(2026, 10, 18), 2, False, [1, 3], "completed", "valencia_group", ""),
    ("laura", "learner_group", "participant", "valencia", ("Valencia", "ES"),
     date(2026, 10, 5), date(2026, 10, 18), 2, False, [1, 3], "completed", "valencia_group", ""),
    ("krista", "learner_group", "participant", "valencia", ("Valencia", "ES"),
     date(2026, 10, 5), date(2026, 10, 18), 2, False, [1, 3, 4], "completed",
     "valencia_group", ""),
    ("dace", "learner_group", "accompanying_person", "valencia", ("Valencia", "ES"),
     date(2026, 10, 5), date(2026, 10, 18), 2, False, [1], "completed", "valencia_group", ""),
    ("ilze", "learner_group", "accompanying_person", "valencia", ("Valencia", "ES"),
     date(2026, 10, 5), date(2026, 10, 18), 2, False, [1], "completed", "valencia_group", ""),
    ("janis", "learner_short_term", "participant", "tallinn", ("Tallinn", "EE"),
     date(2026, 9, 14), date(2026, 10, 9), 2, True, [1, 2], "completed", None, ""),
    ("santa", "learner_short_term", "participant", "tallinn", ("Tallinn", "EE"),
     date(2026, 9, 14), date(2026, 10, 9), 2, True, [1, 2], "completed", None, ""),
    ("edgars", "learner_short_term", "participant", "leipzig", ("Leipzig", "DE"),
     date(2026, 8, 3), date(2026, 9, 11), 2, False, [2], "completed", None, ""),
    ("rolands", "learner_short_term", "participant", "leipzig", ("Leipzig", "DE"),
     date(2026, 11, 2), date(2026, 12, 4), 2, False, [2, 7], "ongoing", None, ""),
    ("marta", "learner_short_term", "participant", "rimini", ("Rimini", "IT"),
     date(2027, 3, 1), date(2027, 3, 28), 2, False, [1, 2], "contracted",
     "rimini_accompanied", ""),
    ("evelina", "learner_short_term", "participant", "rimini", ("Rimini", "IT"),
     date(2027, 3, 1), date(2027, 3, 28), 2, False, [1, 2], "contracted",
     "rimini_accompanied", ""),
    ("sanita", "learner_short_term", "accompanying_person", "rimini", ("Rimini", "IT"),
     date(2027, 3, 1), date(2027, 3, 7), 2, False, [1], "contracted", "rimini_accompanied", ""),
    ("martins", "learner_short_term", "participant", "kaunas", ("Kaunas", "LT"),
     date(2027, 2, 8), date(2027, 2, 14), 2, True, [4], "approved", None,
     "Pirmā mobilitāte ārzemēs skolēnam no attāla lauku reģiona; īsāka prakse ar "
     "intensīvu atbalstu pēc sociālā pedagoga ieteikuma."),
    ("ralfs", "learner_short_term", "participant", "utrecht", ("Utrecht", "NL"),
     date(2027, 4, 5), date(2027, 4, 30), 2, False, [1, 4], "approved", None, ""),
    ("paula", "learner_short_term", "participant", "utrecht", ("Utrecht", "NL"),
     date(2027, 4, 5), date(2027, 4, 30), 2, False, [1, 4], "approved", None, ""),
    ("niks", "learner_short_term", "participant", "kaunas", ("Kaunas", "LT"),
     date(2027, 2, 8), date(2027, 3, 5), 2, True, [2, 4], "approved", None, ""),
    ("amanda", "learner_short_term", "participant", "valencia", ("Valencia", "ES"),
     date(2027, 5, 3), date(2027, 5, 28), 2, False, [1, 3], "planned", None, ""),
    ("toms", "learner_short_term", "participant", "tallinn", ("Tallinn", "EE"),
     date(2027, 5, 10), date(2027, 6, 4), 2, True, [2], "planned", None, ""),
    ("sindija", "learner_short_term", "participant", "rimini", ("Rimini", "IT"),
     date(2027, 4, 12), date(2027, 5, 7), 2, False, [1], "cancelled", None, ""),
    ("kristaps", "learner_erasmuspro", "participant", "leipzig", ("Leipzig", "DE"),
     date(2027, 1, 11), date(2027, 4, 16), 2, False, [2, 3, 7], "contracted", None, ""),
    ("roberts", "learner_erasmuspro", "participant", "espoo", ("Espoo", "FI"),
     date(2026, 9, 1), date(2026, 12, 18), 2, False, [2, 3], "ongoing", None, ""),
    ("katrina", "learner_short_term", "participant", "valencia", ("Valencia", "ES"),
     date(2027, 5, 3), date(2027, 5, 28), 2, False, [1, 3], "planned", None, ""),
    ("egils", "staff_job_shadowing", "participant", "espoo", ("Espoo", "FI"),
     date(2026, 10, 12), date(2026, 10, 16), 2, False, [4, 7], "completed", None, ""),
    ("guntis", "staff_job_shadowing", "participant", "utrecht", ("Utrecht", "NL"),
     date(2027, 1, 25), date(2027, 1, 31), 2, False, [4], "approved", None, ""),
    ("zane", "staff_job_shadowing", "participant", "brighton", ("Brighton", "GB"),
     date(2027, 3, 15), date(2027, 3, 19), 2, False, [2, 6], "planned", None, ""),
    ("aivars", "staff_job_shadowing", "participant", "tallinn", ("Tallinn", "EE"),
     date(2026, 11, 16), date(2026, 11, 20), 2, True, [6, 8], "completed", None, ""),
    ("andris", "staff_teaching", "participant", "kaunas", ("Kaunas", "LT"),
     date(2027, 2, 22), date(2027, 2, 26), 1, False, [4, 6], "approved", None, ""),
    ("maris", "staff_teaching", "participant", "valencia", ("Valencia", "ES"),
     date(2027, 5, 17), date(2027, 5, 22), 2, False, [4, 6], "planned", None, ""),
    ("sanita", "staff_course", "participant", "florence", ("Florence", "IT"),
     date(2026, 7, 6), date(2026, 7, 10), 2, False, [3, 4], "completed", None, ""),
    ("dace", "staff_course", "participant", "florence", ("Florence", "IT"),
     date(2026, 7, 6), date(2026, 7, 10), 2, False, [4], "completed", None, ""),
    ("ilze", "staff_course", "participant", "florence", ("Florence", "IT"),
     date(2027, 7, 5), date(2027, 7, 10), 2, False, [4, 8], "planned", None, ""),
    ("katrin", "invited_expert", "participant", None, ("Cēsis", "LV"),
     date(2027, 3, 8), date(2027, 3, 12), 2, False, [6, 7], "approved", None, ""),
    ("lucia", "hosted_teacher", "participant", None, ("Cēsis", "LV"),
     date(2027, 4, 12), date(2027, 4, 25), 2, False, [1, 6], "planned", None, ""),
]

# Invited experts and hosted teachers: the partner they come from and their home town.
INCOMING_ORIGINS = {"katrin": ("trier", "Trier", "DE"), "lucia": ("valencia", "Valencia", "ES")}
