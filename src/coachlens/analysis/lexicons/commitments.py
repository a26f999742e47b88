"""Words that make a client's sentence a commitment, hedge it, date it, or rule it out.

Written by the project for spoken coaching talk (DOMAIN.md, "Collusion and the contract": agreed
actions need tracking). `analysis.commitments` reads them as regular expressions over one
sentence, lower-cased, with curly apostrophes made straight. See docs/commitments.md.
"""

from __future__ import annotations

# A first-person future: the commitment proper follows it. Hedged openers mark the whole clause.
FIRM_OPENERS = (
    r"i'll",
    r"i will",
    r"i shall",
    r"i'm going to",
    r"i am going to",
    r"i'm gonna",
    r"i've decided to",
    r"i have decided to",
    r"i promise to",
    r"i promise i'll",
    r"i commit to",
)
HEDGED_OPENERS = (
    r"maybe i'll",
    r"perhaps i'll",
    r"i think i'll",
    r"i might",
    r"i may",
)

# A commitment that names no action of its own, once its deadline is set aside: it takes on what the
# other speaker has just proposed or summed up ("I'll do that", "I'll try that", "I'll start", "I'll
# give it a go").
ANAPHORIC = (
    r"(?:okay |ok |yeah |yes |right |fine )*(?:i'll|i will|i'm going to|i am going to|i'm gonna|maybe i'll"
    r"|i think i'll|i might|i can) (?:just |definitely |maybe |certainly |honestly )?"
    r"(?:do|try|start|back|give|have a go at|get (?:on with|to)|go (?:for|with)|stick (?:to|with)|take)"
    r"(?: (?:it|that|this|those|them|one|on))?(?: a go| a try)?"
)

# Openers of intent that count only in reply to a coach's question asking for an action ("Is there
# something you want to do before we meet again?" -> "I want to ask Leo and Maya..."). Said anywhere
# else they are wishes, not agreed actions.
ELICITED_OPENERS = (
    r"i want to",
    r"i'd like to",
    r"i would like to",
    r"i need to",
    r"i'm planning to",
    r"i plan to",
    r"my plan is to",
    r"i'm aiming to",
)

# A coach question that asks for an action or a commitment (the "will" of a coaching conversation).
ACTION_PROMPTS = (
    r"\bwhat (?:do|will|would|could|might|are) you (?:going to |want to |like to |need to )?(?:do|try|commit|take away)\b",
    r"\b(?:something|anything) (?:that )?you(?:'d| would)? (?:want|like|need) to (?:do|try|commit)\b",
    r"\bnext steps?\b",
    r"\bfirst step\b",
    r"\bwhat(?:'s| is) your plan\b",
    r"\bcommit to\b",
    r"\bbetween now and (?:next time|then|the next session|when we meet)\b",
    r"\bbefore we (?:meet|speak|talk) (?:again|next)\b",
)
# A coach question that asks when: a reply that only names a time dates the action just agreed.
WHEN_PROMPTS = (
    r"\bby when\b",
    r"\bwhen (?:could|will|would|might|can|do) you\b",
    r"\bwhen (?:might|will|would|could) (?:that|it|this) happen\b",
    r"\bwhat date\b",
    r"^(?:and |so )?when\?$",
)

# Words between the opener and the verb; the hedging ones hedge the commitment.
FILLERS = frozenset(
    {"just", "also", "then", "definitely", "actually", "really", "now", "first", "still", "defo", "properly"}
)
HEDGING_FILLERS = frozenset({"maybe", "probably", "possibly", "perhaps", "hopefully"})

# Verbs that name something a person can go and do. A verb outside this set ("I'll be there",
# "I might nick that", "I'll dial in", "I'll hold at four and a half") is not read as an action.
ACTION_VERBS = frozenset(
    [
        "act",
        "address",
        "agree",
        "apologise",
        "apologize",
        "approach",
        "arrange",
        "ask",
        "back",
        "block",
        "book",
        "bring",
        "call",
        "cancel",
        "catch",
        "challenge",
        "chase",
        "check",
        "clear",
        "confirm",
        "contact",
        "decline",
        "delegate",
        "discuss",
        "do",
        "draft",
        "email",
        "fix",
        "follow",
        "get",
        "give",
        "go",
        "grab",
        "hand",
        "have",
        "invite",
        "keep",
        "leave",
        "let",
        "list",
        "look",
        "meet",
        "message",
        "mute",
        "note",
        "offer",
        "organise",
        "organize",
        "phone",
        "pick",
        "plan",
        "practise",
        "practice",
        "prepare",
        "present",
        "propose",
        "push",
        "put",
        "raise",
        "read",
        "recommend",
        "rehearse",
        "reply",
        "review",
        "ring",
        "run",
        "schedule",
        "see",
        "send",
        "set",
        "share",
        "sit",
        "sort",
        "speak",
        "spend",
        "start",
        "stay",
        "stop",
        "take",
        "talk",
        "tell",
        "text",
        "think",
        "try",
        "turn",
        "update",
        "use",
        "wait",
        "walk",
        "work",
        "write",
    ]
)

# Phrases after the opener that are not an action: talk to the coach, speech, being somewhere.
NOT_ACTIONS = (
    r"^tell you\b",
    r"^let you know\b",
    r"^see you\b",
    r"^see how\b",
    r"^have to\b",
    r"^think about (?:it|that)\s*$",
    r"^have a think about (?:it|that)\s*$",
    r"^do my best\s*$",
    r"^use (?:it|that)\s*$",
    r"^get (?:it|that)\s*$",
)

# Vague actions: no content, no ask ("I'll get to it", "I'll catch him at the review").
VAGUE_ACTIONS = (
    r"\bget (?:round |around )?to it\b",
    r"\bcatch (?:him|her|them)\b",
    r"\bgrab (?:him|her|them)\b",
    r"\bthink about\b",
    r"\bhave a think\b",
    r"\bsee if\b",
    r"\bdo my best\b",
    r"\bgive it a (?:go|try|shot)\b",
)

# Hedges anywhere in the commitment's clause, or as a short sentence after it ("Maybe.").
HEDGES = (
    r"\bmaybe\b",
    r"\bperhaps\b",
    r"\bprobably\b",
    r"\bpossibly\b",
    r"\bhopefully\b",
    r"\bat some point\b",
    r"\btry\b",
    r"\btrying\b",
    r"\bmight\b",
    r"\bi suppose\b",
    r"\bi guess\b",
    r"\bif there's a (?:moment|chance|gap)\b",
    r"\bif i (?:can|get (?:a|the) chance|get time|remember|have time)\b",
    r"\bwe'll see\b",
    r"\bsee how (?:it|she|he|they) (?:goes|go|gets on)\b",
    r"\bor something\b",
)

# Before the opener in the same sentence: the commitment is reported ("I said I'll"), thought
# ("thinking right, I'll do it today") or embedded ("I know what I'm going to say").
REPORTING = r"\b(?:said|say|says|told|tell|telling|thinking|thought|asked|promised|swore|goes|went|go)\b"
EMBEDDING = r"\b(?:what|how|where|whether|who|which|why)\s*$"
# A sentence that opens with a condition is a plan for a case, not an agreed action.
CONDITIONAL_START = (
    r"^(?:and |but |so |then |well |look )*(?:if|unless|when|whenever|once|in case|otherwise)\b"
)

# A coach turn that offers the next session's date: the client's reply is logistics.
SCHEDULING_WORDS = (
    r"\b(?:on dates|dates for|same time|next session(?:'s| is| on)|we're back on|book (?:in )?(?:our|the) next"
    r"|our next (?:session|one) (?:is|on))\b"
)
DATE_WORDS = (
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|o'clock|fortnight|next month|\d{1,2}(?:st|nd|rd|th)"
    r"|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|"
    r"fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-\w+|thirtieth|thirty-first|\d{1,2}:\d\d)\b"
)

_DAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_ORDINAL = (
    r"(?:\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
    r"|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-\w+|thirtieth"
    r"|thirty-first)"
)
_MONTH = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"

# Time expressions, as written: the first ones name the deadline of a commitment.
DEADLINES = (
    rf"\b(?:(?:by|before|until|till|from|on|after|this|next|coming|by next)\s+){_DAY}s?(?:\s+(?:morning|afternoon|evening|night)s?)?\b",
    rf"\b{_DAY}s?\s+(?:morning|afternoon|evening|night)s?\b",
    rf"\b(?:by|before|on|until|till|from)\s+the\s+{_ORDINAL}(?:\s+of\s+{_MONTH})?\b",
    rf"\b(?:by|before|in|until|till|end of)\s+{_MONTH}\b",
    r"\b(?:by |before |at |until )?the end of (?:the |this |next )?(?:day|week|month|quarter)\b",
    r"\btonight\b",
    r"\btoday\b",
    r"\btomorrow(?: morning| afternoon| evening| night)?\b",
    r"\b(?:this|next) (?:week|weekend|month|morning|afternoon|evening)\b",
    r"\bover the (?:summer|weekend|holidays|break|christmas|easter)\b",
    r"\bin (?:a|one|two|three|four|\d+) (?:days?|weeks?)(?:'s? time)?\b",
    r"\bin a fortnight\b",
    r"\b(?:by|before|after) (?:the )?next (?:session|time)\b",
    r"\b(?:at|after|before|by) the (?:[\w-]+ ){0,2}(?:review|meeting|call|session|board|stand-up|offsite|one-to-one)\b",
    r"\bfirst thing\b",
    r"\bstraight away\b",
    r"\bright away\b",
)
# A weekday alone as a short sentence after a commitment ("I'll send it this week. Wednesday.").
BARE_DAY = rf"^(?:on |by |before )?{_DAY}(?: (?:morning|afternoon|evening))?$"

# What a coach undertakes to do for the client, read after a firm or hedged opener in a coach turn
# (`analysis.commitments.analyze_undertakings`): sending something, booking or setting something
# up, putting something in writing, taking the work to supervision. Coaches say "I'll" all the time
# about the conversation itself ("I'll ask you directly", "I'll be Jim", "I'll stop you there",
# "I'll share what I'm noticing"); none of those is a deliverable, so this list is narrow on purpose.
UNDERTAKINGS = (
    r"(?:send|email|e-mail|forward|circulate|text|post) (?:you|it|them|that|those|this|the|a|an|some|over|on|round|him|her|\w+ (?:a|an|the|some))\b",
    r"(?:book|schedule|arrange|organise|organize|set up|sort out) (?:the|a|an|our|another|us|it|that|some|a time)\b",
    r"put (?:\w+ ){0,4}(?:in|into) (?:an email|a note|writing|the diary|the calendar|the invite)\b",
    r"(?:write|type) (?:\w+ ){0,3}up\b",
    r"(?:draft|write) (?:you |up )?(?:a|an|the|some)\b",
    r"(?:take|bring) (?:this|it|that|our work|the case|your case|the session) to (?:my )?(?:supervisor|supervision)\b",
    r"(?:dig out|look out|look up|pull together|put together|find) (?:\w+ ){0,3}(?:for you|the|a|an|some)\b",
    r"(?:introduce you|connect you|put you in touch)\b",
    r"(?:get back to you|follow (?:it |that |this )?up with (?:you|him|her|them))\b",
)
