"""Phrases that mark a strain in the working alliance, and the coach's moves to repair it.

Written by the project for spoken coaching talk, from DOMAIN.md's "The working alliance":
ruptures show as *confrontation* (complaints about the coach, the process or its value) or
*withdrawal* (short answers, changing the subject, over-compliance); repair acknowledges the
strain, invites feedback, offers to work differently, or talks about the relationship here and
now. Matched on lower-cased word tokens with brace alternatives (`transcript.tokens.PhraseSet`).

Client phrases are only read as markers when they are not negated just before ("it's not a
waste of time") and not reported from someone else ("my boss said this is a waste of time");
`analysis.ruptures.detect_marker` applies both checks.
"""

from __future__ import annotations

# Complaints about the coach, the process or the value of the coaching.
COMPLAINT = [
    "{this,that,this session,these sessions,coaching,this coaching} {is,was} a waste of {my time,time}",
    "{this,that} is a {complete,total,bit of a} waste of {my time,time}",
    "{this,that}'s a {complete,total,bit of a,} waste of {my time,time}",
    "what a waste of time",
    "i don't see the point of {these,this,all these,any of this,coming,doing this,the questions}",
    "i can't see the point of {these,this,all these,any of this,coming,doing this,the questions}",
    "what's the point of {these sessions,this session,coaching,these questions,all these questions,asking}",
    "you're not listening",
    "you aren't listening",
    "you haven't been listening",
    "you never listen",
    "you don't get it",
    "you just don't get it",
    "you don't understand",
    "i'm not sure you {get,understand} what",
    "i don't think you {get,understand} what",
    "i don't think you're listening",
    "this isn't helping",
    "this is not helping",
    "this isn't {working,helpful,useful}",
    "this is not {working,helpful,useful}",
    "{these sessions,the sessions,the coaching,coaching} {isn't,aren't,is not,are not} {helping,working,useful}",
    "i'm not sure these sessions are",
    "i'm not getting anything {out of,from} {this,these}",
    "i'm not getting much {out of,from} {this,these}",
    "we keep going {round,around} in circles",
    "we're going {round,around} in circles",
    "we're just going {round,around} in circles",
    "why do you keep {asking,saying,going back,coming back,bringing}",
    "stop asking me",
    "with {respect,all due respect} that's not",
    "with {respect,all due respect} that isn't",
    "with {respect,all due respect} you don't",
    "i'm paying for {this,these,coaching,you,your time,the sessions}",
    "i'm not paying for",
    "{turns,turned} into advice about",
    "you sound like {my boss,my manager,everyone else,him,her}",
    "you're putting words in my mouth",
    # the coach keeps doing something the client did not ask for
    "you keep {steering,bringing,pushing,asking,turning,taking,dragging,coming back,going back,saying}",
    "you always {turn,bring,steer,push}",
    "turn {it,everything,that,this} into {a,another} question",
    # not being heard
    "{you're,you are} not {really,} {hearing,listening to} {me,what}",
    "{you're,you are} not {really,} listening",
    # the value of the sessions
    "{don't know,no idea,not sure,wonder} why i keep coming {to these,to this,to the sessions,to coaching,here}",
    "{this,these,it,coaching,the coaching,this session,these sessions} {feels,felt,seems,seemed} like a waste",
    "{this,coaching,this session,these sessions} {is,was,are,were} a waste of {an hour,my hour,the hour,money,my money}",
    "{you don't,you didn't} seem to {get,understand,listen,hear}",
    "{not sure,no idea} what i'm getting out of {these,this,coaching,the sessions,our sessions}",
    "{don't,do not} think {this,coaching,it,the coaching,these sessions} {is,are} {working,helping}",
    "{this,coaching,the coaching} {isn't,is not} working for me",
    "you've missed the point",
    "you're missing the point",
    # Sarcasm that is rarely sincere in a session.
    "thanks for nothing",
    "oh {great,brilliant,wonderful,marvellous} another",
    "oh {great,brilliant} more homework",
    "because that's worked so well",
]

# Agreement that gives way rather than agrees, typically after a coach suggestion.
OVER_COMPLIANCE = [
    "sure whatever you think",
    "whatever you think",
    "whatever you say",
    "if you say so",
    "if you think so",
    "fine i'll do that",
    "fine i'll do it",
    "okay fine i'll",
    "you're the expert",
    "you know best",
    "i'll do whatever you",
    "you're probably right",
    "i suppose you're right",
    "i guess you're right",
]

# Coach moves that repair a strain, by move.
REPAIR = {
    "acknowledge": [
        "i think i got that wrong",
        "i got that wrong",
        "i got it wrong",
        "i've got that wrong",
        "i {may,might} have got that wrong",
        "i've upset you",
        "i {may,might} have upset you",
        "i think i upset you",
        "that didn't land",
        "that didn't come out right",
        "i explained it away",
        "i went straight to fixing",
        "i jumped {in,ahead,straight}",
        "i pushed too",
        "i pushed you too {hard,far,fast}",
        "i was pushing",
        "i didn't listen",
        "i wasn't listening",
        "i {missed,misread} {that,what,you}",
        "that's fair about",
        "that's on me",
        "i'll own {that,it}",
        "you're right i",
        "i apologise",
        "i owe you an apology",
        "mine to notice",
        "i carried on anyway",
        "i flinched",
        "i filled the space",
        "take this to {my supervisor,supervision}",
        "to check i've {actually,} {got it,understood}",
    ],
    "invite_feedback": [
        "how is this working for you",
        "how's this working for you",
        "is this working for you",
        "what would be more {useful,helpful}",
        "what would have been more {useful,helpful}",
        "tell me if i'm off",
        "tell me if i've got {it,that} wrong",
        "tell me sooner",
        "what was it like when i",
        "how did {that,it} land",
        "how {this,that,it} is landing",
        "how's {this,that,it} landing",
        "is {this,that,it} landing",
        "how was that for you",
        "i'd like to check how",
    ],
    "offer_change": [
        "we could do this differently",
        "we could try something different",
        "would you rather we",
        "would it help if we",
        "let's step back",
        "let me step back",
        "can we step back",
        "can i suggest something about how we work",
        "change how we work",
        "if i do that again",
    ],
    "here_and_now": [
        "what's happening between us",
        "what is happening between us",
        "what's it like right now between us",
        "between us",
        "i notice",
        "i'm noticing",
        "in here right now",
    ],
}

# "I'm sorry" is a repair when it owns something ("I'm sorry, I...", "I'm sorry." on its own),
# not when it is sympathy ("I'm so sorry that happened", "sorry to hear that").
APOLOGY_HEADS = [["i'm", "sorry"], ["i", "am", "sorry"], ["i'm", "so", "sorry"], ["i'm", "really", "sorry"]]
APOLOGY_OWNING_NEXT = frozenset({"i", "i've", "i'm", "for", "if", "again"})

# A client turn that opens by closing the subject ("Anyway.", "It's fine.", "Can we...").
DEFLECTION_OPENERS = [
    "anyway",
    "it's fine",
    "it is fine",
    "never mind",
    "whatever",
    "moving on",
    "let's move on",
    "can we {talk about,do,move on,move to,get to,go back to,leave}",
    "can we just",
    "enough about",
]

# Words that, in the few tokens before a phrase, negate it ("it's not a waste of time").
NEGATORS = frozenset(
    {"not", "never", "no", "isn't", "wasn't", "don't", "doesn't", "didn't", "hardly", "nothing", "nobody"}
)

# Verbs of reporting: a phrase after one, said by someone else, is a quotation, not a complaint.
REPORTING_VERBS = frozenset(
    {
        "said",
        "says",
        "say",
        "told",
        "tells",
        "reckons",
        "reckoned",
        "thinks",
        "thought",
        "claims",
        "claimed",
        "complained",
        "complains",
        "moaned",
        "wrote",
        "asked",
        "goes",
        "went",
        "called",
        "like",
    }
)
SPEAKER_SUBJECTS = frozenset({"i", "i'm", "i've", "i'd"})

# Short answers that give nothing, beyond `lexicons.acts.MINIMAL`.
MINIMAL_EXTRA = frozenset(
    {"possibly", "probably", "suppose", "whatever", "hmm", "that", "makes", "sense", "think"}
)

# Low-intensity withdrawal signals, read per client turn. On their own they are ordinary talk; the
# analyzer reports them only when they gather on one thread the coach keeps returning to, or follow
# a retracted disagreement (`analysis.ruptures`, "scattered withdrawal").

# Resignation: the matter is someone else's, or settled, so there is nothing to say about it.
RESIGNATION = [
    "it is what it is",
    "it's what it is",
    "{it's,that's} {his,her,their} call",
    "{his,her,their} call not mine",
    "call not mine",
    "not my call",
    "{it's,that's} not up to me",
    "out of my hands",
    "there's no point",
    "nothing i can do",
    "what can you do",
]

# Putting an agreed action off with a reason: the circumstances, not the client, decide when.
JUSTIFICATION = [
    "{it'll,it will,it would,it'd} be easier once",
    "{has,have,had} to come first",
    "{wasn't,isn't,didn't feel like,doesn't feel like,never felt like} the right {moment,time}",
    "{didn't,just didn't,doesn't} line up",
    "{i've,i have,i've just,i have just} got a lot on",
    "{i've,i have} got {too much,so much} on",
    "haven't had {the,a} {chance,moment}",
    "{haven't,hadn't,not} had {time,the time}",
    "it's a different conversation {now,isn't it}",
    "now it's a different conversation",
]

# Hedged acceptance of an action: going along without taking it on.
HEDGES = [
    "i'll try",
    "i'll maybe",
    "i'll get to it",
    "i'll get round to it",
    "i might try",
    "if there's a moment",
    "if i get a chance",
    "if i get the chance",
    "if {he's,she's,they're} around",
]

# Disagreeing with what the coach just said (the first half of a retracted disagreement).
PUSHBACK = [
    "i'm not sure {it's,that's,that,about that,it would,it'd,he's,she's}",
    "isn't that a bit",
    "i don't think {that's,that,it's,that would,it would,he's,she's}",
    "i'm not convinced",
    "that's not quite",
    "it's not quite {like that,that}",
    "it's not that simple",
    "i don't know if that",
]

# Conceding a disagreement (besides the over-compliance phrases). A retraction needs two of: a
# concession, an apology ("sorry"), or the coach cutting in on the disagreement.
RETRACTION = [
    "you're right",
    "fair enough",
    "i take that back",
    "forget i said",
    "ignore me",
]
