"""Phrases that name social difference, per identity dimension, and the moves that meet it.

Written by the project from DOMAIN.md's "Social difference": race, class, gender, sexual
orientation, ability and neurodivergence, age, religion, nationality and migration, language and
accent, plus talk about difference between coach and client without a named dimension
(``general``). Matched on lower-cased word tokens with brace alternatives, the same syntax as
`transcript.tokens.PhraseSet`; hyphens split words, so "working-class" is "working class".

"Migration" is left out (in organisations it is mostly data migration), and so is a bare "your
age" ("he's about your age" compares a third party with the coach; README's stanton session
counts it as difference enacted, not named). Single words are listed only where they almost always carry identity ("racism", "dyslexic").
Words with everyday senses ("race", "class", "black", "white", "age", "faith", "blind") only
count inside phrases, and `GUARDS` removes idioms that would otherwise match ("rat race",
"world-class", "white horse", "blind spot"). A phrase matches wherever it starts; one phrase
may feed several dimensions only by being listed under each.
"""

from __future__ import annotations

_PEOPLE = (
    "{woman,women,man,men,person,people,girl,girls,boy,boys,guy,guys,colleague,colleagues,"
    "leader,leaders,director,directors,manager,managers,grads,graduates,staff,employees,mate,"
    "friend,friends,kid,kids,family,families,community,communities,british,female,male,coach,"
    "candidate,candidates,voices,founder,founders,engineer,engineers,student,students}"
)

RACE_ETHNICITY = [
    f"black {_PEOPLE}",
    f"white {_PEOPLE}",
    f"asian {_PEOPLE}",
    f"brown {_PEOPLE}",
    f"older white {_PEOPLE}",
    f"middle class white {_PEOPLE}",
    "only black",
    "{i'm,being,as a,as the} {black,white,asian,brown}",
    "{of colour,of color}",
    "bame",
    "bipoc",
    "racism",
    "racist",
    "racists",
    "racial",
    "racially",
    "racialised",
    "racialized",
    "ethnicity",
    "ethnic",
    "ethnically",
    "mixed race",
    "{about,my,her,his,their,your,our,because of} race",
    "race {and,or} {gender,class,identity,ethnicity,age,culture}",
    "{gender,class,identity,ethnicity} {and,or} race",
    "race {thing,card,issue,question,stuff,equality,relations}",
    "everything about race",
    "whiteness",
    "blackness",
    "white privilege",
    "skin colour",
    "skin color",
    "colour of my skin",
    "color of my skin",
    "{microaggression,microaggressions,micro aggression,micro aggressions}",
    "{nigerian,jamaican,caribbean,pakistani,bangladeshi,indian,ghanaian,somali,chinese} heritage",
]

CLASS = [
    "{working,middle,upper,under,ruling,chattering} class",
    "{working,middle,upper} classes",
    "social class",
    "class {background,backgrounds,thing,divide,system,ceiling,privilege,prejudice,snobbery}",
    "{about,it's,its,it is} class",
    "class {as well,too,and race,and gender}",
    "{race,gender} and class",
    "{race,gender} class",
    "posh",
    "snobbery",
    "snobby",
    "state school",
    "state schools",
    "comprehensive school",
    "grammar school",
    "private school",
    "private schools",
    "public school",
    "oxbridge",
    "first {in,one in,person in,of us in,generation in} my family {to,who,that,at}",
    "first generation {student,graduate,university}",
    "first gen",
    "council estate",
    "free school meals",
    "social mobility",
]

GENDER = [
    "gender",
    "gendered",
    "sexism",
    "sexist",
    "misogyny",
    "misogynist",
    "misogynistic",
    "{mansplain,mansplained,mansplaining,mansplains}",
    "{as a,being a,the only} {woman,man}",
    "{only,one of two,one of three,one of the few} women",
    "{woman,women} {in tech,in finance,in leadership,in engineering,in banking,in the room,on the board}",
    "{the,a} woman in {tech,finance,leadership,engineering,banking,the room}",
    "{man,men} of a certain age",
    "{boys club,boys' club,old boys,boys network,old boy network}",
    "glass ceiling",
    "maternity {leave,cover,pay}",
    "{working mum,working mom,working mother,working mothers,working mums}",
    "{because,since} i'm a {woman,man}",
    "{black,white,asian,brown} {woman,women,man,men}",
    "{woman,women} of {colour,color}",
]

SEXUAL_ORIENTATION = [
    "gay",
    "lesbian",
    "bisexual",
    "queer",
    "lgbt",
    "lgbtq",
    "lgbtqia",
    "homophobia",
    "homophobic",
    "sexuality",
    "sexual orientation",
    "{came,come,coming,comes} out {at work,to my parents,to my family,to my mum,to my dad,to the team}",
    "{came,come,coming,comes} out as {gay,lesbian,bi,bisexual,trans,queer,non binary}",
    "in the closet",
    "{same sex,same-sex} {partner,couple,marriage,relationship}",
    "transgender",
    "trans {woman,man,person,people,colleague}",
    "non binary",
]

DISABILITY_NEURODIVERGENCE = [
    "adhd",
    "autism",
    "autistic",
    "{asperger's,aspergers,asperger}",
    "on the spectrum",
    "dyslexia",
    "dyslexic",
    "dyspraxia",
    "dyspraxic",
    "dyscalculia",
    "neurodivergent",
    "neurodiverse",
    "neurodiversity",
    "neurotypical",
    "disabled",
    "disability",
    "disabilities",
    "wheelchair",
    "wheelchair user",
    "deaf",
    "hard of hearing",
    "{i'm,being,as a} blind",
    "partially sighted",
    "chronic {illness,pain,condition,fatigue}",
    "reasonable adjustments",
    "access to work",
    "{tourette's,tourettes}",
    "{my,a} stammer",
    "{my,a} stutter",
    "ableism",
    "ableist",
]

AGE = [
    "too {old,young}",
    "so young",
    "young for {the,this,a,my,her,his} {role,job,level,position}",
    "{the,i'm,was,i was} youngest {one,person,there,here,in,on,by,at}",
    "{the,i'm,was,i was} oldest {one,person,there,here,in,on,by,at}",
    "i'm the {youngest,oldest}",
    "{younger,older} than {me,you,us}",
    "{an,the,another} older {man,woman,white,person,generation}",
    "at my age",
    "because of {my,your,her,his,their} age",
    "{about,with} my age",
    "the age {bit,thing,difference,gap}",
    "age {gap,difference,differences}",
    "{ageism,ageist}",
    "of a certain age",
    "{generational,generation gap}",
    "{millennial,millennials,boomer,boomers,gen z}",
    "how old {i,you,she,he,they} {am,are,is,was,were,look,looks}",
    "{race,gender,class} age",
]

RELIGION = [
    "religion",
    "religious",
    "{my,her,his,our,their} faith",
    "{muslim,muslims,islam,islamic}",
    "{christian,christians}",
    "{jewish,jew,jews}",
    "{hindu,hindus,sikh,sikhs,buddhist,buddhists}",
    "{mosque,synagogue,gurdwara}",
    "{ramadan,eid,diwali,passover,shabbat,sabbath,yom kippur}",
    "{go,went,going} to church",
    "{hijab,headscarf,turban,kippah,yarmulke}",
    "{halal,kosher}",
    "{atheist,agnostic}",
    "antisemitism",
    "islamophobia",
]

NATIONALITY_MIGRATION = [
    "where i'm from",
    "where i am from",
    "where i come from",
    "where {i,you,she,he,they} {was,were,is,are,am} really from",
    "{my,her,his,their} visa",
    "visa",
    "work permit",
    "{immigrant,immigrants,immigration,immigrated}",
    "{migrant,migrants}",
    "{refugee,refugees,asylum}",
    "{foreigner,foreigners,xenophobia,xenophobic}",
    "not from here",
    "nationality",
    "citizenship",
    "{my,her,his,our} heritage",
    "second generation",
    "home country",
    "go back to where",
    "{i,we,my family,my parents,my mum,my dad} {moved,came} {here,over} from",
    "since i {moved,came} {here,over} from",
]

LANGUAGE_ACCENT = [
    "accent",
    "accents",
    "{english,it} {isn't,is not,wasn't} my first language",
    "{my,a,her,his} {first,second} language",
    "native speaker",
    "native speakers",
    "non native",
    "my english",
    "broken english",
    "{code switch,code switching,code switches,code switched}",
    "{mispronounce,mispronounced,mispronounces,mispronouncing} my name",
    "{can't,cannot,couldn't} {say,pronounce} my name",
    "{my,the} dialect",
    "{regional,northern,southern,posh} accent",
]

# Difference between coach and client named without a dimension ("our backgrounds are different").
GENERAL = [
    "{our,your and my,my and your} backgrounds are {different,so different,very different}",
    "{we,you and i} come from {different,very different} {backgrounds,places,worlds}",
    "you and i are {different,very different}",
    "{as a,i'm a} white coach",
    "{that,the,this} difference {between us,is going to be,in the room}",
    "{differences,difference} between {us,you and me,you and i}",
    "{the,our} difference in {background,backgrounds,our backgrounds}",
    "someone who looks like {me,you}",
    "{people,someone,anyone} who {look,looks} like me",
    "{talking,talk} about identity",
    "identity {and,or} {difference,race,gender,class}",
    "social difference",
    "{my,your,her,his} identity",
    "the only one in the room",
    "being the only one",
]

DIMENSIONS: dict[str, list[str]] = {
    "race_ethnicity": RACE_ETHNICITY,
    "class": CLASS,
    "gender": GENDER,
    "sexual_orientation": SEXUAL_ORIENTATION,
    "disability_neurodivergence": DISABILITY_NEURODIVERGENCE,
    "age": AGE,
    "religion": RELIGION,
    "nationality_migration": NATIONALITY_MIGRATION,
    "language_accent": LANGUAGE_ACCENT,
    "general": GENERAL,
}

# Idioms whose words would otherwise match: the tokens they cover never count as a cue.
GUARDS = [
    "rat race",
    "race to {market,the bottom,the top,finish,win,get}",
    "{arms,space,horse,two horse,leadership,relay} race",
    "{world,first,business,economy,middle,top,master,yoga,in a,same} class",
    "class {action,act,of its own}",
    "in a class of",
    "{in the,into the} black",
    "black and white",
    "white {paper,papers,lie,lies,knight,horse,noise,label,elephant,wine,van}",
    "black {coffee,hole,box,friday,mark,sheep,tie,cab,swan}",
    "{blind spot,blind spots,blind eye,blind copy,blind date,double blind,blind faith}",
    "{deaf ears,fell on deaf,falls on deaf}",
    "have faith",
    "faith in",
    "{christian name,christian names}",
    "crisis of faith",
    "leap of faith",
    "good faith",
    "bad faith",
    "{brand,corporate,visual,product} identity",
    "identity {theft,provider,management,check,checks}",
    "come out {of,with,on,ahead,fine,okay,ok,well,badly,better,worse}",
    "coming out {of,with,on,ahead,fine,okay,ok,well,badly,better,worse}",
    "came out {of,with,on,ahead,fine,okay,ok,well,badly,better,worse}",
    "visa {card,debit,payment}",
    "gen {ai,one,two}",
    "age {of,range,bracket}",
    "{old,young} age",
    "golden age",
    "{heritage,heritage site} {site,building,railway}",
    "the {english,maths} accent",
]

# A coach (or client) move that turns away from a named difference: minimising, equating it with
# one's own experience, explaining it away or closing it down (DOMAIN.md, "Social difference").
DEFLECTIONS = [
    "i know exactly {what that's like,what that is like,how that feels,how you feel,what you mean}",
    "you just get on with it",
    "you stop noticing",
    "i'm sure {it's not,it isn't,it wasn't,he didn't,she didn't,they didn't,that's not,nobody}",
    "{it's,it is} not about {that,race,gender,class,age,your age}",
    "i don't think {it's,it is,it was} about {that,race,gender,class,age,your age}",
    "i wonder if it was more about",
    "i wonder if it's more about",
    "{wouldn't,don't} read too much into",
    "let's not {go there,get into,get into that,go down that}",
    "let's {park,leave} that",
    "{everyone,everybody,we all} {feels,feel,gets,get} {like,that}",
    "{happens,happened} to everyone",
    "{does,do,did} that to everyone",
    "that's as may be",
    "i don't see {colour,color,race,gender,age}",
    "i've worked with a lot of",
    "doesn't matter where you're from",
    "you're overthinking",
    "probably nothing to do with",
    "nothing to do with {that,race,gender,your age,being}",
    "i'd rather not {go into,talk about,get into}",
    "not really an issue",
    "it's not really a thing",
]

# Refers back to what was just said, so an open question or reflection explores the difference.
REFER_BACK = [
    "say more",
    "say a bit more",
    "tell me more",
    "more about that",
    "what's that like",
    "what is that like",
    "what was that like",
    "what's it like",
    "what is it like",
    "how does that show up",
    "how does it show up",
    "how does {that,it} {feel,land,affect}",
    "what happened in you",
    "what was in that",
    "what does that look like",
    "what's that been like",
    "what do you make of",
    "when did you first",
    "what does that {mean,cost}",
    "what's happening for you",
    "what's going on for you",
    "how is that for you",
    "how's that for you",
    "i'm glad you said",
    "thank you for telling me",
]

# A client takes a coach's naming of difference up, or says it had no place before.
CLIENT_TAKES_UP = [
    "never came up",
    "{never,didn't,don't} {bring,brought} it up",
    "you said it yourself",
    "nobody's ever {said,asked,named}",
    "no one's ever {said,asked,named}",
    "{first,only} time {anyone,someone,a coach} {has,had,'s} {said,asked,named}",
    "that kind of room",
    "leave it at the door",
]

# A brief recognition that does not explore ("I hear that", "that makes sense").
ACKNOWLEDGEMENTS = [
    "i hear {that,you,what you're saying}",
    "that makes sense",
    "{that's,that is} {fair,really important,important,a lot}",
    "thank you for {saying,sharing,naming}",
    "i appreciate {that,you saying}",
    "i can see {that,why}",
    "of course",
]
