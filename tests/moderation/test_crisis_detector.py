"""The crisis-language detector, measured on a labelled set of chat messages.

The phrases were written before the rules, as a clinician would write them for a peer-support chat
of people in IOP for mental health and substance use. Some still miss or misfire; `measure()`
lists them so the numbers can be quoted honestly.
"""

import pytest

from groupspace.moderation.crisis import CrisisMatch, detect_crisis

SUICIDE, SELF_HARM, OVERDOSE = "suicide", "self_harm", "overdose"

CRISIS: list[tuple[str, str]] = [
    # Suicide: direct, indirect, texting style, misspelt, past attempts.
    ("I don't want to be here anymore", SUICIDE),
    ("thinking of ending it", SUICIDE),
    ("kms", SUICIDE),
    ("I want to die", SUICIDE),
    ("i wanna dieeee", SUICIDE),
    ("going to kill myself tonight", SUICIDE),
    ("I've been really suicidal this week", SUICIDE),
    ("been having sucidal thoughts again", SUICIDE),
    ("suicde has been on my mind", SUICIDE),
    ("i keep thinking about how to unalive myself", SUICIDE),
    ("I just want to end my life", SUICIDE),
    ("honestly I'm better off dead", SUICIDE),
    ("there's no reason to live anymore", SUICIDE),
    ("I wish I wasn't alive", SUICIDE),
    ("I can't go on like this", SUICIDE),
    ("I just want to say goodbye to everyone", SUICIDE),
    ("I've written a note for my kids", SUICIDE),
    ("dont want to be here anymore", SUICIDE),
    ("I DON\u2019T WANT TO LIVE ANYMORE", SUICIDE),
    ("i hope i dont wake up tomorrow", SUICIDE),
    ("cant stop thinking about killing myself", SUICIDE),
    ("what's the point of living", SUICIDE),
    ("I have a plan to end things this weekend", SUICIDE),
    ("tonight I'm going to end it all", SUICIDE),
    ("I keep thinking about shooting myself", SUICIDE),
    ("I want to hang myself", SUICIDE),
    ("thinking about jumping off the bridge on my way home", SUICIDE),
    ("two years ago I attempted suicide", SUICIDE),
    ("I tried to kill myself last year", SUICIDE),
    ("I'm having SI again tonight", SUICIDE),
    ("passive si all day today", SUICIDE),
    ("i'm done with life", SUICIDE),
    ("I'm so tired of living", SUICIDE),
    ("life isn't worth living", SUICIDE),
    ("nobody would even miss me if i was gone", SUICIDE),
    ("my family would be better off without me", SUICIDE),
    ("i wanna go to sleep and never wake up", SUICIDE),
    ("kms fr", SUICIDE),
    ("gonna kms", SUICIDE),
    ("i should just kill myself lol", SUICIDE),
    ("I can't do this anymore", SUICIDE),
    ("I can't take it anymore", SUICIDE),
    ("I've been giving away my stuff, I won't need it", SUICIDE),
    ("I want to take my own life", SUICIDE),
    ("I deserve to die", SUICIDE),
    ("I wish I was dead", SUICIDE),
    ("I wish i could just die", SUICIDE),
    ("want to die so bad rn", SUICIDE),
    ("been googling painless ways to die", SUICIDE),
    ("no point in living anymore", SUICIDE),
    ("i'm thinking about ending my life", SUICIDE),
    ("soon I won't be a burden to anyone", SUICIDE),
    ("I want to be dead", SUICIDE),
    ("i dont wanna be alive", SUICIDE),
    ("life's not worth it anymore", SUICIDE),
    ("I can't keep going like this", SUICIDE),
    ("everyone would be happier if I was gone", SUICIDE),
    ("I don't care if I die", SUICIDE),
    ("I want to die!!!", SUICIDE),
    ("ready to die honestly", SUICIDE),
    ("I want to disappear forever", SUICIDE),
    ("I wish I had never been born", SUICIDE),
    ("I almost ended it last night", SUICIDE),
    ("called the suicide hotline last night", SUICIDE),
    ("thinking about driving my car into a tree", SUICIDE),
    ("i have the pills lined up and a note written", SUICIDE),
    ("I'm planning my suicide", SUICIDE),
    ("suicidal ideation is back", SUICIDE),
    ("suiside thoughts all week", SUICIDE),
    ("I'm going to jump off my balcony", SUICIDE),
    ("I want to stop existing", SUICIDE),
    ("tbh i want to kms", SUICIDE),
    ("I'm going to put a gun to my head", SUICIDE),
    ("this is my goodbye", SUICIDE),
    ("I\u2019m ready to end it", SUICIDE),
    ("im gonna end it", SUICIDE),
    ("i cant do this anymore im done", SUICIDE),
    ("I don't want to exist anymore", SUICIDE),
    ("unaliving myself seems like the only option", SUICIDE),
    ("my uncle died by suicide and I think about doing the same", SUICIDE),
    ("I'm so depressed I want to die", SUICIDE),
    ("I just want it all to end", SUICIDE),
    ("I   want  to    KILL   MYSELF", SUICIDE),
    ("nobody would care if i died tbh", SUICIDE),
    ("everyone would be better without me", SUICIDE),
    # Self-harm.
    ("cutting again", SELF_HARM),
    ("I cut myself last night", SELF_HARM),
    ("I hurt myself again", SELF_HARM),
    ("I want to burn myself", SELF_HARM),
    ("relapsed on self harm after 4 months", SELF_HARM),
    ("self-harm urges are so bad today", SELF_HARM),
    ("selfharm thoughts again", SELF_HARM),
    ("sh again, was 3 months clean", SELF_HARM),
    ("I want to cut so bad", SELF_HARM),
    ("started cutting again", SELF_HARM),
    ("I've been scratching my arms until they bleed", SELF_HARM),
    ("I want to hurt myself", SELF_HARM),
    ("been hitting myself when I get angry", SELF_HARM),
    ("the urge to cut is so strong rn", SELF_HARM),
    ("i relapsed and cut last night", SELF_HARM),
    ("I cut my wrists", SELF_HARM),
    ("burned myself with a lighter", SELF_HARM),
    ("been self harming again", SELF_HARM),
    ("I've been harming myself", SELF_HARM),
    ("I just want to bleed", SELF_HARM),
    ("I'm going to hurt myself tonight", SELF_HARM),
    ("cuttin again smh", SELF_HARM),
    ("I need to cut", SELF_HARM),
    ("fresh cuts on my arm and I'm scared", SELF_HARM),
    ("i wanna hurt myself", SELF_HARM),
    ("thinking about cutting tonight", SELF_HARM),
    ("i have the razor out again", SELF_HARM),
    ("I hit my head against the wall on purpose", SELF_HARM),
    ("SELF HARM THOUGHTS ALL DAY", SELF_HARM),
    ("i used to cut and the urges are back", SELF_HARM),
    ("been self injuring", SELF_HARM),
    ("I keep picking at my skin until it bleeds", SELF_HARM),
    # Overdose.
    ("took too many pills", OVERDOSE),
    ("I overdosed last night", OVERDOSE),
    ("I think I OD\u2019d", OVERDOSE),
    ("gonna od on my meds", OVERDOSE),
    ("I took a whole bottle of tylenol", OVERDOSE),
    ("thinking of mixing my pills and alcohol so I don't wake up", OVERDOSE),
    ("i want to shoot up everything i have", OVERDOSE),
    ("saving up fentanyl to end it", OVERDOSE),
    ("I'm going to take all my pills", OVERDOSE),
    ("swallowed a bunch of pills", OVERDOSE),
    ("i took all my meds at once", OVERDOSE),
    ("thinking about taking the whole bottle", OVERDOSE),
    ("Im going to overdose", OVERDOSE),
    ("i want to OD", OVERDOSE),
    ("I've been stockpiling my pills", OVERDOSE),
    ("gonna use until I don't wake up", OVERDOSE),
    ("took like 20 of my klonopin", OVERDOSE),
    ("took a handful of xanax", OVERDOSE),
    ("my best friend overdosed last week and I can't stop thinking about using", OVERDOSE),
    ("I got narcanned last night", OVERDOSE),
    ("I nearly overdosed this weekend", OVERDOSE),
    ("they had to use narcan on me", OVERDOSE),
    ("I have enough pills to not wake up", OVERDOSE),
    ("mixing benzos and alcohol tonight", OVERDOSE),
    ("took way too much of my seroquel", OVERDOSE),
    ("I ODed on heroin last year", OVERDOSE),
    ("im taking every pill in the house", OVERDOSE),
    ("i popped like 15 percs", OVERDOSE),
    ("I'm going to take the whole bottle of my sleeping pills", OVERDOSE),
    ("ive been hoarding my meds", OVERDOSE),
]

SAFE: list[str] = [
    # Idioms and hyperbole.
    "this homework is killing me",
    "I killed it at work today",
    "dying to see you all on thursday",
    "dead tired after work",
    "that cheesecake was to die for",
    "you're killing it with your step work!",
    "the suspense is killing me",
    "my phone died halfway through group",
    "I overdosed on coffee this morning lol",
    "I'm so done with this traffic",
    "I'd kill for a pizza right now",
    "laughed so hard I died",
    "my plants are dying, any tips?",
    "the battery is dead again",
    "that meeting was so boring I wanted to die lol",
    "I'm going to die of embarrassment",
    "we're killing time before group starts",
    "this heat is going to be the death of me",
    "I'm dead \U0001f480",
    "I'm dying laughing at this meme",
    "ugh my knee is killing me",
    "the anxiety is killing me but I'm hanging in there",
    "I'd die for my kids",
    "my car battery died again",
    "I've been killing myself at work trying to catch up",
    "I almost killed myself tripping on the stairs lol",
    "I keep beating myself up about the relapse",
    "kicking myself for missing group last night",
    "shoot me a text when you get home",
    "I could sleep forever after that session",
    "I'm drowning in paperwork",
    # Negations and check-ins.
    "I would never hurt myself",
    "I'd never kill myself",
    "I'm not suicidal, just really tired",
    "I'm not going to hurt myself",
    "no thoughts of self harm today",
    "check in: mood 6/10, SI: no, SH: none, cravings 3/10",
    "no si or sh today, feeling okay",
    "I haven't self harmed in 30 days",
    "I don't want to die, I want to get better",
    "I'm not going to kill myself, I just need to vent",
    "Never been suicidal, but depression is heavy today",
    # Cutting, hurting, burning that is not self-harm.
    "finally cut my hair",
    "cutting back on sugar this month",
    "cut myself a slice of cake to celebrate 30 days",
    "cut myself some slack today like Dana said",
    "I accidentally cut myself chopping onions",
    "hurt myself at the gym yesterday, my back is toast",
    "burned myself on the stove making dinner",
    "my sponsor said I need to cut out toxic people",
    "cutting ties with my old using friends",
    "the doctor said I should cut down on salt",
    "I cut my finger on a can lid, it's fine",
    "sh, the baby's sleeping",
    # Endings and goodbyes that are not about life.
    "I want to end this call early, sorry",
    "I'm ending it with my ex for good",
    "let's end it there for tonight, good night everyone",
    "saying goodbye to everyone today since I graduate from IOP on friday",
    "I need to end things with my dealer",
    "ending the week on a good note",
    "I'm going to end my shift early",
    "I'm taking my life back one day at a time",
    "I can't go on the trip this weekend",
    "I can't do this homework anymore lol",
    "I can't keep going to meetings at 7am",
    "I don't want to go to work tomorrow",
    "I don't want to wake up early tomorrow",
    "I want to disappear into a good book this weekend",
    "suicide prevention walk this saturday, who's in?",
    # Medication, drinking and recovery talk.
    "90 days clean today!!",
    "I drank a whole bottle of wine last night, back to day 1",
    "I carry narcan now just in case",
    "learned how to use narcan in group today",
    "had a craving today but called my sponsor instead",
    "I hope my meds kick in soon",
    "my doctor upped my dose of zoloft",
    "took my meds on time all week",
    "I'm taking my pills every morning now",
    "I took too many days off work this month",
    "took a bunch of pictures at the lake",
    "took 2 tylenol for my headache",
    "I flushed my old pills so I wouldn't be tempted",
    "I'm not gonna use, I promise",
    "I ate way too much pizza",
    "my sister is a nurse and sees a lot of overdoses",
    # Everyday chat.
    "this is so odd",
    "that's odd, the link didn't work",
    "si, te veo en el grupo",
    "I feel dead inside but I'm still showing up",
    "my grandma died last year and today is hard",
    "ugh I hate myself for forgetting her birthday",
    "feeling hopeful for the first time in a while",
    "I'm so tired of this job",
    "I'm hanging in there",
    "the movie ended with everyone dying lol",
]

# Exact expectations for the examples the detector was specified with.
REQUIRED = [
    ("this homework is killing me", None),
    ("I would never hurt myself", None),
    ("I killed it at work today", None),
    ("I don't want to be here anymore", SUICIDE),
    ("thinking of ending it", SUICIDE),
    ("kms", SUICIDE),
    ("took too many pills", OVERDOSE),
]

# Choices on ambiguous messages, kept here so the documented behaviour is tested.
DECISIONS = [
    ("if you ever feel suicidal call 988", SUICIDE),  # peers' support posts fire: cheap FP
    ("kys", None),  # aimed at someone else: abuse, not the writer's crisis
    ("just kill yourself", None),
    ("sh again", SELF_HARM),  # "sh" only with self-harm context words
    ("shhh, sh", None),
    ("I overdosed on coffee", None),  # harmless object after "overdosed on"
    ("I overdosed on my xanax", OVERDOSE),
    ("ending it with my ex", None),
    ("I'm ending it, I can't anymore", SUICIDE),
    ("two years ago I attempted suicide", SUICIDE),  # past attempts fire
    ("i'm gonna kill myself if this meeting runs long lol", SUICIDE),  # hyperbole still fires
    ("my friend overdosed last month", OVERDOSE),  # someone else's overdose fires
    ("6 months sh free today", None),  # milestones: "free", "clean from", "without"
    ("30 days clean from cutting", None),
]

# Found by probing after the rules were written; kept out of the measured set above.
REGRESSIONS = [
    ("honestly I don't want to be here anymore [ab12cd34]", SUICIDE),  # the browser test's phrase
    ("I don't want to be here anymore, I keep thinking of ending it", SUICIDE),
    ("I want to kill myself for what I did", SUICIDE),
    ("I'm going to take all my pills today", OVERDOSE),
    ("I just hurt myself again", SELF_HARM),
    ("I take all my meds every morning", None),  # adherence, not an overdose
    ("taking all my meds as prescribed", None),
    ("I feel like I'm on too many meds", None),
    ("I have too many tabs open", None),
    ("I wrote a letter to my mom", None),  # unsent letters are a therapy exercise
    ("I'm only hurting myself when I drink", None),
    ("I don't want to be here at work", None),
    ("ran 5 kms this morning", None),  # kilometres (Spanish writers too: "corrí 5 kms")
]


def measure(crisis: list[tuple[str, str]] = CRISIS, safe: list[str] = SAFE) -> dict:
    """Recall over `crisis`, precision over everything that fired, and what went wrong.
    The Spanish set (test_crisis_detector_es.py) is measured the same way."""
    fired = {text: detect_crisis(text) for text, _ in crisis}
    misses = [text for text, _ in crisis if fired[text] is None]
    wrong_category = [
        (text, expected, fired[text].category)
        for text, expected in crisis
        if fired[text] is not None and fired[text].category != expected
    ]
    false_positives = [text for text in safe if detect_crisis(text) is not None]
    true_positives = len(crisis) - len(misses)
    return {
        "crisis_phrases": len(crisis),
        "safe_phrases": len(safe),
        "recall": true_positives / len(crisis),
        "precision": true_positives / max(1, true_positives + len(false_positives)),
        "category_accuracy": (true_positives - len(wrong_category)) / max(1, true_positives),
        "false_positives": false_positives,
        "misses": misses,
        "wrong_category": wrong_category,
    }


def test_the_labelled_set_is_big_enough_and_clean():
    texts = [text for text, _ in CRISIS] + SAFE
    assert len(CRISIS) >= 90 and len(SAFE) >= 60
    assert len(set(texts)) == len(texts)
    assert {category for _, category in CRISIS} == {SUICIDE, SELF_HARM, OVERDOSE}


@pytest.mark.parametrize(("text", "category"), REQUIRED)
def test_required_examples(text, category):
    match = detect_crisis(text)
    assert (match and match.category) == category, match


@pytest.mark.parametrize(("text", "category"), DECISIONS + REGRESSIONS)
def test_documented_decisions(text, category):
    match = detect_crisis(text)
    assert (match and match.category) == category, match


def test_recall_and_precision():
    m = measure()
    numbers = (
        f"recall={m['recall']:.3f} precision={m['precision']:.3f} "
        f"misses={m['misses']} false_positives={m['false_positives']}"
    )
    assert m["recall"] >= 0.95, numbers
    assert m["precision"] >= 0.90, numbers


def test_category_accuracy():
    m = measure()
    assert m["category_accuracy"] >= 0.9, m["wrong_category"]


def test_measure_reports_the_numbers():
    m = measure()
    assert m["crisis_phrases"] == len(CRISIS) and m["safe_phrases"] == len(SAFE)
    assert 0 <= m["recall"] <= 1 and 0 <= m["precision"] <= 1
    assert all(detect_crisis(text) is None for text, _ in CRISIS if text in m["misses"])
    assert all(detect_crisis(text) is not None for text in m["false_positives"])


def test_match_names_a_rule_and_normalisation_holds():
    match = detect_crisis("I WANT TO DIEEEE")
    assert isinstance(match, CrisisMatch) and match.category == SUICIDE
    assert match.rule.isidentifier() and match.rule == match.rule.lower()
    assert detect_crisis("I don\u2019t want to be here anymore") == detect_crisis(
        "I dont want to be here anymore"
    )
    assert detect_crisis("") is None and detect_crisis("   ") is None
