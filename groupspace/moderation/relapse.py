"""Imminent relapse risk: a participant about to use, with the substance at hand, or on the
way to get it. One pipeline, a table of concepts per language.

Below a crisis: it raises a support alert for the group's therapists (no urgent alert, no
crisis panel) and shows the writer a short, kind line with the clinic's number
(moderation/safety.py). Read only in substance-use and co-occurring groups.

Each rule joins concepts: an intent that is now ("about to", "gonna", "ya voy a"), access
("got", "tengo") or a place ("in the liquor store parking lot"), and a substance or a way to
get one (a dealer). Guards, the same for every rule: a negation or a past governing the hit in
its clause ("not going to drink", "I used to", "hace años"), the substance thrown out ("poured
it out", "lo tiré"), or someone else doing it ("my brother is about to drink").
"""

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Concepts:
    """One language's words for the concepts the rules join."""

    intent_now: str  # about to, gonna, tonight I'm going to
    use: str  # drink, use, get high, cop
    access: str  # got, bought, poured, holding
    substance: str  # a drink, a bottle, pills, coke, a bag
    place: str  # the liquor store, the bar, my old spot
    dealer_contact: str  # my dealer texted me
    then: str  # what may follow "about to use": the substance, a time, or nothing
    guard: str  # negations, pasts and throwing it out, in the hit's clause up to the hit
    past: str  # a time long past, anywhere in the hit's clause ("at the bar last year")
    other_person: str  # someone else is the subject


ENGLISH = Concepts(
    intent_now=r"(?:about to|gonna|going to|finna|bout to|decided to|will|'ll|tonight i'?m"
    r" (?:gonna|going to)|i'?m (?:gonna|going to))",
    use=r"(?:use|using|drink|get (?:high|drunk|loaded|wasted|fucked up)|smoke|shoot up|relapse"
    r"|pick up|cop|score|say yes|take one|hit it|do a line|go out drinking|go (?:cop|score|get"
    r" (?:some|a bag|high)))",
    access=r"(?:got|bought|ordered|poured|have|holding|found|picked up|copped|scored|grabbed"
    r"|there'?s|pocketed|offered me|pulled)",
    substance=r"(?:a )?(?:drinks?|booze|alcohol|beers?|(?:12|6|six|twelve)[- ]pack|wine|vodka"
    r"|whiske?y|jack|tequila|liquor|pint|fifth|bottle|shots?|pills?|oxys?|percs?|xanax|bars"
    r"|coke|meth|crack|heroin|dope|fent\w*|bag|stash|weed|gram|baggie|rig|needle|line(?! of)"
    r"|vape|cart|cash out of the atm)",
    place=r"(?:(?:in|at|outside|walking to|driving to|on my way to|heading to|headed to|pulled up"
    r" to) (?:the |my (?:old )?)?(?:liquor store|bar|dealer'?s|plug'?s|old spot|trap|package"
    r" store|dispensary))",
    dealer_contact=r"(?:(?:dealer|plug|connect)\b[^.!?]{0,25}\b(?:texted|called|hit me up"
    r"|messaged|dm'?d)|(?:texting|calling|called|texted|meet(?:ing)?) (?:my |the )?(?:old )?"
    r"(?:dealer|plug|connect))",
    then=r"(?:\s*(?:[.!?,;:)]|$)|\s+(?:tonight|now|rn|right now|again|today|after work|it"
    r"|tomorrow|this weekend|with (?:him|her|them))\b)",
    guard=r"\b(?:not|never|don'?t|won'?t|didn'?t|wasn'?t|no longer|used to|years? ago|last"
    r" (?:year|month)|when i was|poured (?:it|them) out|threw (?:it|them) (?:out|away)"
    r"|flushed|instead)\b",
    past=r"\b(?:years? ago|months ago|last (?:year|month|summer|winter)|back in|in (?:19|20)\d\d"
    r"|when i was)\b",
    other_person=r"\b(?:my (?:brother|sister|friend|dad|mom|mother|father|cousin|husband|wife"
    r"|partner|roommate|son|daughter)|he|she|they) (?:is|was|'s|are)?\s*(?:about|gonna|going)",
)

SPANISH = Concepts(
    intent_now=r"(?:ya voy a|voy a|me voy a|estoy a punto de|a punto de|hoy (?:le )?voy a"
    r"|ya quiero)",
    use=r"(?:usar|consumir|tomar|beber|drogarme|fumar|meterme algo|pistear|empedarme|recaer"
    r"|comprar|ponerme)",
    access=r"(?:tengo|traigo|compr[eé]|ped[ií]|me (?:dio|dieron|vendi[oó]|regal[oó]|ofreci[oó]"
    r"|ech[eé])|consegu[ií]|encontr[eé]|saqu[eé]|hay|ya tengo)",
    substance=r"(?:(?:una?|la|el|unas?) )?(?:botellas?|caguamas?|cervezas?|chelas?|tequila"
    r"|mezcal|vodka|whisky|trago|copas?|perico|coca|cristal|piedra|mota|gramo|guardadito"
    r"|pastillas|droga|dinero del cajero|pisto|l[ií]nea|six|bolsita|foil)",
    place=r"(?:(?:en|afuera de|afuera del|rumbo a|camino a|directo a|pal|pa la|voy pal|voy pa"
    r" la) (?:el estacionamiento de )?(?:la |el )?(?:licorer[ií]a|bar|cantina|punto"
    r"|dep[oó]sito|expendio|tiendita))",
    dealer_contact=r"(?:(?:dealer|transa|conecte|el que me vend[eí]a?)\b[^.!?]{0,25}\b(?:mand[oó]"
    r"|mandar|escribi[oó]|escribir|llam[oó]|llamar|habl[oó])|(?:mand[eé] mensaje|escrib[ií]"
    r"|llam[eé]) (?:al|a mi) (?:dealer|transa|conecte|que me vend[eí]a?))",
    then=r"(?:\s*(?:[.!?,;:)]|$)|\s+(?:hoy|ahorita|ya|otra vez|de nuevo|esta noche|ma[ñn]ana"
    r"|con (?:[ée]l|ella|ellos))\b)",
    guard=r"\b(?:no|nunca|ya no|antes|hace (?:años|meses|tiempo)|lo tir[eé]|los tir[eé]|la"
    r" tir[eé]|tir[eé]|en vez de)\b",
    past=r"\b(?:hace (?:años|meses|tiempo)|el año pasado|el mes pasado|en (?:19|20)\d\d"
    r"|cuando (?:era|estaba))\b",
    other_person=r"\b(?:mi (?:hermano|hermana|amig[oa]|pap[aá]|mam[aá]|prim[oa]|esposo|esposa"
    r"|pareja|hij[oa])|[ée]l|ella) (?:va a|est[aá] a punto)",
)


def _rules(c: Concepts) -> dict[str, re.Pattern]:
    return {
        "intent_to_use": re.compile(
            rf"\b{c.intent_now}\s+{c.use}(?:\s+{ENGLISH.substance}|\s+{SPANISH.substance}"
            rf"|{c.then})"
        ),
        "substance_at_hand": re.compile(
            rf"\b{c.access}\b(?:\s+\S+){{0,4}}?\s+{c.substance}\b(?!\s+(?:coaster|menu|holder))"
        ),
        "at_the_place": re.compile(rf"\b{c.place}\b"),
        "dealer_contact": re.compile(rf"\b{c.dealer_contact}\b"),
    }


LANGUAGES = {"en": (ENGLISH, _rules(ENGLISH)), "es": (SPANISH, _rules(SPANISH))}
_CLAUSE_START = re.compile(r"[.!?;,]|\bbut\b|\bpero\b")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text).lower().replace("\u2019", "'")
    return re.sub(r"\s+", " ", text)


def detect_relapse_risk(text: str) -> str | None:
    """The rule that found imminent relapse risk in `text` ("en:intent_to_use"), or None.
    Every language's table is read: a mixed-language message is read by both."""
    clean = normalise(text or "")
    for language, (concepts, rules) in LANGUAGES.items():
        for name, pattern in rules.items():
            for match in pattern.finditer(clean):
                if not _guarded(clean, match, concepts):
                    return f"{language}:{name}"
    return None


def _guarded(text: str, match: re.Match, concepts: Concepts) -> bool:
    """A guard in the hit's clause up to the hit ("not going to drink"), or a time long past
    anywhere in it ("at the bar last year")."""
    before = text[: match.start()]
    starts = [m.end() for m in _CLAUSE_START.finditer(before)]
    start = starts[-1] if starts else 0
    after = _CLAUSE_START.search(text, match.end())
    upto, whole = text[start : match.end()], text[start : after.start() if after else len(text)]
    return bool(
        re.search(concepts.guard, upto)
        or re.search(concepts.other_person, upto)
        or re.search(concepts.past, whole)
    )
