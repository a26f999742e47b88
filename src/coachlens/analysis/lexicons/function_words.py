"""Function-word categories for linguistic style coordination, and the stop list of topic tracking.

The eight categories follow the conversational-power literature (articles, auxiliary verbs,
conjunctions, high-frequency adverbs, impersonal pronouns, personal pronouns, prepositions,
quantifiers). The word lists are the project's own, for spoken British and American English;
contractions count in every category they contain ("I'm": personal pronoun and auxiliary).
"""

from __future__ import annotations

from types import MappingProxyType

_PERSONAL = """
i me my mine myself we us our ours ourselves you your yours yourself yourselves he him his himself
she her hers herself they them their theirs themselves i'm i've i'll i'd we're we've we'll we'd
you're you've you'll you'd he's he'll he'd she's she'll she'd they're they've they'll they'd
"""
_IMPERSONAL = """
it its itself it's it'll it'd that that's this these those something anything everything nothing
someone anyone everyone somebody anybody everybody nobody what what's which whatever there's
"""
_ARTICLES = "a an the"
_AUXILIARY = """
am is are was were be been being have has had having do does did doing will would shall should can
could may might must won't wouldn't shan't shouldn't can't cannot couldn't mightn't mustn't isn't
aren't wasn't weren't haven't hasn't hadn't don't doesn't didn't i'm i've i'll i'd we're we've
we'll we'd you're you've you'll you'd he's he'll he'd she's she'll she'd they're they've they'll
they'd it's it'll it'd that's there's what's
"""
_CONJUNCTIONS = """
and but or so because cause nor yet if although though while whereas unless until since whether
as than also plus
"""
_ADVERBS = """
very really just quite too also only even still then now here there always never often actually
maybe perhaps probably almost already again ever rather pretty literally basically honestly
obviously definitely certainly simply sometimes usually anyway
"""
_PREPOSITIONS = """
in on at to for with from of about by into onto over under after before between through during
without within around across against along among behind below beside beyond near off out up down
upon toward towards past like via per
"""
_QUANTIFIERS = """
all some any many much more most few fewer lot lots several each every both enough less least
little none half whole loads plenty
"""

STYLE_CATEGORIES: MappingProxyType[str, frozenset[str]] = MappingProxyType(
    {
        "articles": frozenset(_ARTICLES.split()),
        "auxiliary_verbs": frozenset(_AUXILIARY.split()),
        "conjunctions": frozenset(_CONJUNCTIONS.split()),
        "adverbs": frozenset(_ADVERBS.split()),
        "impersonal_pronouns": frozenset(_IMPERSONAL.split()),
        "personal_pronouns": frozenset(_PERSONAL.split()),
        "prepositions": frozenset(_PREPOSITIONS.split()),
        "quantifiers": frozenset(_QUANTIFIERS.split()),
    }
)

# Words that carry no topic: the function words above plus the small talk of any conversation.
_CONVERSATIONAL = """
yeah yes yep no nope okay ok oh ah aha mm mmm hmm right well sure fine good great lovely gosh wow
um uh er erm like kind sort bit thing things stuff way ways lot really just know think thought
mean meant said say says saying get gets got getting go goes going gone went come comes came
coming make makes made take takes took want wanted wants need needs needed feel feels felt look
looks looked see seen saw tell told let let's put keep kept give gave try tried bit one two three
first last next time times day days week weeks today tonight tomorrow yesterday morning minute
minutes year years much good bad new old big little long back even ever also mean means done do
did does people person something someone anything everything nothing guess suppose wonder hear
heard talk talking talked ask asked asking call called work working worked happen happened
happens able maybe yeah well actually probably course honest honestly exactly absolutely totally
quite pretty anyway though thank thanks sorry please hello hi bye cheers cos cause can't don't
won't didn't isn't wasn't aren't doesn't haven't wouldn't couldn't shouldn't i'm you're it's
that's there's what's he's she's they're we're i've you've we've they've i'll you'll we'll
they'll i'd you'd we'd they'd gonna wanna kinda sorta dunno let's would could should might must
lot lots many more most less least own same other another such else still already enough
who whom whose how why where when not four five six seven eight nine ten eleven twelve thirteen
fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy
eighty ninety hundred thousand million half quarter start started
"""

STOP_WORDS: frozenset[str] = frozenset(w for words in STYLE_CATEGORIES.values() for w in words) | frozenset(
    _CONVERSATIONAL.split()
)
