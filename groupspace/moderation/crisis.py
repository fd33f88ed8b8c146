"""Crisis language in chat messages: suicide, self-harm and overdose. Rules only, no models.

A hit shows the writer crisis resources and alerts the therapists; the message is never blocked,
so the rules lean towards recall: a needless check-in is cheap, a missed crisis is not.

1. Normalise: lower-case, curly quotes to straight, ellipses to spaces, whitespace collapsed.
   Letters repeated three or more times are squeezed twice, once to two ("killlll" -> "kill")
   and once to one ("dieeee" -> "die"); the rules run on both.
2. Named regex rules per category. Most need a first-person object ("myself", "my life") or an
   intent word ("want to", "gonna"): that is what keeps idioms out ("killing me", "to die for").
3. Guards on each hit: a negation governing it in its clause ("I'd never kill myself", "no
   thoughts of self harm"), a check-in answer after it ("SI: no"), a milestone ("sh free"),
   and per-rule idioms in its sentence (`_UNLESS`: "cut myself a slice", "overdosed on coffee").
The earliest hit in the text wins. Spanish is read by crisis_es.py, after these rules: one
entry point (`detect_crisis`) for every caller, whatever the language or the mix.

Decisions: past attempts and someone else's overdose fire (a therapist wants to know); peers'
supportive posts naming the words fire (therapists' posts are not checked at all); "kys" and
"kill yourself" do not (abuse aimed at someone else, not the writer's crisis); hyperbole such as
"I'll kill myself if this meeting runs long lol" fires; "overdosed on coffee" does not.
"""

import re
from dataclasses import dataclass

from . import learned
from .crisis_es import detect_spanish


@dataclass(frozen=True)
class CrisisMatch:
    # "suicide", "self_harm" or "overdose"; "unspecified" when only the learned model fired
    category: str
    rule: str  # the name of the rule that fired (short snake_case), or "learned_model"


_DRUG = (
    r"(?:pills?|meds|medications?|medicine|tablets|xanax|xans|benzos?|klonopin|ativan|valium"
    r"|percs?|percocets?|oxys?|oxycodone|oxycontin|vicodin|norcos?|opioids?|tylenol|advil"
    r"|ibuprofen|aspirin|sleeping pills|ambien|seroquel|lithium|trazodone|gabapentin|adderall"
    r"|insulin|fent|fentanyl|heroin|dope|methadone|morphine|dilaudid)"
)
_BOOZE = r"(?:alcohol|booze|liquor|vodka|whiskey|wine|beer|drinking|drinks)"
_TAKE = r"(?:take|took|taking|taken|swallow\w*|popp?(?:ed|ing)?|down(?:ed|ing)?)"
_ME = r"(?:my ?self|meself)"
_NT = r"(?:don'?t|do not|dont)"
_CANT = r"(?:can'?t|cannot|can not)"
_HARMLESS = (  # "overdosed on coffee" is a joke, not an overdose
    r"(?! on (?:\w+ )?(?:coffee|caffeine|espresso|sugar|candy|chocolate|cake|pizza|carbs"
    r"|netflix|tv|anime|memes|social media|sun|cuteness|love|work|homework)\b)"
)
_END = r"(?=\s*(?:[.!?,;:)]|$))"  # the phrase ends its clause: "I can't go on." not "go on a trip"

_RULES: dict[str, dict[str, str]] = {
    "overdose": {
        "overdose": rf"\bover ?dos(?:e|ed|es|ing)\b{_HARMLESS}",
        # "odd" is a word, so OD'd without its apostrophe needs a subject in front of it.
        "od": r"(?:\bod'(?:d|ed|ing)|\bod(?:ed|ing)|\b(?:i|i've|ive|almost|nearly|just) odd"
        r"|\b(?:to|gonna|wanna|gunna|almost|nearly|i'll|ill|will|might|could) od|\ban od)\b"
        + _HARMLESS,
        "too_many_pills": rf"\btoo (?:many|much) (?:of )?(?:my |the |those )?{_DRUG}\b",
        "took_too_many": rf"\b(?:took|taken|swallowed|popped|did) (?:way )?too (?:many|much){_END}",
        # Large amounts only: "took 2 tylenol" is a headache, "took like 20 of my klonopin" is not.
        "took_quantity": rf"\b{_TAKE} (?:all|every|the rest|a (?:bunch|handful|fistful|ton|lot) of"
        rf"|(?:like |about |over )?\d\d+)(?: of)?(?: my| the| those)?(?: \w+)? ?{_DRUG}\b",
        "whole_bottle": rf"\b{_TAKE} (?:a|the|my) (?:whole|entire|full) (?:bottle|pack|box|script"
        r"|prescription)\b",
        "mix_with_alcohol": rf"\bmix\w*\b[^.!?,]{{0,30}}\b(?:{_DRUG}[^.!?,]{{0,20}}\b{_BOOZE}"
        rf"|{_BOOZE}[^.!?,]{{0,20}}\b{_DRUG})\b",
        "drug_to_die": rf"\b{_DRUG}\b[^.!?]{{0,40}}?\b(?:to|and|so i|till i|until i) (?:end (?:it"
        rf"|things|my life)|die|not wake up|never wake up|{_NT} wake up|kill {_ME}|be done)\b"
        r"|\b(?:use|using|shoot(?:ing)? up|drink|drinking) (?:until|till|til|so) i (?:die"
        r"|don'?t wake up|never wake up|stop breathing)\b",
        "use_everything": r"\bshoot (?:up )?(?:everything|all (?:of )?(?:it|my|i))"
        r"|\b(?:use|do) (?:everything|it all|all of it) (?:at once|in one go|i have)",
        "stockpiling": rf"\b(?:stockpil|hoard|sav\w* up|stash)\w* (?:all )?(?:my |the )?{_DRUG}\b",
        # Being revived with naloxone means an overdose happened; carrying it does not.
        "narcanned": r"\bnarcan(?:n?ed|'d)\b|\bnarcan (?:on )?me\b|\bme with narcan\b",
    },
    "self_harm": {
        "self_harm": r"\bself[- ]?(?:harm\w*|injur\w*|mutilat\w*)\b",
        # "sh" alone is a hush; only next to self-harm context words is it the shorthand.
        "sh_shorthand": r"\bsh (?:again|urges?|relapse|thoughts?|(?:is|was|has been) bad|tonight"
        r"|last night)\b|\b(?:relapsed on|urges? to|want to|wanna|did|thinking about"
        r"|struggling with|having|tw|cw) sh\b",
        "cut_myself": rf"\bcut(?:ting|s)? {_ME}\b(?! (?:a|an|some|off|slack|short|out)\b)",
        "cutting_again": r"\bcuttin[g']? ?again\b",
        # Intent to cut, unless something else gets cut: hair, sugar, people, corners.
        "urge_to_cut": r"\b(?:start(?:ed)?|been|urges? to|want(?:ed)? to|wanna|need to|going to"
        r"|gonna|thinking (?:about|of)|relapsed (?:and|on)|used to|tempted to) cut(?:ting|tin)?\b"
        r"(?! (?:back|down|out|off|ties|corners|class|school|in|up|loose|through|it|the|a|an|some"
        r"|that|them|people|him|her|sugar|carbs|caffeine|to|my (?:hair|bangs|nails|hours))\b)",
        "cut_body": r"\bcut(?:ting|s)? (?:into |on )?my (?:wrists?|arms?|legs?|thighs?|skin"
        r"|stomach|hips?)\b",
        "fresh_cuts": r"\b(?:fresh|new|deep|my) cuts\b",
        "hurt_myself": rf"\b(?:hurt|harm|burn|burnt|hit|punch|scratch)\w* {_ME}\b",
        "bleed": r"\b(?:want|wanna|need) (?:to )?bleed\b|\buntil (?:it|they|i) (?:bleeds?|bled)\b",
    },
    "suicide": {
        # "killing myself at work" is overwork, "almost killed myself on the stairs" an accident.
        "kill_myself": rf"\bk[i1*]+l+(?:ing|ed|in)? {_ME}\b(?! (?:at (?:work|school|the gym)"
        r"|over (?:this|that|it)|trying|working)\b)",
        "kms": r"\bkms\b",
        # Misspellings too: sucide, suicde, suiside, sucidal, suicidle; not Spanish "sucede".
        "suicide": r"\bsu[ie1*]?[cs]i?d(?:e|es|al|ally|ality|ial|e?l)\b",
        "unalive": r"\bun-?aliv(?:e|ing|ed)\b",
        "want_to_die": r"\b(?:want(?:ed)?(?: to| too)?|wanna|wana|ready to|deserve to|wish i"
        r" (?:could|would)|hope i|pray to|feel like) (?:just )?(?:die|died|dying|be dead)\b",
        "wish_dead": r"\bwish (?:i|i'?d) (?:was|were|had) (?:dead|never been born|never born"
        r"|gone)\b|\bwish i (?:wasn'?t|weren'?t|was not|were not) (?:alive|here|born|around)\b",
        "better_off_without_me": r"\bbetter off (?:dead|gone)\b|\b(?:better|happier|easier)"
        r" (?:off )?without me\b|\b(?:better off|happier|easier) if i (?:was|were|wasn'?t"
        r"|weren'?t) (?:gone|dead|here|around)",
        "nobody_would_miss_me": r"\b(?:no ?one|nobody) (?:would|will|'?d|is going to|gonna)?"
        r" ?(?:even )?(?:miss me|care if i (?:died|die|was gone|disappeared)|notice if i)"
        rf"|\b{_NT} care if i (?:die|live)\b",
        "no_reason_to_live": r"\bno (?:reason|point|purpose) (?:in |to |of )?(?:living|live"
        r"|going on|being alive|existing)|\bnothing (?:left )?to live for\b|\bwhat'?s the point"
        r" (?:of|in) (?:living|life|going on|being alive)|\blife(?:'?s| is)? (?:not|isn'?t"
        r"|ain'?t) worth (?:it|living)|\bnot worth living",
        "dont_want_to_live": rf"\b(?:{_NT}|no longer) (?:want|wanna)(?: to)? (?:live|be alive"
        r"|exist|keep living)\b",
        # "I don't want to be here" is about life, unless a place follows ("here at work").
        "dont_want_to_be_here": rf"\b{_NT} (?:want|wanna)(?: to)? be (?:here|around)"
        rf"(?= any ?more| any longer| no more|{_END})",
        "not_wake_up": rf"\b(?:not|never|{_NT}|won'?t|wont)(?: (?:want|wanna)(?: to)?)? wake up"
        rf"(?: again| ever| any ?more| tomorrow)?{_END}",
        "end_my_life": r"\b(?:end|ending|ended|take|taking|took) my (?:own )?life\b(?! back)"
        r"|\battempt on my (?:own )?life\b",
        # "ending it with my ex" and "end it there for tonight" are not about life.
        "end_it": r"\b(?:end|ending|ended) (?:it|things|everything)(?: all)?\b(?! (?:with|between"
        r"|there|here for|on a|early|for (?:the|to)night)\b)|\bwant (?:it|everything) (?:all )?to"
        r" (?:end|be over)\b",
        "cant_go_on": rf"\b{_CANT} (?:go on|keep going|keep living|live like this)"
        rf"(?=\s+like this|\s+any ?more|{_END})|\b{_CANT} (?:do|take|handle) (?:this|it|life)"
        r" (?:any ?more|any longer|no more|like this)",
        "goodbye": r"\bsay(?:ing)? (?:my )?goodbyes? to (?:everyone|everybody|all of you|you all"
        r"|y'?all|the world|my family)|\bthis is (?:my )?(?:goodbye|farewell)\b"
        r"|\bgoodbye (?:forever|world)\b",
        # Letters only as "goodbye letter": unsent letters are a common therapy exercise.
        "goodbye_note": r"\b(?:suicide|goodbye) (?:note|letter)s?\b|\b(?:wr[io]te|written"
        r"|writing|left) (?:a|my) notes?(?= (?:for|to) (?:everyone|my (?:family|kids|children"
        rf"|wife|husband|partner|mom|dad|parents))|{_END})|\b(?:a|the|my) note (?:written|ready)\b",
        "method": rf"\b(?:hang|hanging|hanged|shoot|shooting|shot|drown\w*|poison\w*|stab\w*) {_ME}"
        r"\b(?! in the foot)|\bslit(?:ting)? my (?:wrists?|throat)|\bgun (?:to|in) my (?:head"
        r"|mouth)|\bblow my brains out|\bjump(?:ing)? (?:off|from|in front of) (?:a|the|my)"
        r" (?:bridge|roof|building|balcony|cliff|train|overpass|bus|truck|parking garage|window)\b"
        r"|\b(?:driv|crash)\w* (?:my car )?(?:off|into) (?:a|the) (?:bridge|cliff|tree|wall|river)",
        # "SI" is clinical shorthand for suicidal ideation; Spanish "si" never has these neighbours.
        "si_shorthand": r"\b(?:having|have|had|got|passive|active|bad|experiencing|struggling with"
        r"|intrusive) si\b|\bsi (?:again|today|tonight|thoughts?|urges?|is (?:bad|back|loud"
        r"|strong)|all day)\b",
        "done_with_life": r"\b(?:done|finished) (?:with )?(?:life|living|being alive|existing)\b"
        r"|\b(?:tired|sick) of (?:living|being alive|existing)\b|\bstop existing\b",
        "disappear": r"\b(?:want|wanna|wish i could) (?:to )?disappear"
        rf"(?= forever| for good| permanently|{_END})",
        "giving_away": r"\bgiv(?:e|ing|en) away (?:all )?(?:of )?my (?:stuff|things|belongings"
        r"|possessions)\b",
        "ways_to_die": rf"\b(?:ways?|how) to (?:die|kill {_ME})\b",
    },
}

# Idioms and ordinary talk that cancel a rule's hit when found in the same sentence.
_ACCIDENT = (
    r"accident|by mistake|gym|lifting|work ?out|working out|running|playing|fell|falling|trip"
    r"|slipp|stairs|ladder|stove|oven|iron|cooking|making (?:dinner|lunch|breakfast)|baking"
    r"|shaving|chopping|slicing"
)
_UNLESS: dict[str, str] = {
    "too_many_pills": r"\b(?:on|prescrib\w*|gave me|giv\w* me) (?:way )?too",  # "on too many meds"
    # "I take all my meds every morning" is adherence, not an overdose.
    "took_quantity": r"as prescribed|every (?:morning|night|day|evening)|each (?:morning|night"
    r"|day)|on time|daily|with (?:food|breakfast|dinner)|rememb|forg[eo]t",
    "whole_bottle": r"bottle of (?:water|wine|soda|juice)",
    "cut_myself": _ACCIDENT,
    "cut_body": _ACCIDENT + r"|on (?:a|the) ",
    "hurt_myself": _ACCIDENT + r"|\bonly hurt\w* my|hurt\w* myself (?:by|more than)",
    "kill_myself": _ACCIDENT,
    "kms": r"\d ?kms\b",  # "corrí 5 kms": kilometres, in Spanish and in English
    "suicide": r"su\w+ (?:prevention|awareness|squad)",
    "want_to_die": r"\bso (?:boring|embarrass\w*|awkward|cringe\w*|funny|hilarious)\b"
    r"|die (?:of|from|laughing)",
    "end_it": r"\blet'?s end",
    "goodbye": r"graduat|moving|discharg|step(?:ping)? down|last (?:group|session|day|week)"
    r"|new job|vacation",
}

# A negation governs a hit when only light words stand between them: "never want to hurt
# myself", "no thoughts of self harm"; but not "don't know why I want to die".
_LIGHT = (
    r"to|going|gonna|want|wanna|ever|even|once|really|actually|have|had|has|any|more|thought"
    r"|thoughts|thinking|think|about|of|feel|feeling|felt|be|been|being|am|i|i'm|im|i'd|id|so"
    r"|would|will|do|did|try|tried|plan|plans|planning|a|the|urge|urges|intention|intent|desire"
    r"|currently|now|today|tonight|anymore|longer|and|or|that|active|passive|serious|seriously"
)
_NEGATED = re.compile(
    r"\b(?:not|no|never|nor|without|zero|(?:do|does|did|would|could|should|is|are|was|were|have"
    rf"|has|had|ai|wo|ca)n'?t|(?:clean|free|sober) (?:from|of))(?: (?:{_LIGHT}))* ?$"
)
_ANSWERED_NO = re.compile(r"^(?: \w+){0,2} ?[:=-] ?(?:no|none|nope|nah|denie[sd]|negative|0)\b")
_MILESTONE = re.compile(r"^[- ]free\b")  # "sh free for 90 days"
_COMPILED = [
    (category, name, re.compile(pattern), re.compile(_UNLESS[name]) if name in _UNLESS else None)
    for category, rules in _RULES.items()
    for name, pattern in rules.items()
]


# Most posts match no rule: one search with every rule as an alternative finds out in a pass
# instead of one per rule (a post's crisis check ran on the one database thread in ~0.1 ms).
# Exact, since no rule has a backreference, a named group or an inline flag (a test holds it).
_ANY_RULE = re.compile("|".join(f"(?:{pattern.pattern})" for _, _, pattern, _ in _COMPILED))


def _normalise(text: str) -> list[str]:
    text = text.lower().translate(
        str.maketrans("\u2018\u2019\u02bc\u00b4`\u201c\u201d", "'''''\"\"")
    )
    text = re.sub(r"\s+", " ", re.sub(r"\u2026|\.{2,}", " ", text)).strip()
    squeezed = {re.sub(r"([a-z])\1{2,}", r"\1\1", text), re.sub(r"([a-z])\1{2,}", r"\1", text)}
    return sorted(squeezed, key=len, reverse=True)


def _piece(text: str, start: int, end: int, boundary: str) -> tuple[str, str]:
    """The text before and after the hit, within its clause or sentence (cut at `boundary`)."""
    cuts = [m.end() for m in re.finditer(boundary, text[:start])]
    stop = re.search(boundary, text[end:])
    return text[cuts[-1] if cuts else 0 : start], text[end : end + stop.start() if stop else None]


def _guarded(text: str, m: re.Match, unless: re.Pattern | None) -> bool:
    before, after = _piece(text, m.start(), m.end(), r"[.!?;,]|\bbut\b|\bthough\b")
    if _NEGATED.search(before.strip()) or _ANSWERED_NO.search(after) or _MILESTONE.search(after):
        return True
    before, after = _piece(text, m.start(), m.end(), r"[.!?;]")
    return bool(unless and unless.search(before + m.group() + after))


def detect_crisis(text: str) -> CrisisMatch | None:
    """The first crisis signal in `text`, in English or Spanish, or None."""
    return read_crisis(text).match


@dataclass(frozen=True)
class CrisisReading:
    match: CrisisMatch | None
    # No crisis, but the learned model leans towards one: safety.py reads it with context.
    near_miss: bool = False


def read_crisis(text: str) -> CrisisReading:
    """What the detector makes of `text`, each stage run at most once.

    The rules first. Where a rule matched but its guard held (a negation, an idiom, someone
    else's words), the guard stands. Only where no rule matched at all does the learned second
    opinion (learned.py) decide: it reaches phrasings nobody wrote a rule for."""
    english, english_matched = _detect_english(text)
    if english is not None:
        return CrisisReading(english)
    spanish, spanish_matched = detect_spanish(text)
    if spanish is not None:
        return CrisisReading(CrisisMatch(*spanish))
    if english_matched or spanish_matched or not text:
        return CrisisReading(None)  # a rule matched and its guard held
    model = learned.model()
    probability = model.judged(text)
    if probability is None:
        return CrisisReading(None)
    if probability >= model.threshold:
        return CrisisReading(CrisisMatch("unspecified", "learned_model"))
    return CrisisReading(None, near_miss=probability >= learned.BORDERLINE_FROM)


def _detect_english(text: str) -> tuple[CrisisMatch | None, bool]:
    """(the first unguarded hit or None, whether any rule matched before its guards)."""
    matched = False
    for variant in _normalise(text or ""):
        if not _ANY_RULE.search(variant):
            continue
        matched = True
        hits = [
            (m.start(), index, category, name)
            for index, (category, name, pattern, unless) in enumerate(_COMPILED)
            for m in pattern.finditer(variant)
            if not _guarded(variant, m, unless)
        ]
        if hits:
            _, _, category, name = min(hits)
            return CrisisMatch(category, name), True
    return None, matched
