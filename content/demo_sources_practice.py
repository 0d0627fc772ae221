"""Published sources cited by the practice guides (vitality, meaning, integration).

Same shape as the tuples in ``content.demo_articles``: authors, year, title, journal or
publisher, DOI (left empty unless certain).
"""

ANDERSON_CODEBOOK_2019 = (
    "Anderson T, Petranker R, Christopher A, Rosenbaum D, Weissman C, "
    "Dinh-Williams LA, Hui K, Hapke E",
    2019,
    "Psychedelic microdosing benefits and challenges: an empirical codebook",
    "Harm Reduction Journal",
    "",
)
HIRSHKOWITZ_2015 = (
    "Hirshkowitz M, Whiton K, Albert SM, Alessi C, Bruni O, DonCarlos L, Hazen N, "
    "Herman J, Katz ES, Kheirandish-Gozal L, et al.",
    2015,
    "National Sleep Foundation's sleep time duration recommendations: methodology "
    "and results summary",
    "Sleep Health",
    "",
)
BULL_2020 = (
    "Bull FC, Al-Ansari SS, Biddle S, Borodulin K, Buman MP, Cardon G, Carty C, "
    "Chaput JP, Chastin S, Chou R, et al.",
    2020,
    "World Health Organization 2020 guidelines on physical activity and sedentary "
    "behaviour",
    "British Journal of Sports Medicine",
    "",
)
WHITE_2019 = (
    "White MP, Alcock I, Grellier J, Wheeler BW, Hartig T, Warber SL, Bone A, "
    "Depledge MH, Fleming LE",
    2019,
    "Spending at least 120 minutes a week in nature is associated with good health "
    "and wellbeing",
    "Scientific Reports",
    "",
)
LALLY_2010 = (
    "Lally P, van Jaarsveld CHM, Potts HWW, Wardle J",
    2010,
    "How are habits formed: modelling habit formation in the real world",
    "European Journal of Social Psychology",
    "",
)
STEGER_2006 = (
    "Steger MF, Frazier P, Oishi S, Kaler M",
    2006,
    "The Meaning in Life Questionnaire: assessing the presence of and search for "
    "meaning in life",
    "Journal of Counseling Psychology",
    "",
)
GRIFFITHS_2006 = (
    "Griffiths RR, Richards WA, McCann U, Jesse R",
    2006,
    "Psilocybin can occasion mystical-type experiences having substantial and "
    "sustained personal meaning and spiritual significance",
    "Psychopharmacology",
    "",
)
KELTNER_HAIDT_2003 = (
    "Keltner D, Haidt J",
    2003,
    "Approaching awe, a moral, spiritual, and aesthetic emotion",
    "Cognition and Emotion",
    "",
)
PIFF_2015 = (
    "Piff PK, Dietze P, Feinberg M, Stancato DM, Keltner D",
    2015,
    "Awe, the small self, and prosocial behavior",
    "Journal of Personality and Social Psychology",
    "",
)
BAUMEISTER_2013 = (
    "Baumeister RF, Vohs KD, Aaker JL, Garbinsky EN",
    2013,
    "Some key differences between a happy life and a meaningful life",
    "Journal of Positive Psychology",
    "",
)
HARKIN_2016 = (
    "Harkin B, Webb TL, Chang BPI, Prestwich A, Conner M, Kellar I, Benn Y, Sheeran P",
    2016,
    "Does monitoring goal progress promote goal attainment? A meta-analysis of the "
    "experimental evidence",
    "Psychological Bulletin",
    "",
)
PENNEBAKER_1997 = (
    "Pennebaker JW",
    1997,
    "Writing about emotional experiences as a therapeutic process",
    "Psychological Science",
    "",
)
GOLLWITZER_SHEERAN_2006 = (
    "Gollwitzer PM, Sheeran P",
    2006,
    "Implementation intentions and goal achievement: a meta-analysis of effects "
    "and processes",
    "Advances in Experimental Social Psychology",
    "",
)
