"""Phrases that may point beyond coaching, by category, and the idioms that look like them.

Written by the project for spoken coaching talk (DOMAIN.md, "Coaching and therapy"). High
precision over recall: each cue is a phrase people rarely use in passing at work. Read by
`analysis.referral` as regular expressions over one sentence, lower-cased, with curly apostrophes
made straight. These cues prompt the coach to consider referral; they never diagnose anything.
See docs/referral.md.
"""

from __future__ import annotations

CATEGORIES = ("self_harm", "hopelessness", "trauma", "clinical", "substance", "low_mood")

# Low mood told in plain words, by kind. One such cue is ordinary talk for a tired executive; the
# finding needs them to add up (`analysis.referral`: several turns, at least two kinds).
LOW_MOOD_KINDS: dict[str, tuple[str, ...]] = {
    # Loss of enjoyment or feeling: "I used to love it ... I just felt nothing".
    "enjoyment": (
        r"\bi (?:just )?(?:felt|feel) nothing\b",
        r"\b(?:don't|can't|didn't|couldn't) enjoy (?:anything|it any ?more|things any ?more)\b",
        r"\blost (?:all )?interest in (?:everything|anything|things)\b",
        r"\b(?:feel|feeling|felt) (?:so |completely |totally )?numb\b",
        r"\bno joy in (?:anything|it|life)\b",
        r"\beverything(?:'s| is) (?:an effort|grey|pointless)\b",
        r"\bit's (?:just )?grey\b",
    ),
    # Sleep that keeps breaking: "I'm awake at four. Every night."
    "sleep": (
        r"\bawake at (?:two|three|four|five|half \w+|[2-5](?::\d\d)?(?: ?am)?)\b",
        r"\b(?:can't|cannot|couldn't) sleep\b",
        r"\b(?:i'm |i am |i've been |been )not sleeping\b",
        r"\bhaven't (?:slept|had a (?:proper|decent|full) night's sleep) (?:properly |well )?(?:in|for) (?:weeks|months|ages)\b",
        r"\blie awake\b",
        r"\blying awake\b",
    ),
    # Emptiness and exhaustion: "I've got nothing left", "running on empty".
    "exhaustion": (
        r"\bi've got nothing left\b",
        r"\bi have nothing left\b",
        r"\brunning on empty\b",
        r"\bempty inside\b",
        r"\bcan't even find the words\b",
        r"\b(?:i feel|i'm feeling|i've been feeling|i've felt) (?:so |really |really quite )?(?:low|flat|down)\b",
        r"\bexhausted all the time\b",
    ),
    # It has lasted: "It's been like this since before Christmas".
    "persistence": (
        r"\b(?:it's|i've) been like (?:this|that) (?:since|for)\b",
        r"\bfor (?:weeks|months) now\b",
    ),
}

_ME = r"(?:me|myself)"

CUES: dict[str, tuple[str, ...]] = {
    # Self-harm and suicidal ideation, active or passive ("better off without me").
    "self_harm": (
        r"\bsuicidal\b",
        r"\b(?:thoughts? (?:of|about)|thinking (?:of|about)|thought about) (?:suicide|ending (?:my|it)|killing myself)\b",
        r"\bkill(?:ing)? myself\b",
        r"\b(?:end|ending|take|taking) my (?:own )?life\b",
        r"\bend it all\b",
        r"\b(?:hurt|hurting|harm|harming|cut|cutting) myself\b",
        r"\bself[- ]?harm(?:ing)?\b",
        r"\bdon't want to (?:be here|be alive|live) ?(?:any ?more|at all)\b",
        r"\bdon't want to be alive\b",
        r"\bbetter off (?:without me|dead|if i (?:wasn't|weren't) (?:here|around))\b",
        r"\b(?:easier|better) (?:for everyone )?if i (?:wasn't|weren't) (?:here|around|alive)\b",
        r"\bwish i (?:was|were) dead\b",
        r"\bwish i (?:wasn't|weren't) (?:here|alive|born)\b",
        r"\bwish i could (?:just )?(?:disappear|stop existing|not exist|not wake up|go to sleep and not wake up)\b",
        r"\b(?:go to sleep|fall asleep) and (?:not|never) wake up\b",
        r"\bno (?:point|reason) (?:in )?(?:going on|living|carrying on|being alive|being here)\b",
        r"\b(?:life|living)(?: is|'s| isn't) not worth (?:living|it)\b",
        r"\blife isn't worth living\b",
        r"\bnot worth living\b",
        r"\bdo (?:anything|something) stupid\b",
        r"\bwant(?:ed)? to die\b",
    ),
    # Hopelessness: a future that cannot change, or feeling a burden.
    "hopelessness": (
        r"\bnothing (?:will|is) ever (?:going to )?change\b",
        r"\bnothing's ever (?:going to|gonna) change\b",
        r"\bwhat's the point of (?:any of it|anything|it all|any of this|going on|carrying on|trying)\b",
        r"\bwhat is the point of (?:any of it|anything|it all|any of this|going on|carrying on|trying)\b",
        r"^what's the point$",
        r"\bcan't see (?:a|any) way out\b",
        r"\bthere's no way out\b",
        r"\b(?:i feel|i'm feeling|feel so|it all feels|everything feels|i'm) (?:completely |totally |so )?hopeless\b",
        r"\bno hope left\b",
        r"\bnothing to look forward to\b",
        r"\bgiven up on (?:everything|life|myself)\b",
        r"\bcan't go on like this\b",
        r"\b(?:don't|can't|cannot) see the point (?:in|of) (?:trying|anything|going on|carrying on|any of it|getting up|life)\b",
        r"\b(?:there's|there is|i've got|i have) no hope\b",
        r"\bno hope (?:of|for) (?:it|things|anything|me) (?:changing|getting better|improving)\b",
        r"\bnothing (?:i do|i try|i say) (?:makes|will make|ever makes) (?:any|a|the slightest) difference\b",
        r"\b(?:can't|cannot|don't) see (?:any|a) way (?:this|it|things|that) (?:gets?|is going to get|will get|could get) better\b",
        r"\b(?:it's|things are|this is|nothing's|nothing is) never going to (?:get better|change|improve)\b",
        r"\b(?:i feel like|i'm|i am|i've become) (?:just )?a burden\b",
    ),
    # Trauma: an event that keeps intruding, or abuse and assault.
    "trauma": (
        r"\bflashbacks?\b",
        r"\bsince the (?:accident|attack|crash|assault)\b",
        r"\b(?:was|been|being|got) (?:sexually |physically )?(?:abused|assaulted|attacked|raped)\b",
        r"\babusive (?:relationship|marriage|childhood|father|mother|dad|mum|partner|husband|wife|ex)\b",
        r"\braped\b",
        r"\bnightmares\b",
        r"\b(?:keep |kept )?reliving (?:it|that|the)\b",
        r"\bi was the one who found (?:him|her|them|dad|mum|my \w+)\b",
        r"\bwhat it was like finding\b",
        r"\btrauma(?:tised|tized)?\b",
        r"\bevery time i close my eyes\b",
    ),
    # Clinical language about the client's own health.
    "clinical": (
        r"\bdiagnosed with\b",
        r"\b(?:panic|anxiety) attacks?\b",
        r"\bthought i was having a heart attack\b",
        r"\bmy (?:therapist|counsellor|counselor|psychiatrist|psychologist|psychotherapist)\b",
        r"\b(?:anti-?depressants|sertraline|citalopram|fluoxetine|prozac|mirtazapine|diazepam|valium)\b",
        r"\bptsd\b",
        r"\beating disorder\b",
        r"\b(?:anorexia|anorexic|bulimia|bulimic)\b",
        r"\b(?:can't|couldn't|cannot) get out of bed\b",
        r"\bdepressed\b",
        r"\bmy depression\b",
        r"\bbipolar\b",
        r"\b(?:nervous|mental) breakdown\b",
        r"\bi(?:'m| am| was)? (?:had|having) a (?:bit of a )?breakdown\b",
        r"\bmy mental health\b",
    ),
    "low_mood": tuple(cue for cues in LOW_MOOD_KINDS.values() for cue in cues),
    # Substance use that has become a pattern or a way of coping.
    "substance": (
        r"\bdrinking (?:every|most) (?:night|day|evening)s?\b",
        r"\b(?:a|one|two) bottles? (?:a|most|every) (?:night|day|evening)s?\b",
        r"\bneed (?:a|a couple of|a few|two|three|some) drinks? (?:to|before|just to)\b",
        r"\bdrink(?:ing)? to (?:get to sleep|sleep|cope|get through)\b",
        r"\busing again\b",
        r"\b(?:started|been|keep|i'm|am|was) (?:using|taking|doing) (?:cocaine|coke|drugs|ketamine|mdma|speed|weed|pills)\b",
        r"\brelapsed\b",
        r"\bdrinking (?:too much|far too much|a lot more|heavily|more and more)\b",
        r"\bcan't stop drinking\b",
        r"\bback on the (?:booze|drink|pills|gear)\b",
        r"\b(?:cocaine|coke|weed|pills) (?:every|most) (?:night|day|weekend)s?\b",
    ),
}

# Cues read across a sentence break in one turn ("That's what I feel like. A burden.").
TURN_CUES: dict[str, tuple[str, ...]] = {
    "hopelessness": (r"\bfeel like\.\s+(?:just )?a burden\b",),
}

# The coach's side of the boundary, read in coach turns (`analysis.referral.coach_moves`): asking
# about safety directly, naming where coaching ends, pointing to other help, and consent about
# sharing with that help. Ordinary coaching talk uses none of these in passing; they are reported
# only next to the client's signals.
_YOURSELF = r"(?:ending your (?:own )?life|taking your (?:own )?life|suicide|killing yourself|(?:harming|hurting) yourself)"
COACH_MOVES: dict[str, tuple[str, ...]] = {
    # Asked as a question (the analyzer checks): "are you having thoughts of ending your life?"
    "safety_question": (
        rf"\b(?:thoughts?|thinking|thought) (?:of|about) {_YOURSELF}",
        r"\b(?:want|wanting|wanted) to (?:harm|hurt|kill) yourself\b",
        r"\b(?:harm|hurt)(?:ing)? yourself\b",
        r"\b(?:keep|keeping) yourself safe\b",
        r"\bare you (?:feeling )?safe\b",
        r"\b(?:act|acted|acting) on (?:them|those thoughts|these thoughts|the thoughts)\b",
        r"\bthoughts of not (?:wanting to be|being) (?:here|alive)\b",
        r"\bany plans? to (?:end|harm|hurt)\b",
    ),
    # Where coaching ends and therapy begins.
    "boundary": (
        r"\b(?:therapy|counselling|counseling|clinical) territory\b",
        r"\bthe difference between (?:what we do here|coaching|what i do)\b",
        r"\b(?:beyond|outside) (?:what )?coaching\b",
        r"\b(?:beyond|outside) what (?:we|i) (?:can|should) (?:do|offer) (?:here|in coaching)\b",
        r"\bi'm not (?:a doctor|a therapist|a counsellor|a counselor|qualified to)\b",
        r"\bnot in a position to (?:say|diagnose|judge)\b",
        r"\bcoaching (?:you )?alongside\b",
        r"\balongside (?:counselling|counseling|therapy|the gp)\b",
    ),
    # Pointing to other help: GP, counselling, EAP, crisis lines.
    "referral": (
        r"\b(?:your|a|the) gp\b",
        r"\b(?:see|speak to|talk to|ring|call) (?:a|your) doctor\b",
        r"\b(?:a|the|your) (?:counsellor|counselor|therapist|psychologist|psychotherapist)\b",
        r"\bcounselling\b",
        r"\bemployee assistance\b",
        r"\beap\b",
        r"\bsamaritans\b",
        r"\bcrisis (?:line|team|service|number)s?\b",
        r"\b(?:ring|call) 111\b",
        r"\ba&e\b",
    ),
    # Consent about sharing with that help, read only in a turn that also points to it.
    "consent": (
        r"\bonly with your (?:permission|consent|say-so|agreement)\b",
        r"\bwith your (?:permission|consent)\b",
        r"\bonly about what you agree\b",
    ),
}

# A sentence that names other help points the client to it only in one of these forms (a suggestion,
# a question about going, what the help offers); "Your GP's worried about your drinking." echoes
# the client and points nowhere.
POINTING = (
    r"\b(?:could|might|would|should|can|worth|suggest|recommend|encourage|consider|think about|thought about"
    r"|have you|did you|are you|were you|is there|would you|will you|do you|talk to|talking to|speak to"
    r"|speaking to|see|seeing|ring|call|contact|get in touch|book|make an appointment|refer|referral"
    r"|talk about|want to|wonder|wondering|number|details|available|free|confidential|offers?|covers?|there for"
    r"|support|help|alongside)\b",
)

# Idioms that overlap a cue: a cue inside one of these spans is not a signal.
IDIOMS = (
    r"\bcould (?:have )?kill(?:ed)? myself (?:for|laughing)\b",
    r"\b(?:nearly |almost )?kill(?:ed|ing)? myself (?:laughing|with|over|to get|for|trying)\b",
    r"\bwant(?:ed)? to die of (?:embarrassment|shame)\b",
    r"\bwant(?:ed)? to die(?:,)? (?:honestly|lol)\b",
    r"\b(?:nearly|almost|could have) died\b",
    r"\bdiagnosed with (?:a|the) (?:problem|fault|issue)\b",
    r"\bthe (?:great|economic) depression\b",
    r"\btrauma (?:ward|team|unit|surgeon|centre|center)\b",
    r"\bemotional trauma of (?:the|a) (?:spreadsheet|meeting|deadline)\b",
    r"\bend it all (?:with|on) a\b",
    r"\bdrinking (?:too much|far too much|a lot more|more and more|heavily) (?:water|tea|coffee|juice|fluids|squash|milk)\b",
    r"\b(?:felt|feel) nothing but\b",
    r"\bcan't sleep (?:on|in) (?:planes|trains|hotels|flights|the plane|the train)\b",
)

# Words a few places before a cue, in its clause, that deny it ("I'm not depressed").
NEGATORS = frozenset(
    {"not", "never", "no", "nobody", "nothing", "without", "hardly", "isn't", "wasn't", "aren't"}
)
# Subjects that make a cue someone else's ("my brother was diagnosed with").
THIRD_PARTY = frozenset(
    {
        "he",
        "she",
        "they",
        "he's",
        "she's",
        "they're",
        "his",
        "her",
        "their",
        "him",
        "them",
        "he'd",
        "she'd",
        "they've",
    }
)
RELATIONS = frozenset(
    {
        "brother",
        "sister",
        "mum",
        "mam",
        "mom",
        "dad",
        "mother",
        "father",
        "wife",
        "husband",
        "partner",
        "son",
        "daughter",
        "friend",
        "colleague",
        "boss",
        "team",
        "cousin",
        "uncle",
        "aunt",
        "nan",
        "gran",
        "grandad",
    }
)
FIRST_PERSON = frozenset({"i", "i'm", "i've", "i'd", "i'll", "me", "my", "myself", "we", "we're"})
# Intensity words: one hopelessness turn with one of these (or two cues) counts as sustained.
INTENSIFIERS = (r"\bevery (?:day|night|morning)\b", r"\ball the time\b", r"\bcompletely\b", r"\btotally\b")
