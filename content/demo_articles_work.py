"""Long-form demo guides on creative work and focus; same format as
``content.demo_articles``, replacing its short versions by slug.

Each embeds one product (a journal, a tea), which makes it advertising for it: the
text names no condition, links to no guide whose title does, and promises nothing
of the product or of the practices it describes."""

from content.demo_articles import (
    ANDERSON_2019,
    BERSHAD_2019,
    HUTTEN_2019,
    KUYPERS_2019,
    LEA_2020,
    POLITO_2019,
    PROCHAZKOVA_2018,
    SAFETY_NOTE,
    SZIGETI_2021,
)
from content.demo_articles_mind import CAVANNA_2022

BAIRD_2012 = (
    "Baird B, Smallwood J, Mrazek MD, Kam JWY, Franklin MS, Schooler JW",
    2012,
    "Inspired by distraction: mind wandering facilitates creative incubation",
    "Psychological Science",
    "",
)
OPPEZZO_2014 = (
    "Oppezzo M, Schwartz DL",
    2014,
    "Give your ideas some legs: the positive effect of walking on creative thinking",
    "Journal of Experimental Psychology: Learning, Memory, and Cognition",
    "",
)
KILLINGSWORTH_2010 = (
    "Killingsworth MA, Gilbert DT",
    2010,
    "A wandering mind is an unhappy mind",
    "Science",
    "10.1126/science.1192439",
)
MARK_2008 = (
    "Mark G, Gudith D, Klocke U",
    2008,
    "The cost of interrupted work: more speed and stress",
    "Proceedings of the SIGCHI Conference on Human Factors in Computing Systems",
    "",
)

CREATIVITY = {
    "slug": "creativity-and-small-doses",
    "title": "Creativity and small doses: what has been measured",
    "standfirst": "Creative work is one of the reasons people give most often for "
    "microdosing. A handful of studies tried to measure it, with puzzles, diaries "
    "and placebo capsules. Here is what they found, and a month-long experiment "
    "with your own ideas that needs only a notebook.",
    "topics": ["creativity"],
    "access": "public",
    "body": [
        (
            "p",
            "Anyone who makes things for a living knows the blank page. The deadline "
            "is close, the ideas that come are the ones you had last time, and the "
            "harder you push, the more stubbornly nothing happens. It is not "
            "surprising that people who write, design, compose or solve problems "
            "are among those most curious about microdosing, or that many of them "
            "describe fresher, looser thinking on the days they take a small dose.",
        ),
        (
            "p",
            "Creativity is also one of the few hopes people name that researchers "
            "can test with a stopwatch and a scoring sheet. This guide looks at what "
            "those tests measure, what the studies of small doses found when they "
            "used them, and what decades of creativity research suggest you can try "
            "tomorrow morning.",
        ),
        ("callout", SAFETY_NOTE),
        ("h", "Two ways of being creative"),
        (
            "p",
            "Psychologists usually split creative thinking into two parts. "
            "Divergent thinking is the generous, sprawling part: how many uses can "
            "you find for a brick in three minutes, and how unusual are they? "
            "Convergent thinking is the narrowing part: seeing the one idea that "
            "links several clues, or the pattern that solves a puzzle. Real creative "
            "work needs both, usually in turns, and a change in one does not "
            "guarantee a change in the other.",
        ),
        ("h", "The study at the microdosing events"),
        (
            "p",
            "The first experiment to put numbers on it took place at events "
            "organised by a Dutch society for people interested in psychedelics. "
            "Attendees solved creativity tasks before taking a small dose of "
            "psilocybin truffles, and again once the dose had had time to act. "
            "Their scores on a convergent puzzle and on parts of a "
            "divergent task went up the second time, while a test of abstract "
            "reasoning did not change [1].",
        ),
        (
            "p",
            "It was a bold first step, and the authors were careful about its "
            "limits. There was no placebo and no comparison group. Everyone knew "
            "what they had taken, expected something to happen, and was doing the "
            "tasks for the second time in a sociable room. Practice alone tends to "
            "raise scores on a repeated test, and so does a good mood.",
        ),
        ("h", "What surveys and diaries add"),
        (
            "p",
            "In a large online comparison, people who microdosed scored higher than "
            "non-microdosers on measures of open-mindedness and creativity [2]. As "
            "with every survey of this kind, it cannot separate what microdosing "
            "does from who decides to try it. People who are drawn to novelty are "
            "more likely both to experiment and to score well on tests of novel "
            "thinking.",
        ),
        (
            "p",
            "A six-week study asked microdosers to rate themselves every day. "
            "Creativity was one of several ratings, alongside focus, connection and "
            "wellbeing, that were higher on dosing days than on other days [3]. "
            "Diaries capture real days rather than laboratory puzzles, which is "
            "their strength. Their weakness is that the people keeping them knew "
            "which days were which.",
        ),
        (
            "quote",
            (
                "Good ideas rarely arrive on command. They tend to turn up once you "
                "have stopped chasing them, and a notebook is how you catch them.",
                "Our editors",
            ),
        ),
        ("h", "When nobody knew which capsule was which"),
        (
            "p",
            "A double-blind study with dried mushrooms brought the question into "
            "tighter conditions. Participants took part in sessions with the real "
            "thing and with a look-alike placebo, and creative thinking was among "
            "the measures. Performance did not differ between the two, and many "
            "participants correctly guessed when they had taken the active dose, "
            "which is itself a reminder of how hard it is to keep small doses truly "
            "blind [4]. Reviewers of the field have called for larger and longer "
            "trials before anyone draws firm conclusions in either direction [5].",
        ),
        (
            "callout",
            (
                "Why a score is not the whole story",
                "<p>Laboratory tasks measure a few minutes of thinking about bricks "
                "and word puzzles. A novel, a garden design or a better way to run "
                "a meeting takes weeks of noticing, drafting and revising. A study "
                "that finds no change on a task has not measured your work, and one "
                "that finds a change has not either.</p>",
            ),
        ),
        ("h", "What decades of creativity research suggest"),
        (
            "p",
            "Some of the most useful findings about ideas have nothing to do with "
            "psychedelics. In one experiment, people worked on a problem, then took "
            "a break. Those who spent the break on an easy task that let their "
            "minds wander came back with more ideas than those who rested, those "
            "who did something demanding, and those who had no break at all [6]. "
            "Stepping away is not the opposite of working on a problem; it can be "
            "part of working on it.",
        ),
        (
            "p",
            "Another series of studies compared people sitting and walking. Walking, "
            "whether outdoors or on a treadmill facing a blank wall, was followed by "
            "more novel ideas on a divergent-thinking task, and some of the benefit "
            "carried over when people sat down again afterwards [7]. The effect was "
            "on generating ideas rather than finding the single right answer, "
            "which is a useful thing to know when choosing when to walk.",
        ),
        ("h", "A month-long experiment with your own ideas"),
        (
            "p",
            "You can borrow the researchers' methods without any substance. The aim "
            "is not to prove anything, only to see more clearly how your ideas "
            "actually arrive.",
        ),
        (
            "p",
            "<b>Week one: count.</b> Carry a notebook and write down every idea, "
            "however small or silly, with the time and what you were doing. Do not "
            "judge them yet.",
        ),
        (
            "p",
            "<b>Week two: walk.</b> Before a creative task, walk for fifteen or "
            "twenty minutes, then write for ten without stopping. Note how the "
            "pages compare with week one.",
        ),
        (
            "p",
            "<b>Week three: step away.</b> When you get stuck, switch to something "
            "easy and repetitive, such as washing up or sorting a drawer, and come "
            "back after twenty minutes. Write down what surfaced.",
        ),
        (
            "p",
            "<b>Week four: review.</b> Read the whole notebook. Mark the ideas you "
            "would still pursue, and look at where and when they appeared. The "
            "pattern often says more than any single idea.",
        ),
        (
            "product",
            (
                "microdosing-journal",
                "A ninety-day guided journal with prompts for daily notes, printed "
                "on recycled paper.",
            ),
        ),
        (
            "p",
            "Keep the notebook going afterwards if it earns its place. The most "
            "reliable ingredient in creative work is still the oldest one: turning "
            "up, noticing, and giving ideas somewhere to land.",
        ),
        ("guide", "why-people-microdose"),
        ("guide", "focus-and-attention"),
        ("guide", "the-science-of-neuroplasticity"),
    ],
    "sources": [
        PROCHAZKOVA_2018,
        ANDERSON_2019,
        POLITO_2019,
        CAVANNA_2022,
        KUYPERS_2019,
        BAIRD_2012,
        OPPEZZO_2014,
    ],
}

FOCUS = {
    "slug": "focus-and-attention",
    "title": "Focus and attention: separating hope from measurement",
    "standfirst": "Sharper concentration is one of the things microdosers most "
    "often hope for, and daily diaries suggest they notice it. Attention tests "
    "under blinding tell a quieter story. Why the two disagree, and what to do "
    "with a scattered mind on an ordinary Tuesday.",
    "topics": ["focus"],
    "access": "paid",
    "body": [
        (
            "p",
            "You sit down to write one email. Twenty minutes later you have opened "
            "eleven tabs, answered two messages that were not urgent, and the email "
            "is still three lines long. Most of us know days like that, and many "
            "people who try microdosing say this is exactly what they hoped would "
            "change. In diaries, a good number of them report that it did: on "
            "dosing days, they rate their focus higher than on other days.",
        ),
        (
            "p",
            "Then researchers gave people attention and memory tests without telling "
            "them what was in the capsule, and the scores barely moved. This "
            "guide explains both results, four reasons they disagree, and a "
            "two-week focus audit you can run with a timer, a notebook and a cup "
            "of something warm. It may change how you think about your own good "
            "days.",
        ),
        ("callout", SAFETY_NOTE),
        ("h", "What people hope for, and what they report"),
        (
            "p",
            "In one of the first academic surveys of microdosers, doing better at "
            "work or study was the motive mentioned most often [1]. A later "
            "international survey also found performance among the common reasons "
            "[2]. In everyday terms that usually means getting through a to-do "
            "list, staying with a hard problem, or not drifting off in meetings.",
        ),
        (
            "p",
            "The most detailed picture comes from a six-week study in which "
            "microdosers rated themselves every day. Focus was among the ratings "
            "that rose on dosing days, alongside productivity and wellbeing, and "
            "mostly settled back the next day. Over the whole six weeks, "
            "participants also described their minds as wandering less. One "
            "result went the other way: scores for neuroticism, a personality "
            "measure of emotional reactivity, rose a little [3]. Diaries are honest "
            "about how days feel, but the people keeping them knew which days were "
            "which.",
        ),
        ("h", "What the attention tests found"),
        (
            "p",
            "In a placebo-controlled laboratory study, healthy volunteers took "
            "very small doses of LSD or a placebo on separate days and then worked "
            "through a set of cognitive and emotional tasks. At the highest of the "
            "small doses, people noticed something and said so, but their scores "
            "on the thinking tasks barely moved [4].",
        ),
        (
            "p",
            "The self-blinding citizen-science study ran short online cognitive "
            "tasks as well as questionnaires. Over the weeks, performance did not "
            "differ between people taking microdoses and people taking placebo "
            "[5]. A double-blind study with dried mushrooms found the same for its "
            "measures of cognitive performance, and noted that many participants "
            "could tell when they had the active dose [6].",
        ),
        (
            "quote",
            (
                "A day you have decided to pay attention to is already a different "
                "day.",
                "Our editors",
            ),
        ),
        ("h", "Why diaries and tests disagree"),
        (
            "p",
            "<b>Expectation.</b> If you believe a capsule will help you "
            "concentrate, you approach the day differently: you start on the hard "
            "task, you notice when it goes well, you remember the good hour and "
            "forget the lost one. None of that is imaginary, and all of it happens "
            "whether or not the capsule contains anything.",
        ),
        (
            "p",
            "<b>Ritual.</b> A dosing day is often a day with a plan. Someone who "
            "has decided to watch a day closely may also clear the diary, skip a "
            "drink the night before or go to bed earlier, and each of those alone "
            "can make a morning feel clearer.",
        ),
        (
            "p",
            "<b>Room to improve.</b> Laboratory studies mostly recruit healthy, "
            "rested volunteers who already score well on attention tasks. There is "
            "little room for a small change to show, which is one reason "
            "researchers want to study people in their real working lives.",
        ),
        (
            "p",
            "<b>A task is not a workday.</b> Ten minutes of pressing a key when a "
            "letter appears is a clean measure of one kind of attention. It is not "
            "the same as staying with a report for two hours while your phone "
            "buzzes, which is what most people mean by focus.",
        ),
        ("h", "What attention research says about ordinary days"),
        (
            "p",
            "Some of the most useful findings come from studies of everyday life. "
            "When thousands of people were asked at random moments what they were "
            "doing and what they were thinking about, their minds were elsewhere "
            "for close to half of their waking hours, and they tended to feel less "
            "happy in the moments when their thoughts had drifted [7]. A wandering "
            "mind is not a personal failing. It is the default, and it helps to "
            "plan around it.",
        ),
        (
            "p",
            "Interruptions are the other half of the picture. In an experiment that "
            "simulated office work, people who were interrupted finished their "
            "work just as well and even a little faster, but they reported more "
            "time pressure, frustration and effort afterwards [8]. The cost of a "
            "scattered day "
            "often shows up in how tired we feel, not in the work itself.",
        ),
        (
            "callout",
            (
                "When to talk to someone",
                "<p>Concentration depends on sleep, health, medicines, worries and "
                "workload, and some of those are easy to check. If trouble "
                "concentrating is new, getting worse or affecting your work, study "
                "or driving, talk to your doctor.</p>",
            ),
        ),
        ("h", "A two-week focus audit"),
        (
            "p",
            "<b>Days one to seven: observe.</b> Change nothing. Each time you sit "
            "down to a task that needs attention, note the time. Note it again "
            "when you first break off, and jot down why: a notification, a thought, "
            "a person, boredom. At the end of each day, rate your focus from one "
            "to ten.",
        ),
        (
            "p",
            "<b>Days eight to fourteen: one change at a time.</b> Work in blocks of "
            "twenty-five to fifty minutes with the phone in another room and one "
            "window open. Start each block with the same small ritual, such as "
            "clearing the desk and making a drink. Keep noting the breaks and the "
            "evening rating.",
        ),
        (
            "p",
            "<b>Day fifteen: compare.</b> Look at how long your stretches of work "
            "lasted in each week and what broke them. Often one or two kinds of "
            "interruption turn out to cause most of the breaks, and those are "
            "usually the easiest to move.",
        ),
        (
            "product",
            (
                "peppermint-tea",
                "A caffeine-free peppermint tea some of our editors make at the "
                "start of a work block.",
            ),
        ),
        (
            "p",
            "If you drink coffee, note the time of your last cup as well. A late "
            "one can cost part of tonight's sleep, and tomorrow's attention with "
            "it. The audit works best when it stays boring: the same notebook, the "
            "same questions, every day. What it gives you is a record of how your "
            "attention actually behaves, which is worth more than any single good "
            "day.",
        ),
        ("guide", "creativity-and-small-doses"),
        ("guide", "why-people-microdose"),
        ("guide", "connection-and-empathy"),
    ],
    "sources": [
        HUTTEN_2019,
        LEA_2020,
        POLITO_2019,
        BERSHAD_2019,
        SZIGETI_2021,
        CAVANNA_2022,
        KILLINGSWORTH_2010,
        MARK_2008,
    ],
}

WORK_ARTICLES = [CREATIVITY, FOCUS]
