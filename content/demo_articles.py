"""The demo articles, written for this shop. Educational, balanced, no product claims.

Each body item is (kind, value): "p" paragraph HTML, "h" heading, "quote",
"callout" (title, text), "product" (slug, note), "guide" (slug of another article).
Sources are (authors, year, title, journal or publisher, DOI); a DOI is given only
where it is certain, otherwise left empty.
"""

ANDERSON_2019 = (
    "Anderson T, Petranker R, Rosenbaum D, Weissman CR, Dinh-Williams LA, Hui K, "
    "Hapke E, Farb NAS",
    2019,
    "Microdosing psychedelics: personality, mental health, and creativity "
    "differences in microdosers",
    "Psychopharmacology",
    "10.1007/s00213-018-5106-2",
)
ROOTMAN_2021 = (
    "Rootman JM, Kryskow P, Harvey K, Stamets P, Santos-Brault E, Kuypers KPC, "
    "Polito V, Bourzat F, Walsh Z",
    2021,
    "Adults who microdose psychedelics report health related motivations and lower "
    "levels of anxiety and depression compared to non-microdosers",
    "Scientific Reports",
    "10.1038/s41598-021-01811-4",
)
ROOTMAN_2022 = (
    "Rootman JM, Kiraga M, Kryskow P, Harvey K, Stamets P, Santos-Brault E, "
    "Kuypers KPC, Walsh Z",
    2022,
    "Psilocybin microdosers demonstrate greater observed improvements in mood and "
    "mental health at one month relative to non-microdosing controls",
    "Scientific Reports",
    "10.1038/s41598-022-14512-3",
)
POLITO_2019 = (
    "Polito V, Stevenson RJ",
    2019,
    "A systematic study of microdosing psychedelics",
    "PLOS ONE",
    "10.1371/journal.pone.0211023",
)
JOHNSTAD_2018 = (
    "Johnstad PG",
    2018,
    "Powerful substances in tiny amounts: an interview study of psychedelic "
    "microdosing",
    "Nordic Studies on Alcohol and Drugs",
    "",
)
SZIGETI_2021 = (
    "Szigeti B, Kartner L, Blemings A, Rosas F, Feilding A, Nutt DJ, "
    "Carhart-Harris RL, Erritzoe D",
    2021,
    "Self-blinding citizen science to explore psychedelic microdosing",
    "eLife",
    "10.7554/eLife.62878",
)
LY_2018 = (
    "Ly C, Greb AC, Cameron LP, Wong JM, Barragan EV, Wilson PC, Burbach KF, "
    "Soltanzadeh Zarandi S, Sood A, Paddy MR, Duim WC, Dennis MY, McAllister AK, "
    "Ori-McKenney KM, Gray JA, Olson DE",
    2018,
    "Psychedelics promote structural and functional neural plasticity",
    "Cell Reports",
    "10.1016/j.celrep.2018.05.022",
)
HUTTEN_2019 = (
    "Hutten NRPW, Mason NL, Dolder PC, Kuypers KPC",
    2019,
    "Motives and side-effects of microdosing with psychedelics among users",
    "International Journal of Neuropsychopharmacology",
    "",
)
KUYPERS_2019 = (
    "Kuypers KPC, Ng L, Erritzoe D, Knudsen GM, Nichols CD, Nichols DE, Pani L, "
    "Soula A, Nutt D",
    2019,
    "Microdosing psychedelics: more questions than answers? An overview and "
    "suggestions for future research",
    "Journal of Psychopharmacology",
    "",
)
PROCHAZKOVA_2018 = (
    "Prochazkova L, Lippelt DP, Colzato LS, Kuchar M, Sjoerds Z, Hommel B",
    2018,
    "Exploring the effect of microdosing psychedelics on creativity in an "
    "open-label natural setting",
    "Psychopharmacology",
    "",
)
BERSHAD_2019 = (
    "Bershad AK, Schepers ST, Bremmer MP, Lee R, de Wit H",
    2019,
    "Acute subjective and behavioral effects of microdoses of lysergic acid "
    "diethylamide in healthy human volunteers",
    "Biological Psychiatry",
    "",
)
LEA_2020 = (
    "Lea T, Amada N, Jungaberle H, Schecke H, Klein M",
    2020,
    "Microdosing psychedelics: motivations, subjective effects and harm reduction",
    "International Journal of Drug Policy",
    "",
)

SAFETY_NOTE = (
    "A note before you read on",
    "<p>Psilocybin and similar substances are controlled in most places. This "
    "article describes research and what people report; it is not advice to take "
    "anything, and it is not medical advice. If you are struggling, talk to a "
    "qualified professional.</p>",
)

ARTICLES = [
    {
        "slug": "why-people-microdose",
        "title": "Why people microdose: what the surveys say",
        "standfirst": "Large surveys asked thousands of people why they take tiny, "
        "regular doses of psychedelics. Their answers are a map of hopes, not proof.",
        "topics": ["meaning", "integration"],
        "access": "public",
        "body": [
            (
                "p",
                "Microdosing means taking a small fraction of a typical dose, often "
                "on a schedule with rest days in between, with the aim of noticing no "
                "obvious perceptual change. Most of what is known comes from people "
                "who already microdose and agree to fill in questionnaires [1][2].",
            ),
            (
                "p",
                "When researchers asked people why they started, the same themes "
                "came back again and again: hoping to feel better in their mood, to "
                "think more freely, to concentrate, to feel closer to others, and to "
                "take better care of themselves [2][3].",
            ),
            ("callout", SAFETY_NOTE),
            ("h", "Reading surveys carefully"),
            (
                "p",
                "Surveys describe the people who answer them. Those who had a good "
                "time are more likely to keep microdosing and to volunteer for a "
                "study, "
                "so the picture leans positive. The researchers themselves say so "
                "[1][4].",
            ),
            (
                "quote",
                (
                    "A survey tells you what people hope for and notice. It "
                    "cannot tell you what caused it.",
                    "Our editors",
                ),
            ),
            (
                "p",
                "The articles in this section follow those themes one at a time, "
                "and for each one we look at what careful studies found, including the "
                "ones where the results were disappointing.",
            ),
        ],
        "sources": [ANDERSON_2019, ROOTMAN_2021, HUTTEN_2019, KUYPERS_2019],
    },
    {
        "slug": "mood-depression-and-microdosing",
        "title": "Low mood, depression and microdosing: hopes and evidence",
        "standfirst": "Many microdosers say they started because of low mood. What "
        "observational studies report, and why the placebo question matters.",
        "topics": ["depression"],
        "access": "public",
        "body": [
            (
                "p",
                "In the largest observational studies, a sizeable share of "
                "microdosers said that easing low mood or depression was one reason "
                "they began [1]. People who microdosed also reported lower scores on "
                "questionnaires about depression than people who did not, but a "
                "snapshot like that cannot show which came first [1].",
            ),
            (
                "p",
                "A follow-up study tracked people for about a month and found "
                "larger improvements in self-reported mood among microdosers than "
                "among non-microdosers [2]. It was not randomised, and the "
                "participants knew what they were taking.",
            ),
            ("callout", SAFETY_NOTE),
            ("h", "The placebo problem"),
            (
                "p",
                "A clever citizen-science study asked microdosers to blind "
                "themselves with a kit of real and empty capsules. Wellbeing improved "
                "over the weeks, but about as much in the placebo group as in the "
                "microdose group [3]. Expectation seems to do a lot of the work.",
            ),
            (
                "p",
                "None of this tells anyone what to do. Depression is a serious "
                "condition, and there are treatments with strong evidence behind "
                "them. If your mood has been low for a while, a doctor or therapist "
                "is the right first call.",
            ),
            ("guide", "why-people-microdose"),
        ],
        "sources": [ROOTMAN_2021, ROOTMAN_2022, SZIGETI_2021],
    },
    {
        "slug": "stress-anxiety-and-the-expectation-effect",
        "title": "Stress, anxiety and the expectation effect",
        "standfirst": "Feeling calmer is one of the most common hopes microdosers "
        "mention. Controlled studies help estimate how much of it comes from "
        "expectation.",
        "topics": ["stress", "anxiety"],
        "access": "members",
        "body": [
            (
                "p",
                "In surveys, people who microdose often describe feeling calmer "
                "and less caught up in worry, and in one large sample they reported "
                "lower levels of anxiety than people who did not microdose [1].",
            ),
            (
                "p",
                "Interviews give a more mixed picture: some people said small "
                "doses made them feel more on edge, especially at first [2][3].",
            ),
            ("h", "What the laboratory found"),
            (
                "p",
                "In a placebo-controlled laboratory study with healthy volunteers, "
                "very small doses produced some measurable subjective effects, but few "
                "clear changes in mood or thinking tasks [4]. The self-blinding study "
                "found that people's guesses about their capsules predicted how they "
                "felt better than the capsules themselves [5].",
            ),
            (
                "p",
                "Everyday routines with good evidence for feeling calmer, such as "
                "sleep, movement, time outside and talking to people we trust, are "
                "worth trying first.",
            ),
            ("guide", "mood-depression-and-microdosing"),
        ],
        "sources": [
            ROOTMAN_2021,
            JOHNSTAD_2018,
            HUTTEN_2019,
            BERSHAD_2019,
            SZIGETI_2021,
        ],
    },
    {
        "slug": "creativity-and-small-doses",
        "title": "Creativity and small doses: what has been measured",
        "standfirst": "Creative work is a frequent reason people give for "
        "microdosing. A handful of studies tried to measure it.",
        "topics": ["creativity"],
        "access": "public",
        "body": [
            (
                "p",
                "In one study, people attending microdosing events solved "
                "creativity puzzles before and after a small dose. Some scores went "
                "up, but there was no control group, so practice and mood on the day "
                "could explain part of it [1].",
            ),
            (
                "p",
                "In survey data, microdosers score higher on some measures "
                "of open-mindedness and creative thinking than non-microdosers, which "
                "may say more about who chooses to microdose than about the dose [2].",
            ),
            ("h", "A practical idea that needs no substance"),
            (
                "p",
                "What many participants describe is a habit of noticing: writing "
                "down ideas, paying attention to the day, reflecting on it. That part "
                "anyone can do with a notebook.",
            ),
            (
                "product",
                (
                    "microdosing-journal",
                    "A notebook with prompts for reflecting on your days.",
                ),
            ),
            ("guide", "why-people-microdose"),
        ],
        "sources": [PROCHAZKOVA_2018, ANDERSON_2019],
    },
    {
        "slug": "focus-and-attention",
        "title": "Focus and attention: separating hope from measurement",
        "standfirst": "Sharper concentration is one of the things microdosers most "
        "often hope for. Controlled tests have mostly found small or no changes.",
        "topics": ["focus"],
        "access": "paid",
        "body": [
            (
                "p",
                "Concentration comes up in nearly every survey of why people "
                "microdose [1][2]. In daily diaries, people in one study rated their "
                "focus higher on dosing days than on other days [3].",
            ),
            (
                "p",
                "Laboratory tests tell a more modest story: with careful blinding, "
                "attention and memory tasks changed little, if at all [4].",
            ),
            ("h", "Why diaries and tests disagree"),
            (
                "p",
                "A dosing day is also a day someone has decided to pay attention "
                "to. Expectation, routine and the act of taking notes can all make a "
                "day feel more focused.",
            ),
            (
                "p",
                "Small, steady habits such as a clear desk, a single task at a "
                "time and a warm drink at the start of a work session are simple "
                "rituals many readers like.",
            ),
            (
                "product",
                (
                    "peppermint-tea",
                    "A caffeine-free tea some of our editors drink at their desks.",
                ),
            ),
            ("guide", "creativity-and-small-doses"),
        ],
        "sources": [HUTTEN_2019, LEA_2020, POLITO_2019, BERSHAD_2019],
    },
    {
        "slug": "connection-and-empathy",
        "title": "Feeling connected: microdosing and relationships",
        "standfirst": "Some microdosers say they feel closer to the people around "
        "them. Here is what interview studies heard, in their own words.",
        "topics": ["connection"],
        "access": "public",
        "body": [
            (
                "p",
                "In interviews, several people described feeling more present in "
                "conversation and more patient with family and friends while "
                "microdosing [1]. Others noticed no social change at all.",
            ),
            (
                "p",
                "In a six-week study with daily ratings, participants reported "
                "small shifts in how connected they felt, alongside changes in many "
                "other ratings, and the authors urge caution about expectation "
                "[2].",
            ),
            (
                "quote",
                (
                    "Connection is built in shared time, with or without a capsule.",
                    "Our editors",
                ),
            ),
            (
                "p",
                "If feeling connected is your goal, the best-studied ways are "
                "also the simplest: regular time with people you care about, shared "
                "meals and shared activities.",
            ),
            ("guide", "why-people-microdose"),
        ],
        "sources": [JOHNSTAD_2018, POLITO_2019],
    },
    {
        "slug": "vitality-and-self-care",
        "title": "Vitality and self-care: the routines around microdosing",
        "standfirst": "People often describe microdosing as part of a larger "
        "change in how they look after themselves: food, movement, sleep.",
        "topics": ["vitality"],
        "access": "public",
        "body": [
            (
                "p",
                "When asked what else changed, many microdosers mention that "
                "they began eating better, moving more and keeping regular hours at "
                "the same time [1][2].",
            ),
            (
                "p",
                "That makes it hard to say what any single change did. It also "
                "points to something useful: small, sustainable routines are a "
                "reasonable place to begin.",
            ),
            ("h", "A kitchen habit"),
            (
                "p",
                "Cooking with mushrooms from the grocery shop is a pleasant way "
                "to bring more variety to the table.",
            ),
            (
                "product",
                ("mushroom-kitchen", "A cookbook of everyday mushroom recipes."),
            ),
            ("guide", "integration-into-daily-life"),
        ],
        "sources": [LEA_2020, HUTTEN_2019],
    },
    {
        "slug": "meaning-and-perspective",
        "title": "Meaning and perspective",
        "standfirst": "Beyond mood and focus, some people say microdosing is about "
        "perspective: noticing what matters to them.",
        "topics": ["meaning"],
        "access": "public",
        "body": [
            (
                "p",
                "In open-ended survey answers, people wrote about feeling more "
                "engaged with nature, with their work and with their values [1]. "
                "These are personal accounts and deserve to be read as such.",
            ),
            (
                "p",
                "Researchers have pointed out how little is known about long-term "
                "use and how much remains to be studied [2].",
            ),
            ("h", "Questions worth asking yourself"),
            (
                "p",
                "What would a more meaningful week look like? Which parts of it "
                "are already within reach? Writing the answers down is a good start.",
            ),
            ("guide", "connection-and-empathy"),
        ],
        "sources": [ANDERSON_2019, KUYPERS_2019],
    },
    {
        "slug": "integration-into-daily-life",
        "title": "Integration: fitting reflection into daily life",
        "standfirst": "Integration means making sense of experiences and turning "
        "insights into habits. It is the part people say matters most.",
        "topics": ["integration"],
        "access": "public",
        "body": [
            (
                "p",
                "Interviewees often said the lasting value lay less in any single "
                "day than in what they did with their observations afterwards [1].",
            ),
            (
                "p",
                "Practical integration looks ordinary: keeping notes, reviewing "
                "them weekly, talking things through with someone you trust and "
                "deciding on one small change at a time.",
            ),
            ("product", ("microdosing-journal", "Prompts for a weekly review.")),
            ("guide", "meaning-and-perspective"),
        ],
        "sources": [JOHNSTAD_2018],
    },
    {
        "slug": "the-science-of-neuroplasticity",
        "title": "The science of neuroplasticity, explained",
        "standfirst": "In laboratory studies, psychedelics changed how nerve "
        "cells grow connections. What that does and does not mean for people.",
        "topics": ["neuroplasticity"],
        "access": "public",
        "body": [
            (
                "p",
                "Neuroplasticity is the brain's ability to change its connections "
                "with experience. In cell cultures and in animals, several "
                "psychedelics increased the growth of dendrites and the number of "
                "synapses [1].",
            ),
            (
                "p",
                "Those experiments used doses and settings far from human "
                "microdosing, and nobody yet knows whether small repeated doses do "
                "anything similar in people [2].",
            ),
            ("h", "Why it gets attention anyway"),
            (
                "p",
                "Because plasticity is linked to learning, the finding gives "
                "researchers a clear question to test. Until those trials report, it "
                "is a hypothesis, not a result.",
            ),
            ("guide", "why-people-microdose"),
        ],
        "sources": [LY_2018, KUYPERS_2019],
    },
]
