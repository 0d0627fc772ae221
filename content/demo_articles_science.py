"""The long-form demo guide on neuroplasticity; same format as
``content.demo_articles``, replacing its short version by slug."""

from content.demo_articles import KUYPERS_2019, LY_2018

DRAGANSKI_2004 = (
    "Draganski B, Gaser C, Busch V, Schuierer G, Bogdahn U, May A",
    2004,
    "Neuroplasticity: changes in grey matter induced by training",
    "Nature",
    "10.1038/427311a",
)
MAGUIRE_2000 = (
    "Maguire EA, Gadian DG, Johnsrude IS, Good CD, Ashburner J, Frackowiak RSJ, "
    "Frith CD",
    2000,
    "Navigation-related structural change in the hippocampi of taxi drivers",
    "Proceedings of the National Academy of Sciences",
    "10.1073/pnas.070039597",
)
ERICKSON_2011 = (
    "Erickson KI, Voss MW, Prakash RS, Basak C, Szabo A, Chaddock L, Kim JS, "
    "Heo S, Alves H, White SM, Wojcicki TR, Mailey E, Vieira VJ, Martin SA, "
    "Pence BD, Woods JA, McAuley E, Kramer AF",
    2011,
    "Exercise training increases size of hippocampus and improves memory",
    "Proceedings of the National Academy of Sciences",
    "10.1073/pnas.1015950108",
)
SHAO_2021 = (
    "Shao LX, Liao C, Gregg I, Davoudian PA, Savalia NK, Delagarza K, Kwan AC",
    2021,
    "Psilocybin induces rapid and persistent growth of dendritic spines in frontal "
    "cortex in vivo",
    "Neuron",
    "",
)

NEUROPLASTICITY = {
    "slug": "the-science-of-neuroplasticity",
    "title": "The science of neuroplasticity, explained",
    "standfirst": "Brains rewire themselves with experience, all through life. In "
    "laboratory studies, psychedelics sped some of that rewiring up in nerve cells. "
    "What that does and does not mean for people.",
    "topics": ["neuroplasticity"],
    "access": "public",
    "body": [
        (
            "p",
            "For most of the twentieth century, the adult brain was described as "
            "fixed: you were born with your neurons, you lost some along the way, "
            "and the wiring was settled by the end of childhood. That picture turned "
            "out to be wrong. The brain changes its connections in response to what "
            "we do, what we learn and what happens to us, from the first day of life "
            "to the last. The name for that capacity is neuroplasticity.",
        ),
        (
            "p",
            "It has become one of the most quoted words in wellness writing, often "
            "stretched well beyond what the evidence supports. This guide explains "
            "what plasticity is, how it has been measured in people, what the "
            "laboratory studies of psychedelics found, and why those studies are a "
            "starting point rather than a conclusion.",
        ),
        ("h", "Connections, not just cells"),
        (
            "p",
            "A neuron receives signals through branching extensions called "
            "dendrites, which are covered in tiny protrusions called spines. Each "
            "spine is a site where another neuron can connect: a synapse. Learning "
            "something new is thought to involve strengthening some of those "
            "connections, weakening others, and growing or pruning spines. "
            "Plasticity happens at several scales, from single synapses changing "
            "strength in milliseconds to whole regions changing volume over "
            "months.",
        ),
        (
            "quote",
            (
                "Plasticity is not a special state the brain enters. It is what "
                "the brain does whenever it learns.",
                "Our editors",
            ),
        ),
        ("h", "How we know adult brains change"),
        (
            "p",
            "Some of the clearest evidence comes from ordinary skills. In a "
            "well-known study, adults who spent three months learning to juggle "
            "showed a temporary increase in grey matter in areas that process "
            "visual motion; when they stopped practising, it receded [1]. London "
            "taxi drivers, who spend years memorising the city's streets, had a "
            "larger rear portion of the hippocampus, a region involved in spatial "
            "memory, than comparison groups, and the difference grew with years on "
            "the job [2].",
        ),
        (
            "p",
            "Movement matters too. In a randomised trial with older adults, a year "
            "of regular walking increased the size of the hippocampus slightly, "
            "while the comparison group doing stretching saw the usual small "
            "decline with age; memory scores followed the same pattern [3]. It is "
            "one of the more encouraging findings in the field, and it needs "
            "nothing but a pair of shoes.",
        ),
        (
            "callout",
            (
                "Bigger is not simply better",
                "<p>A change in the size of a brain region on a scan is a rough "
                "signal. It can reflect new connections, more support cells, blood "
                "flow or fluid. Researchers treat it as one clue among several.</p>",
            ),
        ),
        ("h", "What the psychedelic studies found"),
        (
            "p",
            "In 2018, a research group exposed neurons grown in dishes, and neurons "
            "in flies and rats, to several psychedelic compounds. The cells grew "
            "more complex dendrites, more spines and more synapses than untreated "
            "cells [4]. A few years later, another team used a microscope to watch "
            "individual spines in the frontal cortex of living mice. After a single "
            "dose of psilocybin, the density of spines rose within a day, and part "
            "of the increase was still visible a month later [5].",
        ),
        (
            "p",
            "These are careful, striking experiments, and they explain why "
            "researchers started describing psychedelics as possible promoters of "
            "plasticity. They also come with limits that are easy to lose in "
            "retelling.",
        ),
        ("h", "What the studies do not show"),
        (
            "p",
            "First, the doses. The laboratory work used amounts and routes of "
            "delivery chosen to produce clear effects in cells and animals, far "
            "from the small repeated doses people describe when they talk about "
            "microdosing. Second, the species. A mouse's frontal cortex is not a "
            "human one, and growth of spines in a dish is not learning. Third, the "
            "direction. More connections are not automatically helpful; what "
            "matters is whether useful connections are kept and unhelpful ones "
            "pruned, and that depends heavily on what the brain is doing at the "
            "time.",
        ),
        (
            "p",
            "Reviewers who looked across the microdosing literature put it "
            "plainly: whether small repeated doses change plasticity in people is "
            "an open question, and the studies needed to answer it have not yet "
            "been done [6].",
        ),
        ("h", "Why the idea still matters"),
        (
            "p",
            "Even with those limits, plasticity gives researchers a concrete, "
            "testable question, which is rarer than it sounds. It also connects "
            "the psychedelic research to a much older idea: that change in the "
            "brain follows from experience, practice and context. If a substance "
            "opens a window for change, what happens inside that window, who you "
            "spend time with, what you practise and what you pay attention to, "
            "would matter at least as much as the window itself.",
        ),
        ("h", "Windows of change"),
        (
            "p",
            "Neuroscientists have long known that some periods are more open to "
            "rewiring than others. Young animals learn certain skills, such as "
            "birdsong or binocular vision, most easily during so-called critical "
            "periods, after which the same learning becomes harder. Part of the "
            "current research asks whether such windows can reopen in adults, and "
            "under what conditions. Psychedelics are one of several candidates being "
            "studied for this, alongside intensive training and other compounds.",
        ),
        (
            "p",
            "If that idea holds up, it would explain why researchers place so much "
            "weight on setting and support in the full-dose trials: a more plastic "
            "brain might learn helpful and unhelpful lessons alike. It is still a "
            "hypothesis, and a careful one, rather than a finding.",
        ),
        ("h", "Plasticity you can practise"),
        (
            "p",
            "The best-supported ways to keep a brain adaptable are everyday ones. "
            "Learn something that is genuinely hard for you, such as an "
            "instrument, a language or a craft, and practise it regularly. Move "
            "your body most days. Sleep enough, because much of the consolidation "
            "of learning happens overnight. Spend time with other people, since "
            "conversation is one of the most demanding things a brain does. "
            "Notice what you learn, because reflection strengthens it.",
        ),
        (
            "product",
            (
                "field-guide-mushrooms",
                "A field guide for learning to tell species apart on walks.",
            ),
        ),
        (
            "p",
            "Neuroplasticity is real, ordinary and lifelong. The laboratory work on "
            "psychedelics added an interesting chapter, and the next one, with "
            "careful human trials, has yet to be written.",
        ),
        ("guide", "why-people-microdose"),
        ("guide", "integration-into-daily-life"),
    ],
    "sources": [
        DRAGANSKI_2004,
        MAGUIRE_2000,
        ERICKSON_2011,
        LY_2018,
        SHAO_2021,
        KUYPERS_2019,
    ],
}

SCIENCE_ARTICLES = [NEUROPLASTICITY]
