"""The seed library of prompt templates, written for GroupSpace's IOP groups.

Each is short enough to read on a phone, invites a reply without asking anyone to disclose
more than they want, and points to a skill rather than to a diagnosis. Loaded by data
migrations (English, then Spanish); therapists use them as they are or edit them before
posting. The library page shows the therapist's own language's templates first.
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

# The same library in Spanish ("tú", plain and warm; see docs/i18n.md), loaded by its own data
# migration. Not a translation therapists must keep in step: each is a template to edit.
SPANISH_TEMPLATES = [
    (
        "cbt",
        "Atrapa el pensamiento",
        "Piensa en un momento de hoy en que cambió tu ánimo. ¿Qué pensamiento te pasó por la "
        "mente justo entonces? Escríbelo lo más exacto que puedas y luego pregúntate: ¿qué le "
        "diría a una amistad que tuviera ese pensamiento?",
    ),
    (
        "cbt",
        "Pruebas a favor y en contra",
        "Elige una preocupación que haya sonado fuerte esta semana. Anota una prueba que la "
        "apoye y una que no. ¿Cuál sería una manera más equilibrada de decirlo?",
    ),
    (
        "cbt",
        "Una pequeña cosa agradable",
        "La activación conductual empieza en pequeño. Nombra una cosa agradable o importante "
        "para ti que puedas hacer mañana en menos de 15 minutos. ¿Cuándo la vas a hacer?",
    ),
    (
        "cbt",
        "Trampas del pensamiento",
        "Todo o nada, leer la mente, adivinar el futuro, los 'debería': ¿qué trampa del "
        "pensamiento apareció esta semana? ¿Cómo te diste cuenta?",
    ),
    (
        "dbt",
        "TIPP para una ola",
        "Cuando unas ganas o una emoción se disparan, TIPP puede bajarlas: Temperatura (agua "
        "fría en la cara), ejercicio Intenso, respiración Pausada y relajación muscular "
        "Pareada con la respiración. ¿Cuál vas a probar la próxima vez, y dónde?",
    ),
    (
        "dbt",
        "Acción opuesta",
        "Cuando una emoción no encaja con los hechos, actuar al revés de lo que te pide puede "
        "cambiarla. Piensa en una emoción de esta semana. ¿Qué te pedía hacer, y cómo habría "
        "sido la acción opuesta?",
    ),
    (
        "dbt",
        "¿Qué diría la mente sabia?",
        "Mente emocional, mente racional, mente sabia. Describe una decisión de hoy: ¿qué mente "
        "la tomó? ¿Qué le agregaría la mente sabia?",
    ),
    (
        "dbt",
        "Aceptación radical",
        "¿Hay algo esta semana contra lo que has estado luchando y que ahora mismo no puedes "
        "cambiar? Si lo aceptaras, sin estar de acuerdo con ello, ¿qué se liberaría en ti?",
    ),
    (
        "dbt",
        "Cinco sentidos",
        "Vuelve al presente durante un minuto: nombra cinco cosas que puedas ver, cuatro que "
        "puedas oír, tres que puedas tocar, dos que puedas oler y una que puedas saborear. "
        "¿Cómo te sientes después?",
    ),
    (
        "mi",
        "Por qué cambiar, en tus palabras",
        "En una escala del 0 al 10, ¿qué tan importante es para ti ahora mismo el cambio en el "
        "que estás trabajando? ¿Por qué ese número y no uno más bajo?",
    ),
    (
        "mi",
        "Mirar hacia adelante",
        "Imagina que pasó un año y las cosas salieron bien. ¿Qué es diferente en tu día? "
        "¿Quién lo nota?",
    ),
    (
        "mi",
        "Valores y acciones",
        "Nombra un valor que te importe (la familia, la honestidad, la salud, la fe, el "
        "trabajo...). ¿Qué hiciste esta semana que estuvo a la altura de ese valor?",
    ),
    (
        "mi",
        "La regla de la confianza",
        "Del 0 al 10, ¿qué tanta confianza tienes en que puedes dar tu siguiente paso? ¿Qué "
        "haría subir ese número un punto?",
    ),
    (
        "relapse_prevention",
        "Conoce tus detonantes",
        "Personas, lugares, horas, sentimientos: ¿con qué detonante te encontraste esta semana? "
        "¿Qué hiciste, y qué te gustaría hacer la próxima vez?",
    ),
    (
        "relapse_prevention",
        "HALT",
        "Hambre, enojo, soledad, cansancio (HALT, por sus iniciales en inglés). Antes del fin "
        "de semana, revisa cada uno. ¿Cuál es más probable que te tome por sorpresa, y qué "
        "plan tienes para ese?",
    ),
    (
        "relapse_prevention",
        "Surfear las ganas",
        "Las ganas suben, llegan a su punto más alto y bajan, casi siempre en 20 a 30 minutos. "
        "Piensa en unas ganas recientes: ¿qué te ayudó a dejarlas pasar, o qué podría "
        "ayudarte la próxima vez?",
    ),
    (
        "relapse_prevention",
        "Tu lista de apoyo",
        "¿Quiénes son tres personas a las que puedes buscar cuando las cosas se ponen difíciles, "
        "y cómo (una llamada, un mensaje, una reunión)? Si tu lista es corta, ¿qué paso puedes "
        "dar para agregar a alguien?",
    ),
    (
        "relapse_prevention",
        "Horas de riesgo",
        "¿En qué momento de tu semana corres más riesgo: una hora del día, un día, algo que se "
        "acerca? Comparte un plan para atravesarlo.",
    ),
    (
        "self_care",
        "Dormir esta noche",
        "El sueño sostiene todo lo demás. ¿Qué vas a hacer esta noche para relajarte: apagar "
        "las pantallas, darte un baño, una rutina? ¿A qué hora te quieres dormir?",
    ),
    (
        "self_care",
        "Revisa tu cuerpo",
        "¿Hoy comiste, tomaste agua y moviste el cuerpo? Comparte una cosa que hiciste por tu "
        "cuerpo, por pequeña que sea.",
    ),
    (
        "self_care",
        "Gratitud, de tres maneras",
        "Nombra una persona, una cosa y un momento por los que sientes gratitud hoy.",
    ),
    (
        "self_care",
        "Trátate con cariño",
        "¿Qué le dirías a una buena amistad que hubiera tenido la semana que tuviste tú? Intenta "
        "decírtelo a ti, y compártelo aquí si quieres.",
    ),
    (
        "self_care",
        "Un logro de esta semana",
        "La recuperación se construye con logros pequeños. ¿Qué es algo de esta semana de lo "
        "que te sientes orgulloso u orgullosa?",
    ),
]
