"""The seed library of prompt templates, written for GroupSpace's IOP groups.

Each is short enough to read on a phone, invites a reply without asking anyone to disclose
more than they want, and points to a skill rather than to a diagnosis. Loaded by a data
migration; therapists use them as they are or edit them before posting.
"""

# (approach, title, body)
TEMPLATES = [
    (
        "cbt",
        "Catch the thought",
        "Think of a moment today when your mood shifted. What was the thought that went through "
        "your mind just then? Write it down as exactly as you can, then ask: what would I say "
        "to a friend who had that thought?",
    ),
    (
        "cbt",
        "Evidence for and against",
        "Pick one worry that has been loud this week. List one piece of evidence that supports "
        "it and one that doesn't. What is a more balanced way of saying it?",
    ),
    (
        "cbt",
        "One small pleasant thing",
        "Behavioural activation starts small. Name one pleasant or meaningful thing you can do "
        "tomorrow that takes less than 15 minutes. When will you do it?",
    ),
    (
        "cbt",
        "Thinking traps",
        "All-or-nothing, mind reading, fortune telling, 'should' statements: which thinking "
        "trap showed up for you this week? How did you notice it?",
    ),
    (
        "dbt",
        "TIPP for a wave",
        "When an urge or an emotion spikes, TIPP can bring it down: Temperature (cold water on "
        "your face), Intense exercise, Paced breathing, Paired muscle relaxation. Which one "
        "will you try the next time, and where?",
    ),
    (
        "dbt",
        "Opposite action",
        "When an emotion doesn't fit the facts, acting opposite to its urge can change it. "
        "Think of one emotion from this week. What was its urge, and what would the opposite "
        "action have looked like?",
    ),
    (
        "dbt",
        "Wise mind check-in",
        "Emotion mind, reasonable mind, wise mind. Describe one decision today: which mind "
        "made it? What would wise mind add?",
    ),
    (
        "dbt",
        "Radical acceptance",
        "Is there something this week you have been fighting that you cannot change right now? "
        "What would accepting it, without approving of it, free up for you?",
    ),
    (
        "dbt",
        "Five senses",
        "Ground yourself for one minute: name five things you can see, four you can hear, "
        "three you can touch, two you can smell and one you can taste. How do you feel after?",
    ),
    (
        "mi",
        "Why change, in your words",
        "On a scale from 0 to 10, how important is the change you are working on to you right "
        "now? Why that number and not a lower one?",
    ),
    (
        "mi",
        "Looking forward",
        "Imagine it is a year from now and things have gone well. What is different in your "
        "day? Who notices?",
    ),
    (
        "mi",
        "Values and actions",
        "Name one value that matters to you (family, honesty, health, faith, work...). What "
        "is one thing you did this week that lived up to it?",
    ),
    (
        "mi",
        "Confidence ruler",
        "How confident are you, from 0 to 10, that you can take your next step? What would "
        "move that number up by one?",
    ),
    (
        "relapse_prevention",
        "Know your triggers",
        "People, places, times, feelings: which trigger did you meet this week? What did you "
        "do, and what would you like to do next time?",
    ),
    (
        "relapse_prevention",
        "HALT",
        "Hungry, Angry, Lonely, Tired. Before the weekend, check each one. Which is most likely "
        "to catch you, and what is your plan for it?",
    ),
    (
        "relapse_prevention",
        "Urge surfing",
        "Urges rise, peak and fall, usually within 20 to 30 minutes. Think of a recent urge: "
        "what helped you ride it out, or what could help next time?",
    ),
    (
        "relapse_prevention",
        "Your support list",
        "Who are three people you can reach out to when things get hard, and how (call, text, "
        "a meeting)? If your list is short, what is one step to add to it?",
    ),
    (
        "relapse_prevention",
        "High-risk hours",
        "When in your week are you most at risk: a time of day, a day, an event coming up? "
        "Share one plan for getting through it.",
    ),
    (
        "self_care",
        "Sleep tonight",
        "Sleep carries everything else. What is one thing you will do tonight to wind down: "
        "screens off, a shower, a routine? What time will you aim for?",
    ),
    (
        "self_care",
        "Body check",
        "Have you eaten, had water and moved your body today? Share one thing you did for "
        "your body, however small.",
    ),
    (
        "self_care",
        "Gratitude, three ways",
        "Name one person, one thing and one moment you are grateful for today.",
    ),
    (
        "self_care",
        "Be kind to yourself",
        "What would you say to a good friend who had the week you had? Try saying it to "
        "yourself, and share it here if you like.",
    ),
    (
        "self_care",
        "A win this week",
        "Recovery is built from small wins. What is one thing you are proud of from this week?",
    ),
]
