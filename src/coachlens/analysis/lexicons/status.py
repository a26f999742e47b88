"""Phrases that carry status in a conversation: giving answers, asking for them, deferring.

Matched on lower-cased word tokens (`transcript.tokens.words`) with brace alternatives. Written by
the project for coaching talk in British and American English; each group names what it marks.
"""

from __future__ import annotations

# Giving an answer or a solution: the higher-status move in DOMAIN.md's list.
SOLUTIONS = {
    "solution": [
        "you {should,shouldn't,must,need to,needn't,have to,'ve got to,ought to}",
        "you've got to",
        "what i'd do",
        "what i would do",
        "if i were you",
        "if i was you",
        "i'd {just,definitely,probably,always} {go,say,tell,book,send,get,put,ask,do}",
        "what you {want,need} to do is",
        "have you {thought about,tried,considered}",
        "could you not",
        "why don't you",
        "why not just",
        "the trick is",
        "the {answer,solution,key} is",
        "my advice",
        "let me tell you",
        "let me explain",
        "i'll tell you",
        "make sure you",
        "don't {let,worry,beat}",
        "the way to do it",
        "here's what",
        "you're learning",
    ]
}

# Asking the other for the answer, a verdict or approval.
REQUESTS = {
    "request": [
        "what would you do",
        "what {should,do} i do",
        "what do you think i should",
        "{should,do} i {escalate,say,tell,go,just,call,send,ask,push,do,need}",
        "do you think i {should,need,ought}",
        "you think i need",
        "is that the right",
        "is that {ok,okay,alright,all right}",
        "something like that",
        "tell me what to do",
        "you tell me",
        "what's the answer",
        "what's the right",
        "how should i",
        "would you {go,say,do}",
        "am i {wrong,right}",
    ]
}

# Apologising, asking permission, giving way: deferential moves by either party.
DEFERRING = {
    "apology": ["sorry", "i apologise", "i apologize", "my apologies", "forgive me", "my mistake", "my bad"],
    "permission": [
        "{would,will,is} it be {ok,okay,alright,all right} if",
        "is it {ok,okay,alright,all right} if",
        "{can,could,may,might} i {ask,just ask,suggest,say,offer,check,come in}",
        "do you mind if",
        "if {that's,that is} {ok,okay,alright,all right}",
        "if you don't mind",
        "would you mind",
    ],
    "giving_way": [
        "you're {probably,absolutely,quite,} right",
        "you {know,understand} {him,them,it,best,better} {much,} {better,}",
        "that's fair",
        "fair enough",
        "whatever you think",
        "if you say so",
        "i should have",
        "you're the expert",
        "no no",
        "go ahead",
        "i didn't mean",
        "i didn't realise",
        "i didn't realize",
    ],
}
# A short turn that only agrees: "Right. I see.", "Yes, that makes sense."
AGREEING = {
    "agree": [
        "that makes sense",
        "i see",
        "that sounds good",
        "sounds good",
        "of course",
        "absolutely",
        "exactly",
        "good point",
        "that's true",
        "i suppose so",
        "i guess so",
        "will do",
    ]
}
