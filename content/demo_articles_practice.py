"""Long-form demo guides on everyday practice: vitality and self-care, meaning and
perspective, and integration into daily life. Same format as
``content.demo_articles``; they replace its short versions by slug.

Each embeds a book or a journal, which makes it advertising for that product: the
text names no condition, promises no effect and links only to guides whose titles
name none either."""

from content.demo_articles import (
    ANDERSON_2019,
    HUTTEN_2019,
    JOHNSTAD_2018,
    KUYPERS_2019,
    POLITO_2019,
    ROOTMAN_2021,
    SAFETY_NOTE,
    SZIGETI_2021,
)
from content.demo_sources_practice import (
    ANDERSON_CODEBOOK_2019,
    BAUMEISTER_2013,
    BULL_2020,
    GOLLWITZER_SHEERAN_2006,
    GRIFFITHS_2006,
    HARKIN_2016,
    HIRSHKOWITZ_2015,
    KELTNER_HAIDT_2003,
    LALLY_2010,
    PENNEBAKER_1997,
    PIFF_2015,
    STEGER_2006,
    WHITE_2019,
)

VITALITY = {
    "slug": "vitality-and-self-care",
    "title": "Vitality and self-care: the routines around microdosing",
    "standfirst": "For many people, microdosing is one part of a wider decision to "
    "look after themselves: food, movement, sleep, time outdoors. Those routines "
    "are the part with the firmest evidence, and the part anyone can begin this "
    "week.",
    "topics": ["vitality"],
    "access": "public",
    "body": [
        (
            "p",
            "Ask people why they started microdosing and, next to hopes about mood "
            "and concentration, you hear something broader: wanting more energy, "
            "wanting to function better from day to day, wanting to take their own "
            "wellbeing in hand [1][2]. A decision like that rarely stops at one "
            "change. It tends to bring others with it, and they are often "
            "surprisingly domestic: cooking at home again, walking to work, a "
            "bedtime that stays put, fewer drinks on a weeknight.",
        ),
        (
            "p",
            "That makes it very hard to say what any single change did. It also "
            "points to something useful. The routines that travel with the dose "
            "are well studied, cost little and are legal everywhere, and this guide "
            "is mostly about them.",
        ),
        ("callout", SAFETY_NOTE),
        ("h", "What we mean by vitality"),
        (
            "p",
            "Vitality is a self-rating, not a lab value: the sense of being awake, "
            "able and at home in your body. It moves with sleep, daylight, food, "
            "movement and company, and it dips for all sorts of ordinary reasons, "
            "from a late night to a long winter. Because it is a feeling, it is "
            "also one of the easiest things to nudge with expectation, which "
            "matters when we read what people report.",
        ),
        ("h", "Why the routines blur the picture"),
        (
            "p",
            "Picture someone who decides, one January, to change how they feel. "
            "They start microdosing, and in the same month they join a walking "
            "group, cook more and stop scrolling in bed. Six weeks later they feel "
            "brighter. A survey records a microdoser who feels brighter. It cannot "
            "record which of the five changes did the work, or whether the decision "
            "itself did.",
        ),
        (
            "p",
            "When researchers took the expectation out of the picture, the result "
            "was humbling. In a self-blinding study, people who already planned to "
            "microdose mixed their own capsules with empty ones so that they could "
            "not tell which weeks were which. Their wellbeing rose over the study, "
            "and it rose about as much on the empty capsules [3]. The fresh start "
            "was real; the dose added little that could be measured.",
        ),
        (
            "p",
            "Drawbacks appear in the same accounts. When people listed the "
            "challenges, physical discomfort and feeling more on edge came up "
            "often, and so did worry about breaking the law [2][4]. A routine "
            "change that helps one person can unsettle another, and the substances "
            "themselves are controlled in most countries.",
        ),
        (
            "quote",
            (
                "The fresh start is real. It simply has more than one ingredient.",
                "Our editors",
            ),
        ),
        ("h", "Sleep comes first"),
        (
            "p",
            "An expert panel that reviewed hundreds of studies recommends seven "
            "to nine hours a night for most adults, and a little more for "
            "teenagers [5]. Duration is only half of it. A wake-up time that stays "
            "the same at weekends anchors the body clock, and so does daylight in "
            "the first hour of the morning. A short wind-down routine, the same "
            "each night, tells the body the day is over: dim lights, a warm drink, "
            "a page of a book.",
        ),
        (
            "p",
            "Two small audits are worth doing. Note the time of your last "
            "caffeinated drink for a week; many people are surprised how late it "
            "is. And notice where the phone sleeps. Moving the charger out of the "
            "bedroom is one of the cheapest experiments in self-care.",
        ),
        ("h", "Movement that fits a real week"),
        (
            "p",
            "The World Health Organization suggests that adults aim for 150 to 300 "
            "minutes of moderate activity a week, or 75 to 150 minutes of vigorous "
            "activity, with muscle-strengthening work on two or more days; its "
            "headline message is that some activity is better than none, and that "
            "more is better than some [6]. Moderate means you can talk but not "
            "sing: a brisk walk, cycling to the shops, gardening, dancing in the "
            "kitchen.",
        ),
        (
            "p",
            "The trick is to attach movement to things that already happen. Walk "
            "the first part of the commute. Take calls on foot. Do ten squats while "
            "the kettle boils. Ten-minute blocks add up, and a habit built on an "
            "existing one survives busy weeks far better than a heroic plan.",
        ),
        ("h", "Food, and the pleasure of cooking"),
        (
            "p",
            "No single ingredient carries a diet. Variety does: plenty of "
            "vegetables, fruit, pulses and whole grains, regular meals, enough "
            "water, and not too much of the rest. Cooking at home is one of the "
            "simplest ways to get there, because you decide what goes in the pan, "
            "and because the half hour at the stove is itself a break from "
            "screens.",
        ),
        (
            "p",
            "Culinary mushrooms are an easy way to bring variety to the table. "
            "Oyster mushrooms crisp up in a hot pan, shiitake deepen a broth, and "
            "lion's mane, torn into pieces and browned in butter, has a texture "
            "people compare to crab.",
        ),
        (
            "product",
            (
                "mushroom-kitchen",
                "Sixty everyday recipes with lion's mane, maitake, oyster and "
                "shiitake, from broths to tacos.",
            ),
        ),
        ("h", "Outside, and with other people"),
        (
            "p",
            "In a survey of about twenty thousand people in England, those who had "
            "spent at least two hours in parks, woods or on the coast in the "
            "previous week were more likely to rate their own health and wellbeing "
            "as good; it did not seem to matter whether the time came in one long "
            "walk or several short ones [7]. It is an association, not proof that "
            "the outdoors did it, but it makes a handy weekly target.",
        ),
        (
            "p",
            "Company counts as much as scenery. A weekly walk with a friend "
            "combines movement, daylight and conversation, and it is much harder "
            "to cancel than a walk alone.",
        ),
        ("h", "Start smaller than you think"),
        (
            "p",
            "In a study that followed people building a new daily habit, such as "
            "drinking water with lunch or a little exercise before dinner, it took a "
            "median of 66 days before the behaviour felt automatic, with a range "
            "from 18 to 254 days. Missing the odd day made little difference to "
            "the curve [8]. Two months is a fairer trial than two weeks, and one "
            "change at a time is easier to judge than five.",
        ),
        (
            "callout",
            (
                "A one-week self-care audit",
                "<p>For seven days, write down four things each evening: when you "
                "went to bed and got up, how many minutes you moved, how many meals "
                "you cooked, and how long you spent outside. At the end of the "
                "week, pick the one that looks easiest to improve and work on that "
                "alone for the next month.</p>",
            ),
        ),
        (
            "p",
            "If you feel worn out for weeks on end without an obvious reason, talk "
            "to your doctor: lasting tiredness has many possible causes, and most "
            "of them are worth checking. For everyday vitality, though, the honest "
            "advice is the unglamorous one. Sleep regular hours, move most days, "
            "cook, go outside, see people, and give each change long enough to "
            "become yours.",
        ),
        ("guide", "focus-and-attention"),
        ("guide", "connection-and-empathy"),
        ("guide", "why-people-microdose"),
    ],
    "sources": [
        ROOTMAN_2021,
        HUTTEN_2019,
        SZIGETI_2021,
        ANDERSON_CODEBOOK_2019,
        HIRSHKOWITZ_2015,
        BULL_2020,
        WHITE_2019,
        LALLY_2010,
    ],
}

MEANING = {
    "slug": "meaning-and-perspective",
    "title": "Meaning and perspective: what matters, and how to notice it",
    "standfirst": "Beyond mood and focus, some people say microdosing is about "
    "perspective: noticing what matters to them and living a little closer to it. "
    "Meaning is hard to measure, which is exactly why it deserves careful "
    "thought.",
    "topics": ["meaning"],
    "access": "public",
    "body": [
        (
            "p",
            "When researchers asked microdosers to describe, in their own words, "
            "what the practice had brought them, most answers were about mood and "
            "concentration. Some described changes that are harder to pin down: in "
            "outlook, in how engaged they felt with their days, in their sense of "
            "what matters [1]. "
            "These are personal accounts. They deserve to be read as such: neither "
            "waved away nor taken as proof that a small dose produced them.",
        ),
        (
            "p",
            "This guide looks at what psychologists mean by meaning, what the "
            "microdosing studies measured, why the striking full-dose research is a "
            "different matter, and which everyday practices give perspective a "
            "chance. It ends with questions you can ask yourself this week.",
        ),
        ("callout", SAFETY_NOTE),
        ("h", "Having meaning, and looking for it"),
        (
            "p",
            "Psychologists who study meaning in life separate two things. One is "
            "the presence of meaning: the sense that your life makes sense and "
            "matters. The other is the search for it: how actively you are trying "
            "to work out what matters. A widely used questionnaire measures the two "
            "separately, and they are not opposites [2]. Many people score high on "
            "both, especially at turning points such as a new job, a move, a birth "
            "or a loss.",
        ),
        (
            "p",
            "That distinction is a kind one. Searching is not a sign that "
            "something has gone wrong. Often it is what a thoughtful person does "
            "when life changes shape.",
        ),
        ("h", "What the microdosing studies measured"),
        (
            "p",
            "In one of the first large comparisons, people who microdosed scored "
            "higher than non-microdosers on questionnaires about wisdom, "
            "open-mindedness and creativity, and lower on measures of rigid, "
            "all-or-nothing attitudes [3]. The study compared two groups at one "
            "moment, so it cannot say which came first. People who are curious and "
            "open may simply be more likely to try microdosing and to volunteer "
            "for a study about it.",
        ),
        (
            "p",
            "Another study asked people to rate themselves every day for six "
            "weeks. Dosing days were rated more positively than other days on "
            "several measures, with little carry-over to the days after. Over the "
            "whole period, participants reported less mind-wandering and more "
            "absorption, meaning a tendency to become wholly caught up in an "
            "experience, and also a small rise in neuroticism, a trait linked to "
            "worry and emotional ups and downs [4]. The participants knew what "
            "they were taking, and nobody received a placebo.",
        ),
        (
            "p",
            "Reviewers who surveyed the field have stressed how little is known "
            "about long-term use, and how few of the things people care most about "
            "have been measured at all [5]. Meaning in life is one of them.",
        ),
        (
            "quote",
            (
                "Perspective is less something you are given than something you "
                "practise.",
                "Our editors",
            ),
        ),
        ("h", "Full doses are a different question"),
        (
            "p",
            "Much of the talk about psychedelics and meaning traces back to "
            "research with single, large doses. In a well-known controlled study, "
            "healthy volunteers who had never taken such a substance received "
            "psilocybin once in a carefully prepared room, with two trained "
            "guides, and on another occasion an active comparison drug. Two months "
            "later, most rated the psilocybin session among the five most "
            "personally meaningful experiences of their lives [6]. Several also "
            "went through stretches of strong fear during the session.",
        ),
        (
            "p",
            "That finding says nothing direct about microdosing. The dose, the "
            "screening, the preparation and the hours of support were all "
            "different, and the whole point of a microdose is to notice no such "
            "experience. It is also a reminder of how much the setting shapes what "
            "people take from an experience, with or without a substance.",
        ),
        ("h", "Awe, the everyday version"),
        (
            "p",
            "Psychologists describe awe as the feeling we have in front of "
            "something vast, in size or in skill or in meaning, that we cannot "
            "quite take in at once [7]. It is a common route to perspective, and it "
            "needs no prescription. In one experiment, students who spent a minute "
            "gazing up into a grove of very tall trees were afterwards more helpful "
            "to a stranger who dropped some pens than students who looked at a "
            "tall building [8]. The researchers linked this to a sense of a smaller "
            "self: feeling part of something bigger loosens the grip of our own "
            "concerns.",
        ),
        (
            "p",
            "Everyday awe is closer than it sounds: a clear night away from street "
            "lights, a storm over the sea, a choir, a very old tree, watching "
            "someone do well what they have practised for decades. Slow walks help, "
            "especially ones where you look closely at what grows along the path.",
        ),
        (
            "product",
            (
                "field-guide-mushrooms",
                "A book on mushrooms in food and folk culture, with photographs of "
                "forty species: a companion for slow walks, not a foraging guide.",
            ),
        ),
        ("h", "Meaning is not the same as happiness"),
        (
            "p",
            "In a survey of several hundred adults, feeling happy and feeling that "
            "life is meaningful "
            "overlapped, but they parted ways in revealing places. Happiness was "
            "tied to getting what one wants and to the present moment; meaning was "
            "tied to giving to others, to linking past, present and future, and "
            "sometimes to effort, worry and hard times [9]. Looking after a small "
            "child or an ageing parent can be exhausting and deeply meaningful on "
            "the same afternoon.",
        ),
        (
            "callout",
            (
                "A meaningful week is not always a pleasant one",
                "<p>If you judge a practice by whether it made you feel good, you "
                "may miss what it changed. Ask also whether you spent time on what "
                "you care about, and whether you would choose that time again.</p>",
            ),
        ),
        ("h", "Questions worth asking yourself"),
        (
            "p",
            "Set aside twenty minutes, a pen and something warm to drink. Then take "
            "the questions one at a time. What did I do this week that I would "
            "gladly do again? When did I lose track of time? Who did I feel most "
            "like myself with? What have I been putting off that matters to me? "
            "What would a slightly more meaningful week look like, and which part "
            "of it is already within reach?",
        ),
        (
            "p",
            "Write the answers down rather than thinking them through, because "
            "writing slows thought enough to notice it. Then choose one small "
            "action that follows from them: a call, an hour a week for a project, "
            "a walk with someone. Meaning tends to grow from what we do "
            "repeatedly, not from what we realise once.",
        ),
        (
            "p",
            "And if life has felt empty or flat for a long time, do not wait for "
            "perspective to arrive on its own. Talk to someone you trust, or to "
            "your doctor. That, too, is a way of taking what matters seriously.",
        ),
        ("guide", "connection-and-empathy"),
        ("guide", "vitality-and-self-care"),
        ("guide", "why-people-microdose"),
    ],
    "sources": [
        ANDERSON_CODEBOOK_2019,
        STEGER_2006,
        ANDERSON_2019,
        POLITO_2019,
        KUYPERS_2019,
        GRIFFITHS_2006,
        KELTNER_HAIDT_2003,
        PIFF_2015,
        BAUMEISTER_2013,
    ],
}

INTEGRATION = {
    "slug": "integration-into-daily-life",
    "title": "Integration: fitting reflection into daily life",
    "standfirst": "Integration means making sense of what you notice and turning it "
    "into habits. In writing about microdosing it is often called the part that "
    "matters most. It is also the part that needs no substance at all: five steps, "
    "a notebook and a little patience.",
    "topics": ["integration"],
    "access": "public",
    "body": [
        (
            "p",
            "The word comes from psychedelic research, where integration sessions "
            "follow a single large dose given in a clinic: time with a therapist to "
            "make sense of the experience and decide what, if anything, to change. "
            "Among people who microdose, the word is used more loosely, for "
            "whatever they do with their observations afterwards. In interviews, "
            "their accounts include welcome changes and unwelcome ones, and people "
            "adjusting their plans or stopping as a result [1].",
        ),
        (
            "p",
            "Strip away the substance and what remains is an ordinary, learnable "
            "skill: notice, record, review, change one thing, talk it over. It "
            "works for any new habit, from running to learning a language, and it "
            "is the subject of this guide.",
        ),
        ("callout", SAFETY_NOTE),
        ("h", "Step one: notes that take two minutes"),
        (
            "p",
            "Pick a fixed time, such as just before bed, and write three short "
            "lines: how you slept last night, one thing that went well today, one "
            "thing that did not. Add a rating from one to ten for how the day felt "
            "overall. That is all. The aim is a record you will actually keep, not "
            "a beautiful one.",
        ),
        (
            "p",
            "There is good reason to bother. A large review of experiments on "
            "goal-setting found that people who monitored their progress were more "
            "likely to reach their goals, and the effect was larger when the "
            "progress was written down or shared with someone [2]. Memory is a "
            "poor record-keeper: it holds on to dramatic days and lets ordinary "
            "ones slip away, and ordinary days are where habits live.",
        ),
        ("h", "Step two: write about what matters, not only what happened"),
        (
            "p",
            "Once a week, give yourself fifteen minutes to write freely about "
            "something that is on your mind. In the experiments that made this "
            "practice famous, people wrote about important personal experiences "
            "for fifteen to thirty minutes on three to five days. Many found the "
            "sessions upsetting at the time and still rated the exercise as "
            "valuable months later [3]. The effects measured in the many studies "
            "since have generally been modest and vary from person to person, so "
            "treat it as a way of thinking, not a promise.",
        ),
        ("h", "Step three: a weekly review"),
        (
            "p",
            "Choose a quiet half hour at the end of the week and read back through "
            "the notes. Then answer four questions. What went well, and why? What "
            "drained me? What pattern can I see, for example in sleep, caffeine, "
            "alcohol, people or places? What one thing will I try differently next "
            "week?",
        ),
        (
            "quote",
            (
                "A note you never reread is a diary. A note you review is a tool.",
                "Our editors",
            ),
        ),
        ("h", "Step four: one change, planned precisely"),
        (
            "p",
            "Vague intentions fade by Wednesday. Plans in the form if this, then "
            "that hold up better: if it is 7 a.m. and the kettle is on, then I "
            "write my three lines; if I get home before six, then I walk round the "
            "block before dinner. A review that pooled close to a hundred studies "
            "of such if-then plans found that they made people noticeably more "
            "likely to follow through than good intentions alone [4].",
        ),
        (
            "p",
            "Then give the change time. In a study that followed people building a "
            "new daily habit, it took a median of 66 days before the behaviour felt "
            "automatic, and the range ran from 18 to 254 days; missing the "
            "occasional day hardly mattered [5]. Judge a change after two months, "
            "not two days, and only start the next one when the first runs on its "
            "own.",
        ),
        ("h", "Step five: say it out loud"),
        (
            "p",
            "Talking things through with someone you trust does what notes alone "
            "cannot. A friend or partner notices what you leave out, remembers what "
            "you said last month and can ask the awkward question kindly. Some "
            "people find a small peer group, meeting once a month, keeps them "
            "honest. For anything heavy, a qualified counsellor is the right "
            "listener.",
        ),
        ("h", "The honest part: your expectations write your notes"),
        (
            "p",
            "Any record you keep is shaped by what you hope to find. The clearest "
            "demonstration came from a self-blinding study, in which people who "
            "planned to microdose mixed their own capsules with empty ones so that "
            "they did not know which weeks were which. Their wellbeing improved "
            "over the study, about as much on the empty capsules, and what they "
            "believed they had taken tracked how they felt more closely than what "
            "they had actually taken [6].",
        ),
        (
            "p",
            "That is not a reason to stop keeping notes. It is a reason to keep "
            "them fairly, and to treat your own record as evidence to weigh rather "
            "than a verdict.",
        ),
        (
            "callout",
            (
                "Make your record fair",
                "<p>Write at the same time every day. Rate the day before you read "
                "yesterday's entry. Note sleep, caffeine, alcohol and big events, "
                "so that other explanations stay visible. Record unwelcome changes "
                "as carefully as welcome ones.</p>",
            ),
        ),
        (
            "p",
            "Unwelcome changes deserve that care. When microdosers listed the "
            "challenges they had met, physical discomfort and feeling more on edge "
            "were common, and so was worry about the law, since these substances "
            "are controlled in most countries [7]. If your notes show things "
            "getting worse rather than better, that is exactly what a record is "
            "for: stop, and talk to your doctor.",
        ),
        (
            "product",
            (
                "microdosing-journal",
                "A ninety-day guided journal with prompts for daily notes and a "
                "weekly review, printed on recycled paper.",
            ),
        ),
        (
            "p",
            "Integration is slow and unspectacular, and that is its strength. A "
            "few lines a day, a review each week and one change at a time add up "
            "over a season to a clear picture of what helps you, whatever else you "
            "decide to try.",
        ),
        ("guide", "meaning-and-perspective"),
        ("guide", "vitality-and-self-care"),
        ("guide", "focus-and-attention"),
    ],
    "sources": [
        JOHNSTAD_2018,
        HARKIN_2016,
        PENNEBAKER_1997,
        GOLLWITZER_SHEERAN_2006,
        LALLY_2010,
        SZIGETI_2021,
        ANDERSON_CODEBOOK_2019,
    ],
}

PRACTICE_ARTICLES = [VITALITY, MEANING, INTEGRATION]
