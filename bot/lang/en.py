"""English language data: stop words, small talk, and the words of English questions."""

from __future__ import annotations

from bot.lang.zh import words

STOP_WORDS = frozenset(
    words(
        "a an the of in on at to for from by with "
        "and or is are was were be been being do does did "
        "what whats which who whom how much many when where why there "
        "their its it this that these those please tell me about can "
        "could would should you your i we our us my any some "
        "get got has have had as into per s than then so "
        "if not no yes give show know number figure data"
    )
)

CHITCHAT = frozenset(
    words(
        "hi hello hey thanks thank thx bye goodbye ok okay morning evening "
        "night good who are you what can do how weather joke test "
        "lol haha"
    )
)

# Nouns after "how many" that count people.
PEOPLE = frozenset(
    words(
        "people persons person residents citizens children kids child orphans seniors "
        "beneficiaries recipients workers volunteers vagrants "
        # person-times (人次): visits and times people were helped are counted in people
        "person-times person-time visits visit"
    )
)

# Nouns after "how many" that count households (户), not people.
HOUSEHOLDS = frozenset(words("households household families"))

# Words that make a question a request for a list ("list the elderly-care figures").
BROAD = frozenset(
    words(
        "overview figure statistic stat data summary list everything all achieve achieved "
        "achievement highlight happen happened done mention mentioned according article report "
        "say says said"
    )
)

# Distinctions an English yes/no question claims ("Is the dibao standard the highest in
# Jiangsu?"), as the families of bot.lang.zh.claims; matched as whole words.
CLAIMS: dict[str, tuple[str, ...]] = {
    "highest": ("highest",),
    "lowest": ("lowest",),
    "number one": ("first",),
    "ranked first": ("first",),
    "the first": ("pioneer",),
    "first to": ("pioneer",),
    "pioneer": ("pioneer",),
    "pioneered": ("pioneer",),
    "leading": ("leading",),
    "full coverage": ("full_coverage",),
    "fully covered": ("full_coverage",),
    "awarded": ("award",),
    "award": ("award",),
    "promoted nationwide": ("promoted",),
}

# The level an English claim is made at ("the first in Jiangsu province"), as the levels of
# bot.lang.zh.claims; the first word found names it.
LEVELS: tuple[tuple[str, str], ...] = (
    ("nationwide", "national"),
    ("national", "national"),
    ("nationally", "national"),
    ("the country", "national"),
    ("china", "national"),
    ("jiangsu", "province"),
    ("province", "province"),
    ("provincial", "province"),
    ("the city", "city"),
    ("municipal", "city"),
)


# The words an English question opens with ("How many …", "Is the …", "Tell me …"); a sentence
# that opens otherwise and has no question mark tells, whatever "who" it holds ("I'm a
# foreigner who has lived here …").
QUESTION_OPENERS = frozenset(
    words(
        "what whats what's which who whom whose how when where why "
        "is are was were do does did has have can could will would should "
        "tell give list show please any"
    )
)

# Bounds written before an English number ("over 2 billion yuan", "at least 80"), as the
# bounds of bot.lang.zh.measures: the words of a lower bound, and those that exclude their value.
BOUND_BEFORE: tuple[str, ...] = (
    "more than",
    "over",
    "above",
    "at least",
    "exceeding",
    "less than",
    "fewer than",
    "under",
    "below",
    "at most",
)
BOUND_LOWER = frozenset({"more than", "over", "above", "at least", "exceeding"})
BOUND_STRICT = frozenset(
    {"more than", "over", "above", "exceeding", "less than", "fewer than", "under", "below"}
)

__all__ = [
    "BOUND_BEFORE",
    "BOUND_LOWER",
    "BOUND_STRICT",
    "BROAD",
    "CHITCHAT",
    "CLAIMS",
    "HOUSEHOLDS",
    "LEVELS",
    "PEOPLE",
    "QUESTION_OPENERS",
    "STOP_WORDS",
]
