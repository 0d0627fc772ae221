"""Long-form demo guides on why people microdose and on feeling connected, plus the
list of every guide on what people hope for in everyday life (with the creative
work and focus guides of ``content.demo_articles_work``). Same format as
``content.demo_articles``; they replace its short versions by slug.

The overview names the mental-health reasons people give, so it embeds no product.
The connection guide embeds a cookbook, which makes it advertising for it: it names
no condition, links to no guide whose title does, and promises nothing of the book
or of the habits it describes."""

from content.demo_articles import (
    ANDERSON_2019,
    HUTTEN_2019,
    JOHNSTAD_2018,
    KUYPERS_2019,
    LEA_2020,
    POLITO_2019,
    ROOTMAN_2021,
    SAFETY_NOTE,
    SZIGETI_2021,
)
from content.demo_articles_mind import CAVANNA_2022
from content.demo_articles_work import CREATIVITY, FOCUS

FADIMAN_2011 = (
    "Fadiman J",
    2011,
    "The psychedelic explorer's guide: safe, therapeutic, and sacred journeys",
    "Park Street Press",
    "",
)
WALDMAN_2017 = (
    "Waldman A",
    2017,
    "A really good day: how microdosing made a mega difference in my mood, my "
    "marriage, and my life",
    "Alfred A. Knopf",
    "",
)
ANDERSON_CODEBOOK_2019 = (
    "Anderson T, Petranker R, Christopher A, Rosenbaum D, Weissman C, "
    "Dinh-Williams LA, Hui K, Hapke E",
    2019,
    "Psychedelic microdosing benefits and challenges: an empirical codebook",
    "Harm Reduction Journal",
    "",
)
POLITO_LIKNAITZKY_2022 = (
    "Polito V, Liknaitzky P",
    2022,
    "The emerging science of microdosing: a systematic review of research on low "
    "dose psychedelics (1955-2021) and recommendations for the field",
    "Neuroscience and Biobehavioral Reviews",
    "",
)
UN_1971 = (
    "United Nations",
    1971,
    "Convention on Psychotropic Substances",
    "United Nations",
    "",
)
HOLT_LUNSTAD_2010 = (
    "Holt-Lunstad J, Smith TB, Layton JB",
    2010,
    "Social relationships and mortality risk: a meta-analytic review",
    "PLOS Medicine",
    "10.1371/journal.pmed.1000316",
)
ARON_1997 = (
    "Aron A, Melinat E, Aron EN, Vallone RD, Bator RJ",
    1997,
    "The experimental generation of interpersonal closeness: a procedure and some "
    "preliminary findings",
    "Personality and Social Psychology Bulletin",
    "",
)
DOLDER_2016 = (
    "Dolder PC, Schmid Y, Muller F, Borgwardt S, Liechti ME",
    2016,
    "LSD acutely impairs fear recognition and enhances emotional empathy and sociality",
    "Neuropsychopharmacology",
    "",
)
POKORNY_2017 = (
    "Pokorny T, Preller KH, Kometer M, Dziobek I, Vollenweider FX",
    2017,
    "Effect of psilocybin on empathy and moral decision-making",
    "International Journal of Neuropsychopharmacology",
    "",
)
MARSCHALL_2022 = (
    "Marschall J, Fejer G, Lempe P, Prochazkova L, Kuchar M, Hajkova K, van Elk M",
    2022,
    "Psilocybin microdosing does not affect emotion-related symptoms and "
    "processing: a preregistered field and lab-based study",
    "Journal of Psychopharmacology",
    "",
)

WHY = {
    "slug": "why-people-microdose",
    "title": "Why people microdose: what the surveys say",
    "standfirst": "Thousands of people have told researchers why they take tiny, "
    "regular amounts of psychedelics. Their answers are a map of hopes and habits, "
    "not proof, and learning to read that map is the first step to reading any of "
    "the studies.",
    "topics": ["meaning", "integration"],
    "access": "public",
    "body": [
        (
            "p",
            "In little more than a decade, microdosing has moved from forum threads "
            "to office small talk. The word describes taking a small fraction of a "
            "usual dose of a psychedelic such as psilocybin or LSD, usually on some "
            "days and not on others, with the aim of noticing no obvious change in "
            "perception. People who do it rarely describe it as a drug experience. "
            "They talk about it as a quiet experiment running in the background of "
            "ordinary days.",
        ),
        (
            "p",
            "Most of what is known about why they do it comes from surveys of people "
            "who already microdose. This guide gathers what those surveys asked, what "
            "people answered, and what the answers can and cannot tell us. It is the "
            "starting point for the other guides in this section, each of which "
            "follows one of the reasons people give.",
        ),
        ("callout", SAFETY_NOTE),
        ("h", "Where the idea came from"),
        (
            "p",
            "Small doses were studied now and then in the middle of the twentieth "
            "century, but the modern practice owes a great deal to one book. In 2011 "
            "the psychologist James Fadiman published a guide that included reports "
            "from volunteers who had tried very small doses and kept notes on how "
            "their days went [1]. A few years later, a memoir by the writer Ayelet "
            "Waldman about a month of microdosing carried the idea to a much wider "
            "audience [2]. Neither was a controlled study, and neither author "
            "pretended otherwise. They were invitations to look more closely, and "
            "researchers took them up.",
        ),
        ("h", "What people say they are looking for"),
        (
            "p",
            "When researchers ask about motives, the answers fall into a handful of "
            "themes. In one of the first academic surveys, doing better at work or "
            "study was the reason mentioned most often, followed by lifting mood [3]. "
            "In the largest sample so far, several thousand adults answered "
            "questions about their health and habits, and the microdosers among them "
            "most often gave reasons to do with mental health and wellbeing [4]. "
            "Other surveys heard the same themes in different proportions [5][6]:",
        ),
        (
            "p",
            "<b>Mood.</b> Easing low mood, depression or anxiety, or simply feeling "
            "more even from one day to the next, is among the reasons given most "
            "consistently. It has guides of its own, including what happened when "
            "people did not know what they were taking.",
        ),
        (
            "p",
            "<b>Creative work.</b> Writers, designers and people who solve problems "
            "for a living often say they were hoping for fresher ideas, or for an "
            "easier way past a blank page.",
        ),
        (
            "p",
            "<b>Focus.</b> Concentrating for longer and feeling less scattered comes "
            "up in almost every survey, often from people with demanding jobs.",
        ),
        (
            "p",
            "<b>Connection.</b> Some people hope to feel more present with others, "
            "more patient with family, or more at ease in company.",
        ),
        (
            "p",
            "<b>Self-care and curiosity.</b> For many, microdosing is one part of a "
            "wider effort to sleep, eat and move better. And a good number simply "
            "wanted to know what it was like.",
        ),
        ("h", "Who answers a survey about microdosing"),
        (
            "p",
            "Survey figures are easy to quote and easy to misread. People volunteer "
            "to take part, usually after finding the survey on a forum, a podcast or "
            "a mailing list about microdosing. Those who had a good time are more "
            "likely to still be microdosing and to want to talk about it. Those who "
            "found it unpleasant, or noticed nothing at all, have often moved on and "
            "never see the questionnaire. The authors of these studies point this "
            "out themselves [4][5].",
        ),
        (
            "p",
            "There is a second catch. People who choose to microdose may differ from "
            "those who do not in ways that matter. In one comparison, microdosers "
            "scored higher on open-mindedness and lower on some measures of negative "
            "emotion than people who did not microdose [5]. That could be an effect "
            "of microdosing, or a portrait of the kind of person who tries it in the "
            "first place. A single snapshot cannot tell the two apart.",
        ),
        (
            "quote",
            (
                "The people who answer a survey about microdosing are, almost by "
                "definition, the people it seemed to suit.",
                "Our editors",
            ),
        ),
        ("h", "The difficulties people describe"),
        (
            "p",
            "Surveys do not only collect good news. Asked about difficulties, people "
            "mentioned physical discomfort most often, along with feeling more "
            "anxious, restless or unfocused on some days [3][7]. Others named "
            "practical problems: not knowing exactly what a substance contains or "
            "how strong it is, and the worry of breaking the law [6][7]. These "
            "answers deserve as much weight as the hopeful ones, because they come "
            "from the same broadly enthusiastic group.",
        ),
        ("h", "What changed when people did not know"),
        (
            "p",
            "The real test of a reason is whether the effect still shows up when "
            "people cannot tell what they have taken. A citizen-science study found "
            "an ingenious way to check. Participants who already planned to "
            "microdose mixed their own capsules with empty ones, sealed in coded "
            "envelopes, so that for weeks they did not know which days were which "
            "[8]. Mood and wellbeing improved over the study, but by about as much "
            "on placebo as on the real thing, and what people believed they had "
            "taken mattered more than what they had actually taken. A small "
            "double-blind trial with dried mushrooms reached a similar place [9].",
        ),
        (
            "p",
            "A systematic review of the whole field noticed a recurring pattern: "
            "benefits were reported most readily where people knew what they were "
            "taking, and were harder to find in placebo-controlled designs [10]. "
            "None of this makes anyone's experience false. It suggests that "
            "expectation, attention and the rituals around microdosing may do much "
            "of the work that gets credited to the dose.",
        ),
        (
            "p",
            "Researchers reviewing the field have also listed how much is still "
            "unknown: what people actually take and in what amounts, how long any "
            "effect lasts, and what months or years of repeated use do to the body "
            "[11]. Those are not small gaps.",
        ),
        (
            "callout",
            (
                "The law where you live",
                "<p>Psilocybin and LSD are listed under the United Nations "
                "Convention on Psychotropic Substances of 1971, and most countries "
                "control them accordingly [12]. A few places have made exceptions, "
                "usually for research or supervised use, and the details differ a "
                "great deal from one to the next. This guide describes research; it "
                "is not a guide to obtaining or using anything.</p>",
            ),
        ),
        ("h", "Questions worth asking first"),
        (
            "p",
            "If the surveys show one thing clearly, it is that people come to "
            "microdosing with hopes about ordinary life: better days, clearer "
            "thinking, closer relationships. Those hopes are worth taking seriously "
            "for their own sake, whatever anyone decides about small doses.",
        ),
        (
            "p",
            "A few questions help to make them concrete. What exactly am I hoping "
            "will change, and how would I notice if it did? What else is changing in "
            "my life at the same time? Which of the things that reliably make a "
            "difference, such as sleep, movement, time with people and talking to a "
            "professional, have I already tried, and for how long? Writing the "
            "answers down gives you a baseline to come back to, and it is useful "
            "whatever you choose to do next.",
        ),
        (
            "p",
            "The guides below take the reasons one at a time and ask the same three "
            "things of each: what people report, what careful studies measured, and "
            "what is worth trying that needs nothing at all.",
        ),
        ("guide", "mood-depression-and-microdosing"),
        ("guide", "creativity-and-small-doses"),
        ("guide", "focus-and-attention"),
        ("guide", "connection-and-empathy"),
    ],
    "sources": [
        FADIMAN_2011,
        WALDMAN_2017,
        HUTTEN_2019,
        ROOTMAN_2021,
        ANDERSON_2019,
        LEA_2020,
        ANDERSON_CODEBOOK_2019,
        SZIGETI_2021,
        CAVANNA_2022,
        POLITO_LIKNAITZKY_2022,
        KUYPERS_2019,
        UN_1971,
    ],
}

CONNECTION = {
    "slug": "connection-and-empathy",
    "title": "Feeling connected: microdosing and relationships",
    "standfirst": "Some microdosers say they feel closer to the people around "
    "them: more patient, more present, easier in company. What interviews and "
    "diaries heard, what laboratory tests of empathy found, and what decades of "
    "research on closeness suggest you try this week.",
    "topics": ["connection"],
    "access": "public",
    "body": [
        (
            "p",
            "Picture a long dinner with old friends, the kind where nobody checks "
            "the time. You listen properly, you laugh more than usual, and on the "
            "way home you feel closer to everyone at the table than you have in "
            "months. Most of us have had evenings like that, and most of us wish "
            "we had more of them.",
        ),
        (
            "p",
            "That wish runs through many accounts of microdosing. Alongside mood "
            "and focus, people describe hoping to be more present with a partner, "
            "more patient with children, or less guarded with colleagues. This "
            "guide looks at what they reported, what careful tests of empathy "
            "measured, and what the much larger research on human closeness has "
            "to offer anyone, whatever they decide about small doses.",
        ),
        ("callout", SAFETY_NOTE),
        ("h", "Two kinds of empathy"),
        (
            "p",
            "Researchers who study empathy usually separate two abilities. "
            "Cognitive empathy is working out what someone else thinks or feels: "
            "reading a face, following the logic of a friend's decision. Emotional "
            "empathy is feeling with them: the tug you feel when a friend is upset, "
            "the warmth when they are delighted. The two often travel together, "
            "but they can come apart, and studies measure them separately.",
        ),
        ("h", "What interviewees described"),
        (
            "p",
            "In an interview study with experienced microdosers, some described "
            "feeling more at ease in company and more patient with the people close "
            "to them. Others noticed no social change at all [1]. Interviews are "
            "good at catching that kind of range, which questionnaires can "
            "flatten.",
        ),
        (
            "p",
            "A six-week diary study put numbers on it. Participants rated "
            "themselves every day on several measures, and feeling connected to "
            "others was among those that were higher on dosing days than on the "
            "days between [2]. There was no placebo, the participants knew which "
            "days were dosing days, and the authors themselves urged caution about "
            "the role of expectation.",
        ),
        ("h", "What the laboratory found at full doses"),
        (
            "p",
            "Most of what is known about psychedelics and empathy comes from "
            "studies of full doses, given to healthy volunteers in a clinic. In one "
            "placebo-controlled study, a full dose of LSD raised scores on a test "
            "of emotional empathy and increased people's wish to be with others, "
            "while making them worse at recognising fear in faces [3]. A study of "
            "psilocybin found a similar split: emotional empathy rose, while "
            "cognitive empathy, the reading of other people's minds, did not "
            "change [4].",
        ),
        (
            "p",
            "Those are interesting results, but they describe hours-long "
            "experiences under close supervision, at doses many times larger than "
            "anything people mean by microdosing. They tell us what a full dose can "
            "do in a laboratory, not what a small one does at the dinner table.",
        ),
        ("h", "And at small doses"),
        (
            "p",
            "The small-dose studies that measured emotional processing directly are "
            "few, and so far they are not encouraging. A preregistered study that "
            "combined everyday measures with laboratory tasks compared psilocybin "
            "microdoses with placebo and found no difference in how participants "
            "processed emotional material [5]. In a large self-blinding study, "
            "changes in wellbeing over several weeks were much the same on placebo "
            "as on the active capsules [6].",
        ),
        (
            "quote",
            (
                "Closeness is built in shared time, with or without a capsule.",
                "Our editors",
            ),
        ),
        (
            "callout",
            (
                "Feeling closer is not the same as being closer",
                "<p>A warm, open feeling can run ahead of the other person. If you "
                "notice yourself wanting to say everything at once, it is worth "
                "slowing down and asking how they are. Closeness that lasts tends "
                "to be built by both people, at a pace that suits both.</p>",
            ),
        ),
        ("h", "What decades of research on closeness suggest"),
        (
            "p",
            "Outside the psychedelic literature, the evidence on relationships is "
            "large and consistent. A review that pooled nearly one hundred and "
            "fifty long-term studies found that people with stronger social ties "
            "were noticeably more likely to still be alive at follow-up than people "
            "with weaker ones, a difference comparable in size to well-known risk "
            "factors such as smoking [7]. Connection is not a luxury; it is one of "
            "the foundations of a good life.",
        ),
        (
            "p",
            "Closeness can also be built on purpose, and surprisingly fast. In a "
            "classic experiment, pairs of strangers took turns asking each other a "
            "series of questions that became gradually more personal, starting "
            "with the kind of guest you would invite to dinner and ending with "
            "things you rarely say aloud. After about forty-five minutes they felt "
            "much closer than pairs who had spent the same time on small talk [8]. "
            "The lesson is not the exact questions. It is that closeness grows "
            "when both people take small, matched steps towards being known.",
        ),
        ("h", "Five small experiments in closeness"),
        (
            "p",
            "<b>A standing date.</b> Pick one person and one regular time, weekly "
            "or monthly, and protect it the way you would a work meeting.",
        ),
        (
            "p",
            '<b>A better question.</b> Swap one "How was your day?" for something '
            "with more room in it: what surprised you this week, what are you "
            "looking forward to, what has been on your mind.",
        ),
        (
            "p",
            "<b>Phones in another room.</b> A phone on the table, even face down, "
            "is a standing invitation to look away. Try one meal a week without "
            "any.",
        ),
        (
            "p",
            "<b>One old thread.</b> Send a message to someone you have lost touch "
            "with. A short note with no agenda is usually enough, and it is rarely "
            "as awkward as it feels before you send it.",
        ),
        (
            "p",
            "<b>Cook together.</b> A shared meal gives a conversation somewhere to "
            "sit. Cooking it together, with everyone chopping something, gives it "
            "even more.",
        ),
        (
            "product",
            (
                "mushroom-kitchen",
                "A cookbook of sixty mushroom recipes, from broths to tacos, for the "
                "next meal you cook together.",
            ),
        ),
        (
            "p",
            "None of these needs anything to be bought or taken, and none of them "
            "works in one evening. Like most things that matter, closeness is a "
            "habit more than an event. Keep a note of who you saw each week and "
            "how it felt; after a month, the pattern usually tells you where to "
            "put your time next.",
        ),
        ("guide", "why-people-microdose"),
        ("guide", "meaning-and-perspective"),
        ("guide", "integration-into-daily-life"),
    ],
    "sources": [
        JOHNSTAD_2018,
        POLITO_2019,
        DOLDER_2016,
        POKORNY_2017,
        MARSCHALL_2022,
        SZIGETI_2021,
        HOLT_LUNSTAD_2010,
        ARON_1997,
    ],
}

LIFE_ARTICLES = [WHY, CREATIVITY, FOCUS, CONNECTION]
