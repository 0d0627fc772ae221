"""Long-form demo guides on mental health: low mood, stress and anxiety, each its own
article. Same format as ``content.demo_articles``; they replace its short versions
by slug (and add the anxiety guide). They embed no product: an article that links
to a product is advertising for it, and may not name a condition."""

from content.demo_articles import (
    BERSHAD_2019,
    HUTTEN_2019,
    JOHNSTAD_2018,
    KUYPERS_2019,
    LEA_2020,
    ROOTMAN_2021,
    ROOTMAN_2022,
    SAFETY_NOTE,
    SZIGETI_2021,
)

CARHART_HARRIS_2021 = (
    "Carhart-Harris R, Giribaldi B, Watts R, Baker-Jones M, Murphy-Beiner A, "
    "Murphy R, Martell J, Blemings A, Erritzoe D, Nutt DJ",
    2021,
    "Trial of psilocybin versus escitalopram for depression",
    "New England Journal of Medicine",
    "10.1056/NEJMoa2032994",
)
KAERTNER_2021 = (
    "Kaertner LS, Steinborn MB, Kettner H, Spriggs MJ, Roseman L, Buchborn T, "
    "Balaet M, Timmermann C, Erritzoe D, Carhart-Harris RL",
    2021,
    "Positive expectations predict improved mental-health outcomes linked to "
    "psychedelic microdosing",
    "Scientific Reports",
    "",
)
CAVANNA_2022 = (
    "Cavanna F, Muller S, de la Fuente LA, Zamberlan F, Palmucci M, Janeckova L, "
    "Kuchar M, Pallavicini C, Tagliazucchi E",
    2022,
    "Microdosing with psilocybin mushrooms: a double-blind placebo-controlled study",
    "Translational Psychiatry",
    "",
)
MCEWEN_2007 = (
    "McEwen BS",
    2007,
    "Physiology and neurobiology of stress and adaptation: central role of the brain",
    "Physiological Reviews",
    "",
)
DE_WIT_2022 = (
    "de Wit H, Molla HM, Bershad A, Bremmer M, Lee R",
    2022,
    "Repeated low doses of LSD in healthy adults: a placebo-controlled, "
    "dose-response study",
    "Addiction Biology",
    "",
)

DEPRESSION = {
    "slug": "mood-depression-and-microdosing",
    "title": "Low mood, depression and microdosing: hopes and evidence",
    "standfirst": "Many people who microdose say they started because of low mood. "
    "Here is what the observational studies report, what the controlled trials "
    "found, and why the placebo question sits at the centre of it all.",
    "topics": ["depression"],
    "access": "public",
    "body": [
        (
            "p",
            "Ask people who microdose why they began, and low mood comes up more "
            "than almost any other reason. In one of the largest samples collected so "
            "far, several thousand adults filled in questionnaires about their "
            "mental health and their habits, and a large share of the microdosers "
            "said that easing depression or anxiety was part of why they started "
            "[1]. That alone tells us something worth taking seriously: a lot of "
            "people are looking for relief, and some of them are looking outside the "
            "doctor's surgery.",
        ),
        (
            "p",
            "This guide walks through what the research can and cannot say. It is "
            "not a recommendation. Depression is a medical condition with "
            "treatments that have strong evidence behind them, and the substances "
            "discussed here are controlled in most countries.",
        ),
        ("callout", SAFETY_NOTE),
        ("h", "Depression is more than a bad week"),
        (
            "p",
            "Everyone has low days. Clinical depression is different in how long it "
            "lasts and how much it takes away: weeks of flat or heavy mood, loss of "
            "interest in things that used to matter, changes in sleep and appetite, "
            "trouble concentrating, and sometimes thoughts of not wanting to be "
            "alive. It is common, it is nobody's fault, and it usually responds to "
            "care. That last point is the one to hold on to while reading about "
            "anything experimental.",
        ),
        (
            "p",
            "It also matters because depression changes how we judge our own "
            "experience. A questionnaire filled in on a good day and one filled in "
            "on a bad day can look like two different people. Any study that relies "
            "on self-report, and most microdosing studies do, inherits that "
            "wobble.",
        ),
        ("h", "What the surveys found"),
        (
            "p",
            "Cross-sectional surveys compare people at one moment. In the large "
            "study mentioned above, microdosers reported lower scores on depression "
            "and anxiety questionnaires than people who did not microdose [1]. It "
            "is tempting to read that as cause and effect. It is not. People who "
            "feel well may be more likely to keep microdosing and to answer a "
            "survey about it; people for whom it went badly may simply have "
            "stopped and moved on.",
        ),
        (
            "p",
            "A follow-up by the same group tracked participants for about a month. "
            "Those who microdosed reported larger improvements in mood than those "
            "who did not [2]. That is a step forward, because it looks at change "
            "over time rather than a single snapshot. But the participants chose "
            "whether to microdose, knew what they were taking, and expected "
            "something to happen. Each of those can move a mood score on its own.",
        ),
        (
            "quote",
            (
                "A survey tells you what people hope for and notice. It cannot tell "
                "you what caused it.",
                "Our editors",
            ),
        ),
        ("h", "The placebo question"),
        (
            "p",
            "The most elegant attempt to answer it came from a citizen-science "
            "study. Instead of giving people anything, researchers sent "
            "instructions for a self-blinding kit: people who already planned to "
            "microdose mixed their own capsules with empty ones in envelopes marked "
            "only with codes, so that over several weeks they did not know which "
            "days were which [3]. Wellbeing and mood improved during the study. "
            "They improved about as much on placebo as on the real thing.",
        ),
        (
            "p",
            "A later analysis of similar data found that what people expected "
            "before they started predicted how much better they felt afterwards "
            "[4]. A small double-blind study with dried mushrooms, run in a more "
            "conventional way, reached a similar place: participants could often "
            "guess when they had taken the active dose, and the differences in mood "
            "and wellbeing between conditions were small [5].",
        ),
        (
            "p",
            "None of this means the improvements people describe are imaginary. "
            "Expectation, attention and ritual are real forces. Deciding to do "
            "something about how you feel, tracking your days, talking about it "
            "with others: all of that can lift mood. The open question is whether "
            "the tiny dose adds anything on top.",
        ),
        ("h", "Full doses are a different question"),
        (
            "p",
            "Much of the excitement about psychedelics and depression comes from "
            "trials of single, full doses given with careful preparation and "
            "support from trained therapists, in a clinic. In one randomised trial, "
            "psilocybin given that way was compared with a standard prescription "
            "medicine "
            "over six weeks [6]. It is an active area of research with cautious "
            "results, and it is not the same thing as microdosing: the dose, the "
            "setting, the screening and the professional support are all "
            "different. Findings from one do not transfer to the other.",
        ),
        ("h", "If your mood has been low for a while"),
        (
            "p",
            "The steps with the best evidence are not exotic. Talk to a doctor, "
            "who can rule out physical causes and discuss talking therapies and "
            "medication. Psychological therapies such as cognitive behavioural "
            "therapy help many people. Regular movement, daylight, enough sleep "
            "and contact with people you feel close to all have research behind "
            "them, and they make other help work better.",
        ),
        (
            "callout",
            (
                "If you are in crisis",
                "<p>If you are thinking about harming yourself, contact your local "
                "emergency number or a crisis line now. You do not have to manage "
                "this alone.</p>",
            ),
        ),
        (
            "p",
            "If you want to notice patterns in your mood, a written record is "
            "useful whatever else you do. A few lines a day about sleep, activity, "
            "what went well and what did not can show a doctor or therapist much "
            "more than memory can.",
        ),
        ("h", "What we would like to know next"),
        (
            "p",
            "Researchers have been clear about the gaps [7]. We need larger "
            "placebo-controlled trials that include people who actually have "
            "depression, rather than healthy volunteers, that run for months "
            "rather than weeks, and that measure harms as carefully as benefits. "
            "Until then, the honest summary is short: many people report feeling "
            "better, and we do not yet know how much of that the dose itself "
            "explains.",
        ),
        ("guide", "why-people-microdose"),
        ("guide", "stress-anxiety-and-the-expectation-effect"),
    ],
    "sources": [
        ROOTMAN_2021,
        ROOTMAN_2022,
        SZIGETI_2021,
        KAERTNER_2021,
        CAVANNA_2022,
        CARHART_HARRIS_2021,
        KUYPERS_2019,
    ],
}

STRESS = {
    "slug": "stress-anxiety-and-the-expectation-effect",
    "title": "Stress and the expectation effect",
    "standfirst": "Feeling calmer under pressure is one of the most common hopes "
    "people mention. Controlled studies help estimate how much of that calm comes "
    "from what we expect, and what everyday stress actually is.",
    "topics": ["stress"],
    "access": "members",
    "body": [
        (
            "p",
            "Stress is the one on this list that everybody knows from the inside: "
            "the tight chest before a deadline, the 3 a.m. replay of a difficult "
            "conversation, the week when everything arrives at once. In surveys, "
            "people who microdose often describe feeling less swept along by it, "
            "more able to take a step back [1]. That is a very appealing idea. It "
            "is also exactly the kind of effect that expectation can produce on its "
            "own.",
        ),
        (
            "p",
            "This members' guide looks at what stress is in the body, what "
            "microdosers report, what happened when researchers hid from people "
            "which capsule they were taking, and which habits have the strongest "
            "evidence for a calmer week. It ends with a simple way to test your own "
            "expectations.",
        ),
        ("h", "Stress is a response, not a flaw"),
        (
            "p",
            "The stress response exists to help. Faced with a demand, the body "
            "raises heart rate, releases cortisol and adrenaline, and sharpens "
            "attention. When the demand passes, the system settles. Trouble starts "
            "when it does not settle: when demands pile up without recovery, the "
            "same chemistry that helps in a sprint starts to wear us down, "
            "affecting sleep, mood, appetite and concentration [2].",
        ),
        (
            "p",
            "That framing matters, because it means the goal is rarely to feel no "
            "stress. It is to recover between stresses, and to have enough "
            "resources that demands feel manageable.",
        ),
        ("h", "What people report"),
        (
            "p",
            "In large questionnaire studies, microdosers described themselves as "
            "calmer, and their questionnaire scores for stress and anxiety were "
            "lower than those of comparison "
            "groups [1]. Interview studies paint a more mixed picture. Some people "
            "said small doses made them feel more on edge, restless or "
            "overstimulated, especially at first, and some stopped for that reason "
            "[3][4].",
        ),
        (
            "quote",
            (
                "The same small dose was described as calming by one person and "
                "jittery by the next.",
                "From the interview studies",
            ),
        ),
        ("h", "When people did not know what they took"),
        (
            "p",
            "In a placebo-controlled laboratory study with healthy volunteers, "
            "very small doses produced some measurable subjective effects, but few "
            "clear changes in mood or on thinking tasks [5]. A later study with "
            "repeated low doses over several sessions reported similar results: "
            "people noticed something at the higher doses, but emotional and "
            "cognitive measures barely moved [6].",
        ),
        (
            "p",
            "The self-blinding study went further. Participants prepared their own "
            "capsules so they could not tell which days were real, then guessed "
            "afterwards. Their guesses predicted how they felt better than the "
            "capsules did [7]. If you believed you had taken the dose, you tended to "
            "feel calmer, whether or not you had.",
        ),
        (
            "callout",
            (
                "What this does not mean",
                "<p>Expectation effects are not a trick or a weakness. They show "
                "how strongly attention and belief shape how a day feels, which is "
                "useful to know whatever you decide to do.</p>",
            ),
        ),
        ("h", "Recovery is the part we skip"),
        (
            "p",
            "Research on work and wellbeing keeps returning to one finding: what "
            "predicts how worn down people feel is not only how hard they work but "
            "whether they recover afterwards. Recovery means time when the mind is "
            "genuinely off duty, absorbed in something unrelated, moving, resting or "
            "with other people. Checking messages on the sofa does not count, "
            "however relaxed it looks from the outside.",
        ),
        (
            "p",
            "This is also where expectation comes back in. If we believe an evening "
            "walk or a cup of tea is how we switch off, the ritual itself starts to "
            "signal safety to the body. That is not a reason to dismiss rituals; it "
            "is a reason to choose them on purpose and keep them regular, because a "
            "ritual used only in emergencies loses much of its pull.",
        ),
        ("h", "Habits with stronger evidence"),
        (
            "p",
            "For everyday stress, the well-studied levers are unglamorous and "
            "reliable. Regular physical activity lowers the body's baseline "
            "arousal. Consistent sleep and wake times help the stress response "
            "settle overnight. Time outside, especially in green places, is linked "
            "to people saying they feel more at ease. Talking to someone you trust "
            "helps put a "
            "problem in proportion. Structured practices such as slow breathing or "
            "mindfulness have been tested in many trials, with modest but real "
            "benefits.",
        ),
        (
            "p",
            "None of these needs anything to be bought, and all of them combine "
            "well. Many people who report feeling calmer while microdosing also "
            "describe starting to exercise, journal or meditate at the same time "
            "[3], which makes it hard to know which change did the work.",
        ),
        ("h", "A simple experiment with your own expectations"),
        (
            "p",
            "You can borrow the researchers' idea without any substance at all. "
            "For two weeks, rate your stress each evening from one to ten and note "
            "one thing that raised it and one that lowered it. In the second week, "
            "add one habit, such as a twenty-minute walk at lunch, and keep "
            "rating. Writing it down is what makes it work: memory tends to keep "
            "the dramatic days and lose the ordinary ones.",
        ),
        (
            "p",
            "If stress has become constant, if it is affecting your sleep for "
            "weeks, or if it tips into panic, talk to a doctor. Persistent stress "
            "and anxiety disorders are common, and there is effective help.",
        ),
        (
            "p",
            "Whatever you try, give it time and judge it on the record rather than "
            "the mood of a single evening. Stress moves in weekly and seasonal "
            "rhythms: a quiet fortnight can make any new habit look brilliant, and a "
            "hard one can make it look useless. Four weeks of notes tell you far "
            "more than either, and they give you something concrete to bring if "
            "you decide to talk it through with a professional.",
        ),
        ("guide", "anxiety-what-the-studies-measured"),
        ("guide", "mood-depression-and-microdosing"),
    ],
    "sources": [
        ROOTMAN_2021,
        MCEWEN_2007,
        JOHNSTAD_2018,
        HUTTEN_2019,
        BERSHAD_2019,
        DE_WIT_2022,
        SZIGETI_2021,
    ],
}

ANXIETY = {
    "slug": "anxiety-what-the-studies-measured",
    "title": "Anxiety: what the studies measured, and what they missed",
    "standfirst": "Anxiety is not just stress turned up. It has its own patterns, "
    "and the research on small doses has its own surprises, including reports of "
    "feeling more on edge.",
    "topics": ["anxiety"],
    "access": "members",
    "body": [
        (
            "p",
            "Anxiety and stress are often spoken of in one breath, but they are "
            "not the same. Stress is usually a response to something in front of "
            "us. Anxiety tends to run ahead: worry about what might happen, a body "
            "braced for a threat that has not arrived, and sometimes a sense of "
            "dread with no clear cause at all. For some people it stays in the "
            "background; for others it shapes where they go and what they avoid.",
        ),
        (
            "p",
            "That difference matters when we read the research on microdosing, "
            "because a substance that makes one person feel more open can make an "
            "anxious person feel more exposed. The studies contain both stories. "
            "This guide separates them.",
        ),
        ("callout", SAFETY_NOTE),
        ("h", "The shapes anxiety takes"),
        (
            "p",
            "Clinicians distinguish several forms: generalised anxiety, where "
            "worry spreads across many areas of life; panic, with sudden waves of "
            "intense physical fear; social anxiety, centred on being judged; and "
            "specific fears. They share a core of heightened threat detection, and "
            "they respond to many of the same treatments, especially cognitive "
            "behavioural therapy, which has some of the strongest evidence in "
            "mental health care.",
        ),
        ("h", "Lower scores in surveys"),
        (
            "p",
            "In the largest comparison study, people who microdosed reported lower "
            "anxiety scores than people who did not [1]. As with mood, that is a "
            "snapshot of a self-selected group. People who found small doses made "
            "them anxious are exactly the people most likely to have stopped "
            "before any researcher asked.",
        ),
        ("h", "More on edge, for some"),
        (
            "p",
            "When researchers asked microdosers about side effects, increased "
            "anxiety was among the most commonly mentioned, alongside "
            "restlessness, poor sleep and headaches [2]. In interviews, some "
            "people described a kind of heightened alertness that felt useful on "
            "calm days and unwelcome on tense ones [3]. A survey of motivations and "
            "harm reduction found similar reports, and noted that people with "
            "existing anxiety problems were among those who mentioned it [4].",
        ),
        (
            "quote",
            (
                "An effect that one person calls energy, another calls nerves.",
                "Our editors",
            ),
        ),
        ("h", "What controlled studies add"),
        (
            "p",
            "In laboratory studies where neither participants nor researchers "
            "knew who had the active dose, changes in anxiety ratings were small "
            "and inconsistent at the lowest doses. At somewhat higher doses, some "
            "participants reported feeling more anxious for a few hours, not less "
            "[5][6]. These were healthy volunteers, not people with an anxiety "
            "disorder, so the results cannot say what would happen for someone who "
            "lives with anxiety every day.",
        ),
        (
            "p",
            "The self-blinding study adds the now familiar twist: improvements in "
            "wellbeing over the weeks were much the same on placebo, and tracked "
            "people's beliefs about what they had taken [7].",
        ),
        ("h", "Why anxious minds may react differently"),
        (
            "p",
            "Anxiety involves paying close attention to bodily sensations and "
            "reading them as danger signs: a faster heartbeat becomes evidence that "
            "something is wrong. Anything that changes how the body feels, "
            "including caffeine, can feed that loop. That is one reason why "
            "clinicians are cautious about any substance with stimulating effects "
            "for people prone to panic.",
        ),
        ("h", "Reading a study when you live with worry"),
        (
            "p",
            "Research reports are written for other researchers, and they can be "
            "unsettling to read when you are prone to worry: lists of side effects, "
            "small samples, results that go in different directions. A few "
            "questions help. Who took part, and were they like you? Did anyone in "
            "the study know who had the real thing? How long did it run? What did "
            "the authors themselves say about the limits? A single striking result "
            "in a small group is a reason for another study, not for a decision.",
        ),
        (
            "p",
            "It also helps to notice which stories spread. Accounts of calm and "
            "clarity travel far on forums and in podcasts; accounts of a jittery "
            "week that ended with someone stopping are rarely retold. Both kinds "
            "appear in the interview studies [3][4], and both are worth keeping in "
            "mind when you hear a confident claim in either direction.",
        ),
        ("h", "Approaches with good evidence"),
        (
            "p",
            "Cognitive behavioural therapy teaches people to notice anxious "
            "thoughts and to test them, and includes gradual exposure to what is "
            "feared. Several medications help too. Alongside either, regular "
            "exercise, limiting caffeine and alcohol, steady sleep and slow "
            "breathing all lower the volume. If anxiety is limiting your life, a "
            "doctor is the place to start; it is one of the most treatable "
            "problems in mental health.",
        ),
        (
            "p",
            "Keeping a short record of when anxiety rises and falls is useful in "
            "therapy and on its own. Patterns that feel random often turn out to "
            "follow sleep, caffeine, particular places or particular people.",
        ),
        (
            "p",
            "Caffeine deserves a special mention, because it is the stimulant most "
            "of us take every day without thinking about it. People who live with "
            "anxiety often find that cutting back, or moving the last cup to the "
            "morning, changes more than they expected.",
        ),
        (
            "p",
            "The honest summary for now: small doses have not been shown to calm "
            "anxiety in controlled studies, some people report the opposite, and "
            "the best-tested help is widely available. If you are curious about the "
            "research, follow the larger placebo-controlled trials as they report, "
            "and read the side-effect tables as closely as the headlines.",
        ),
        ("guide", "stress-anxiety-and-the-expectation-effect"),
        ("guide", "mood-depression-and-microdosing"),
    ],
    "sources": [
        ROOTMAN_2021,
        HUTTEN_2019,
        JOHNSTAD_2018,
        LEA_2020,
        BERSHAD_2019,
        DE_WIT_2022,
        SZIGETI_2021,
    ],
}

MIND_ARTICLES = [DEPRESSION, STRESS, ANXIETY]
