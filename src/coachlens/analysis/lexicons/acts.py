"""Phrases that mark a coach's response act in one sentence, and a client's minimal responses.

Written by the project for spoken coaching talk (British and American English), from
DOMAIN.md's "Empathy, feeling and fixing": the fixing moves (reassurance, minimising,
prescriptions, advice disguised as questions) and the feeling moves (reflecting feelings,
asking about the other's experience), plus the here-and-now talk about the relationship.
Matched on lower-cased word tokens with brace alternatives (`transcript.tokens.PhraseSet`).

``ANYWHERE`` groups count wherever they start in the sentence; ``OPENERS`` only at its start,
after lead-ins ("so", "well", "and") are skipped.
"""

from __future__ import annotations

# Talk about the coaching relationship itself, here and now (process talk).
RELATIONAL = [
    "how is this {going,landing,feeling,sitting} for you",
    "how's this {going,landing,feeling,sitting} for you",
    "how are we doing",
    "what's happening for you right now",
    "what's going on for you right now",
    "what is happening for you right now",
    "right now in this {conversation,session,room}",
    "between us",
    "here with me",
    "in this room",
    "how we're working",
    "how we are working",
    "the way we're working",
    "the way we work together",
    "our {work together,working relationship,relationship,sessions,conversations}",
    "is this {helpful,useful,what you need,working for you}",
    "is this the right {focus,conversation,thing to be talking about}",
    "what would be most {useful,helpful} {from me,for you right now,today}",
    "what do you need from me",
    "i notice {i,i'm,i've,we,we're,we've,that i,that we}",
    "i'm noticing {i,i'm,i've,we,we're,we've,that i,that we}",
    "{how is,how's} this for you",
    "doing {most,all,a lot} of the talking",
    "i {wonder,wondered} if i",
    "i'm {aware,conscious} {that i,i,i've,of pushing,of how}",
    "i've been {pushing,pressing,leading,talking too much}",
    "i might have {got that wrong,misread,pushed,jumped}",
    "i may have {got that wrong,misread,pushed,jumped}",
    "feedback on {how,our,the session,today}",
    "how did {that,today,this session,the session} {land,feel} for you",
    "can i {check in,name something,offer an observation,share an observation,share what i'm noticing}",
    "could i {check in,name something,offer an observation,share an observation}",
    "i want to check in {about,on} how",
    "what's it like {saying,talking about,telling me,to say} {that,this,it}",
    "what is it like {saying,talking about,telling me,to say} {that,this,it}",
    "how does it feel {saying,to say,to talk about,talking about} {that,this,it} {here,to me,out loud,with me}",
]

# Advice dressed as a question ("have you thought about...?"): only counts in questions.
SUGGESTION_QUESTIONS = [
    "have you {thought about,thought of,considered,tried,looked at,looked into}",
    "did you {think about,consider,try}",
    "had you {thought about,considered}",
    "what if you",
    "what about {trying,asking,telling,talking,speaking,booking,sending,getting,putting,doing,just,if you}",
    "how about {trying,asking,telling,talking,speaking,booking,sending,getting,putting,doing,just,you}",
    "why don't you",
    "why not {just,try,ask,tell,talk,book,send,speak}",
    "could you {just,not,not just,maybe,perhaps,try,ask,tell,talk,speak,book,send,put,delegate,get}",
    "couldn't you",
    "can you not",
    "can't you just",
    "would it {help,be worth,make sense} {to,if}",
    "{would,could,might} it be worth",
    "{would,could,might} it be {useful,helpful,a good idea} {to,if you}",
    "wouldn't it be {better,easier,worth}",
    "is it worth {trying,asking,talking,speaking,telling,booking,just}",
    "might it be worth",
    "do you think you {could,should,might}",
    "shouldn't you",
    "have you {asked,told,spoken to,talked to} him {about,whether}",
    "what's stopping you from {just,simply}",
]

# Reassurance and minimising: making the feeling go away instead of meeting it.
REASSURANCE = [
    "it'll be {fine,ok,okay,alright,all right,great,good}",
    "it will be {fine,ok,okay,alright,all right,great,good}",
    "it's going to be {fine,ok,okay,alright,all right,great}",
    "you'll be {fine,ok,okay,alright,all right,great,brilliant}",
    "you will be {fine,ok,okay,great}",
    "you're going to be {fine,ok,okay,great,brilliant}",
    "don't worry",
    "no need to {worry,feel,be}",
    "nothing to {worry,feel,be worried,be ashamed,be embarrassed}",
    "{don't be,i wouldn't be,try not to be} {so,too} hard on yourself",
    "don't beat yourself up",
    "i'm sure {it'll,it,you'll,you,he'll,he,she'll,she,they'll,they}",
    "i'm certain {it'll,you'll}",
    "i promise",
    "it could be worse",
    "it could have been worse",
    "at least {you,you've,you're,you'll,you still,your,it's,it,it'll,it was,he,he's,she,she's,they,they're,there's,that's,we,we're,now,this way}",
    "look on the bright side",
    "silver lining",
    "every cloud",
    "it's not that bad",
    "it's not the end of the world",
    "these things happen",
    "it happens to {everyone,everybody,all of us,the best of us}",
    "everyone {feels,gets,goes through,has}",
    "everybody {feels,gets,goes through,has}",
    "{everyone's,everybody's} {had,been,felt,done} {one,that,it,this}",
    # minimising by making it not about the client ("more about the numbers than about you")
    "than about you",
    "{it's not,it is not,it was not,it wasn't,it isn't,that's not,that wasn't} {really,} about you",
    "nothing to do with you",
    "{it's,it is,it was,it wasn't,it isn't,that's,that was} not personal",
    "{don't,do not,try not to} take it personally",
    "{he,she,they} {probably,just,} {does,do} that to {everyone,everybody}",
    "{he's,she's,they're} like that with {everyone,everybody}",
    "{i,i'd,i would} {wouldn't,not,try not to} read too much into",
    "{don't,do not,try not to} read too much into",
    "that's {completely,totally,perfectly} normal",
    "it's {completely,totally,perfectly} normal",
    "it'll all work out",
    "it'll work out",
    "you've got this",
    "you'll get through",
    "you'll smash it",
    "you'll nail it",
    "chin up",
    "cheer up",
    "try not to worry",
    "no one will {notice,remember,care}",
    "nobody will {notice,remember,care}",
    "in a year",
    "worse things happen",
    "the good news is",
    "{it's,it is} not too late",
    "{that's,that is} a {good,great,positive,really good,brilliant} sign",
    "{take,see} {that,it} as a {positive,compliment,good sign,real positive}",
    "{every,all} {parent,parents,manager,managers,leader,leaders,boss,bosses} {does,do,feels,feel,has,have,gets,get}",
    "{he'll,she'll,they'll} have forgotten",
    "so resilient",
    "you always do",
    "you'll find a way",
    "you'll be {surprised,amazed}",
    "you're not {alone,on your own,the only one}",
    "you are not {alone,on your own,the only one}",
    "{lots of,a lot of,loads of,so many,plenty of} people go through {this,that,it,the same}",
]

# Affirming the client's strengths, efforts and achievements.
AFFIRMATION = [
    "well done",
    "good for you",
    "that's {great,brilliant,fantastic,impressive,amazing,excellent,a real achievement,huge,a big step}",
    "that is {great,brilliant,fantastic,impressive,amazing,excellent}",
    "you should be proud",
    "you {did,handled,managed} {that,it,this} {well,brilliantly,really well,beautifully}",
    "you did {well,great,brilliantly,a great job,really well,a good job}",
    "you've done {well,brilliantly,really well,a great job,a lot}",
    "i admire",
    "i'm impressed",
    "i'm struck by {how,your}",
    "that took {courage,guts,real courage,a lot}",
    "that takes {courage,guts,real courage}",
    "it took courage",
    "thank you for {sharing,telling me,being so,being honest,trusting}",
    "thanks for {sharing,telling me,being so,being honest,trusting}",
    "that's a real strength",
    "you clearly {care,know,have}",
    "you're {clearly,obviously,really,so} {good,great,brilliant,skilled,capable,talented,strong,the person}",
    "you've {grown,come a long way,changed so much,learned so much}",
    "you're really good at",
    "{you were,you've been,you are,you're} {really,so,very,incredibly,} {brave,courageous,resourceful,determined}",
    "what a {great,brilliant,lovely}",
    "great {idea,question,point,insight}",
    "good {idea,question,point,insight}",
]

# Whole short sentences that only praise ("Brilliant." "Fantastic!").
PRAISE_WORDS = frozenset(
    {"brilliant", "fantastic", "excellent", "great", "amazing", "wonderful", "superb", "lovely"}
)

# Prescriptions and advice: telling the client what to do.
ADVICE = [
    "you {should,shouldn't,mustn't,need to,needn't,have to,ought to,'ve got to}",
    # "you must" prescribes unless it guesses ("you must be exhausted", "you must feel let down")
    "you must {not,never,always,try,stop,start,make,get,go,tell,talk,speak,ask,remember,take,keep,do,put,set,call}",
    "you've got to",
    "you've just got to",
    "what i'd do",
    "what i would do",
    "if i were you",
    "if i was you",
    "i'd {just,definitely,probably,always,really,even,also} {go,say,tell,book,send,get,put,ask,do,try,start,write,talk,speak,take,use,open,lead,frame,treat,bring,keep,focus}",
    "i'd {take,use,open,lead,frame,treat,bring,keep,focus,start,put,book,send,tell,say,ask,go,get,write}",
    "i would {just,definitely,probably} {go,say,tell,book,send,get,put,ask,do,try,start,write,talk,speak}",
    "i would {suggest,recommend,advise}",
    "i {suggest,recommend,advise}",
    "i'd {suggest,recommend,advise}",
    "my {advice,suggestion,recommendation}",
    "what you {want,need} to do is",
    "the {trick,answer,solution,key,thing to do} is",
    "the best thing {to do,you can do} is",
    "it {might,would,could,may} {help,be good,be worth} to",
    "it {might,would} be {worth,good,helpful,an idea} {to,trying,asking,talking}",
    "you {could,might} {try,want to,consider,just,start,ask,tell,talk,speak,book,send,delegate,write}",
    "you can {just,always} {ask,tell,say,book,send,delegate}",
    "make sure {you,he,she,they,that}",
    "don't {let,forget,wait,leave,accept}",
    "try {to,and,not to,saying,asking,telling,talking,writing,booking,putting}",
    "just {tell,ask,say,book,send,put,go,do,call,speak,talk,write,block,delegate}",
    "let me tell you what",
    "here's what {you,i'd}",
    "one thing you could do",
    "one option is",
    "the way to do it",
    "let's {turn,focus on,get practical,work out,make a plan,plan,get that,put that,get it}",
    "the golden rule",
]

# Imperatives at the start of a sentence (advice); invitations to talk are excluded below.
ADVICE_OPENERS = [
    "tell {him,her,them,jim,the team,your}",
    "ask {him,her,them,for,your}",
    "book {a,in,some,the,it}",
    "put {it,that,this,them} {in,on,down,into}",
    "put {the,a,your,some}",
    "never {walk,go,let,say,do,send,accept,apologise,apologize}",
    "write {it,down,a,them,that,an}",
    "send {him,her,them,a,an,the}",
    "call {him,her,them}",
    "speak to",
    "talk to {him,her,them,your}",
    "block {out,off,it,the,some}",
    "delegate",
    "go {and,to,back,in}",
    "get {him,her,them,someone,a,an,the} {to,in,on}",
    "start {by,with}",
    "stop {doing,saying,worrying,checking}",
    "take {a,some,the} {break,day,walk,time,step}",
    "focus on",
    "remember {that,to,you}",
    "think about {it,how,what} {as,like}",
    "have a {word,chat,conversation} with",
    "give {him,her,them,it} a",
    "set {a,up,some,yourself}",
    "use {the,a,that,this,your}",
    "keep {it,a,the,doing,going}",
]

# How a question opens, for questions transcribed without a question mark ("do you have other
# friends", "Who's the home team and who are the guests."): a wh-word with a verb, or an auxiliary
# inverted before its subject. Not "which": "Which is completely understandable." is a statement.
QUESTION_OPENERS = [
    "{what,how,why,where,who,when} {do,does,did,is,are,was,were,would,could,can,will,should,have,has,else,kind,sort,seems,made,makes,happened,happens,about}",
    "{what's,how's,who's,where's,why's,when's}",
    "how {long,much,many,often,old,far,come}",
    "what {type,time,part,else}",
    "{do,does,did,are,is,was,were,have,has,can,could,would,will,should,shall} {you,i,we,he,she,they,it,that,this,there,your}",
    "{don't,didn't,aren't,isn't,wasn't,haven't,hasn't,can't,couldn't,wouldn't,won't} {you,it,that,they,we}",
    "{may,might} i ask",
]

# Session logistics and the coach's own errands: neither advice nor a question about the client
# ("I'll send you the notes.", "Shall we book the next one?", "See you on the seventeenth.").
LOGISTICS = [
    "i'll {send,email,e-mail,forward,circulate,pop,drop,write up,jot down,book,set up,sort out} {you,the,a,an,that,those,these,it,them,over,round,across}",
    "i will {send,email,forward,circulate,book} {you,the,a,an,that,those,these,it,them}",
    "{shall,should,can,could} we {book,schedule,fix,pencil,put,find,get} {in,the next,our next,another,a follow-up,a time,a date,a slot,something}",
    "let's {book,schedule,fix,pencil,put,find,get} {in,the next,our next,another,a follow-up,a time,a date,a slot,something in}",
    "same time next {week,month,time}",
    "{shall,should,can,could} we {stop,leave it,finish,wrap up,pause} {there,here} for today",
    "let's {stop,leave it,finish,wrap up,pause} {there,here} for today",
    "see you {next,on,then,soon,in,at,same}",
    "{speak,talk} {soon,next week,next time,then}",
    "{thanks,thank you} for {today,your time,coming,the session,this session}",
    # the coach's agenda for the session ("I'd jotted down that we might pick up the goal from last time")
    "{i'd,i,i've,i had} {jotted,written,noted} down that we",
    "{goal,goals,agenda,action,actions} from last {time,session}",
]

# Invitations that look like imperatives but open the floor: exploration, not advice.
# When an instruction is for, said before it: "first thing tomorrow, book the meeting".
WHEN_LEADS = [
    "first thing",
    "{tomorrow,tonight,today}",
    "this {week,afternoon,evening,morning,weekend}",
    "next {time,week}",
    "on {monday,tuesday,wednesday,thursday,friday,the day}",
    "before {monday,tuesday,wednesday,thursday,friday,the meeting,you go,then}",
    "when you {get back,see him,see her,see them,go in,get in}",
]
INVITATIONS = [
    "tell me",
    "say more",
    "say {a bit,a little,a little bit,some} more",
    "talk me through",
    "walk me through",
    "describe",
    "help me understand",
    "give me an example",
    "take your time",
    "go on",
    "carry on",
    "keep going",
]

# The coach's own life and experience (DOMAIN.md: knowledge given selectively, never first).
SELF_DISCLOSURE = [
    "when i was {a,in,at,your,younger,working,running,leading,starting,first,managing}",
    "in my {experience,last job,old job,previous job,career,own career,old company,last company,day,time}",
    "i {remember,recall} when i",
    "i've been there",
    "i've been through",
    "i went through",
    "i had {a,the same,something,that,this} {boss,manager,client,situation,experience,moment,time}",
    "i used to",
    "me too",
    "same with me",
    "same for me",
    "i know how that feels",
    "i know that feeling",
    "i've {sat,worked,seen,had,done,managed,led} {in,with,dozens,hundreds,lots,plenty,a lot,that,this,it}",
    "i once {had,worked,managed,coached,did}",
    "a client of mine",
    "one of my {clients,old bosses,colleagues,team}",
    "i had a client",
    "my {husband,wife,partner,son,daughter,kids,children,dad,mum,mother,father,own boss,old boss,first boss}",
    "personally i",
    "for me personally",
    "i find {that,it}",
    "i always {found,find}",
]

# Summaries and paraphrases of what the client said.
REFLECTION_CONTENT = [
    "so you're saying",
    "so what you're saying",
    "what you're saying is",
    "what i'm hearing",
    "what i hear is",
    "i'm hearing",
    "i hear you saying",
    "if i've understood",
    "if i understand",
    "let me check i've",
    "let me see if i've",
    "let me {summarise,summarize,play back,reflect back}",
    "to {summarise,summarize,recap}",
    "in other words",
    "you've {said,mentioned,told me,tried,been trying}",
    "you tried",
    "you said",
    "you mentioned",
    "it sounds like",
    "sounds like",
    "it seems like",
    "so for you",
    "so on the one hand",
    "on the one hand",
    "so there's",
    "so it's",
    "so the {real,main,big} {issue,thing,question}",
    "you're {torn,caught,pulled} between",
]

# Emotion-reflecting frames: with an emotion word they make a reflection of feeling.
FEELING_FRAMES = [
    "you {feel,felt,seem,seemed,sound,sounded,look,looked}",
    "you're {feeling,sounding,looking}",
    "you are {feeling,sounding}",
    "you were {feeling}",
    "you must {feel,be,have felt,have been}",
    "you might be {feeling}",
    "it sounds like",
    "sounds like",
    "it seems like",
    "that {sounds,must,must have,would,seems,feels,sounded}",
    "it {must,must have,would} {be,have been,feel}",
    "there's {a lot of,some,real}",
    "i {sense,imagine,wonder if,get the sense,can hear,hear}",
    "i'm {sensing,hearing,picking up}",
    "how {painful,hard,frightening,scary,sad,lonely,frustrating,upsetting,exhausting,awful}",
    "what a {relief,loss,shame}",
]

# Words before a feeling frame that make it a wish, a cause or a forecast, not a reflection:
# "I hope you feel better", "that will make you feel calmer", "it can help you feel stronger".
NOT_REFLECTING = frozenset(
    {"hope", "hoping", "wish", "make", "makes", "made", "help", "helps", "let", "will", "can", "could"}
)

# Words of empathic appraisal and understanding: a sentence with one may be a reflection of feeling
# even without an emotion word ("I can imagine, that's a tough spot to be in").
APPRAISALS = frozenset(
    {
        "hard",
        "tough",
        "difficult",
        "painful",
        "rough",
        "stressful",
        "overwhelming",
        "frustrating",
        "upsetting",
        "heartbreaking",
        "awful",
        "terrible",
        "understand",
        "understandable",
        "imagine",
        "exhausted",
        "exhausting",
        "drained",
        "draining",
        "shattered",
    }
)

# Empathic appraisals of what the client is going through: reflections of feeling without an
# emotion word ("That sounds hard.", "What a lot to carry.").
EMPATHIC = [
    "{that,it,this} {sounds,sounded,seems,seemed,feels,must be,must have been,must feel,would be} {really,so,incredibly,very,} {hard,tough,difficult,rough,painful,exhausting,heavy,lonely,overwhelming,draining,brutal,grim,isolating,unsettling}",
    "{that,it,this} {sounds,sounded,must be,must have been} like a lot",
    "{that's,that is,it's} a lot to {carry,hold,take in,deal with,manage}",
    "what a lot to {carry,hold,deal with}",
    "{that's,that is} {really,so,} {hard,tough,rough,painful}",
    "no wonder you {feel,felt,are,were}",
    "{that,it,this} must have {hurt,stung,been hard,been awful,been painful,been horrible}",
    "you must {be,have been,feel} {so,really,} {exhausted,drained,shattered,worn out,tired,knackered}",
    "of course you {feel,felt,were,are} {hurt,upset,angry,scared,worried,anxious,sad,frustrated}",
]

# Psychoeducation and facts: information about the world, models, tools.
INFORMATION = [
    "research {shows,suggests,says}",
    "studies {show,suggest}",
    "there's {a,some} {model,framework,tool,concept,theory,idea,technique,research,evidence} {called,that}",
    "it's called",
    "it is called",
    "the {model,framework,circle,idea,concept,theory} {is,says,suggests}",
    "the way it works",
    "what we know",
    "statistically",
    "the evidence",
    "most people {find,tend,who}",
    "a lot of people {find,in your,who}",
    "many people {find,in your,who}",
    "typically",
    "it's common {for,to}",
    "it's quite common",
    "the {law,policy,process,procedure,rule} {is,says}",
    "by law",
    "the brain",
]

# A minimal response: a backchannel or bare agreement with no content of its own.
MINIMAL = frozenset(
    {
        "mm",
        "mmm",
        "mhm",
        "mm-hmm",
        "hmm",
        "uh-huh",
        "yeah",
        "yes",
        "yep",
        "no",
        "nope",
        "ok",
        "okay",
        "right",
        "sure",
        "fine",
        "true",
        "exactly",
        "maybe",
        "perhaps",
        "i",
        "guess",
        "suppose",
        "so",
        "well",
        "um",
        "uh",
        "er",
        "erm",
        "ah",
        "oh",
        "pretty",
        "much",
        "not",
        "really",
        "dunno",
        "know",
        "don't",
        "it's",
        "that's",
        "fair",
        "enough",
    }
)
