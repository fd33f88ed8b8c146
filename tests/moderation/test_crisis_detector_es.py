"""The crisis-language detector on Spanish, measured on a labelled set of chat messages.

Written before the Spanish rules, as a bilingual clinician in Phoenix would write them for a
peer-support chat of people in IOP: US, Mexican and Latin American colloquial Spanish, texting
style (no accents, "q", "xq", "kiero"), misspellings and Spanglish. The safe half is hard on
purpose: idioms with "morir" and "matar", cuts that are haircuts and paper cuts, negations,
check-in answers, quoting, and recovery talk. `measure()` (shared with the English set) lists
what still misses or misfires so the numbers can be quoted honestly.
"""

import time

import pytest

from groupspace.moderation.crisis import CrisisMatch, detect_crisis

from .test_crisis_detector import OVERDOSE, SELF_HARM, SUICIDE, measure

CRISIS: list[tuple[str, str]] = [
    # Suicide: direct, indirect, texting style, misspelt, Spanglish, past attempts.
    ("ya no quiero vivir", SUICIDE),
    ("me quiero morir", SUICIDE),
    ("me voy a matar", SUICIDE),
    ("quiero desaparecer para siempre", SUICIDE),
    ("Ya no quiero estar aquí", SUICIDE),
    ("ya no kiero vivir", SUICIDE),
    ("me kiero morir", SUICIDE),
    ("neta ya me quiero morir", SUICIDE),
    ("q ganas de morirme", SUICIDE),
    ("tengo ganas de morirme", SUICIDE),
    ("me dan ganas de matarme", SUICIDE),
    ("estoy pensando en suicidarme", SUICIDE),
    ("he tenido pensamientos suicidas toda la semana", SUICIDE),
    ("pienso en matarme todo el tiempo", SUICIDE),
    ("quiero quitarme la vida", SUICIDE),
    ("voy a acabar con mi vida", SUICIDE),
    ("ya quiero acabar con todo", SUICIDE),
    ("hoy voy a terminar con todo", SUICIDE),
    ("mi familia estaría mejor sin mí", SUICIDE),
    ("todos estarían mejor si yo no existiera", SUICIDE),
    ("nadie me extrañaría si me muero", SUICIDE),
    ("a nadie le importaría si me muero", SUICIDE),
    ("no tengo razón para vivir", SUICIDE),
    ("la vida no vale la pena", SUICIDE),
    ("¿para qué seguir viviendo?", SUICIDE),
    ("ya no le encuentro sentido a la vida", SUICIDE),
    ("ojalá me muriera", SUICIDE),
    ("ojalá no hubiera nacido", SUICIDE),
    ("quisiera estar muerta", SUICIDE),
    ("ojalá no despierte mañana", SUICIDE),
    ("quiero dormirme y no despertar nunca", SUICIDE),
    ("ya no puedo más", SUICIDE),
    ("ya no aguanto más, neta", SUICIDE),
    ("no puedo seguir así", SUICIDE),
    ("estoy cansada de vivir", SUICIDE),
    ("me despido de todos, los quiero mucho", SUICIDE),
    ("ya escribí mi carta de despedida", SUICIDE),
    ("he estado regalando mis cosas, ya no las voy a necesitar", SUICIDE),
    ("intenté suicidarme hace dos años", SUICIDE),
    ("el año pasado traté de quitarme la vida", SUICIDE),
    ("me quiero ahorcar", SUICIDE),
    ("estoy pensando en tirarme del puente de camino a casa", SUICIDE),
    ("quiero pegarme un tiro", SUICIDE),
    ("me voy a cortar las venas", SUICIDE),
    ("busqué formas de morir sin dolor", SUICIDE),
    ("me voy a suicidar", SUICIDE),
    ("tengo ideación suicida otra vez", SUICIDE),
    ("soy una carga para todos", SUICIDE),
    ("ya me cansé de vivir", SUICIDE),
    ("mi tío se suicidó y pienso en hacer lo mismo", SUICIDE),
    ("me quiero ir de este mundo", SUICIDE),
    ("no quiero seguir viviendo", SUICIDE),
    ("YA NO QUIERO VIVIR", SUICIDE),
    ("ya nooo quiero viviiir", SUICIDE),
    ("me kiero matar", SUICIDE),
    ("para q sigo viviendo", SUICIDE),
    ("I can't anymore, me voy a matar", SUICIDE),
    ("honestly ya no quiero vivir", SUICIDE),
    ("ya no quiero existir", SUICIDE),
    ("llamé a la línea de la vida anoche", SUICIDE),
    ("anoche le marqué al 988", SUICIDE),
    ("casi me mato anoche", SUICIDE),
    ("me dan ganas de aventarme a las vías del tren", SUICIDE),
    ("estoy pensando en estrellar el carro contra un árbol", SUICIDE),
    ("si me muero nadie se daría cuenta", SUICIDE),
    ("ojala me atropelle un carro", SUICIDE),
    ("mejor me muero", SUICIDE),
    ("quiero morir", SUICIDE),
    ("solo quiero que todo se acabe", SUICIDE),
    ("estoy planeando mi suicidio", SUICIDE),
    ("I'm so done, quiero desaparecer para siempre", SUICIDE),
    ("pensé en tomarme el cloro", SUICIDE),
    ("merezco morir", SUICIDE),
    ("ya estoy lista para morir", SUICIDE),
    ("me quiero morir!!!", SUICIDE),
    ("ya nada tiene sentido", SUICIDE),
    ("no me importa si me muero", SUICIDE),
    ("me quiero unalive", SUICIDE),
    ("tengo suicidal thoughts otra vez", SUICIDE),
    ("pienso mucho en el suisidio", SUICIDE),
    ("quiero dejar de existir", SUICIDE),
    ("ya valió todo, me voy a quitar la vida", SUICIDE),
    ("ya tengo la cuerda lista", SUICIDE),
    ("ya no qiero vivir xq nadie me quiere", SUICIDE),
    ("me voy a aventar de un edificio", SUICIDE),
    ("no le veo sentido a seguir vivo", SUICIDE),
    ("estoy harto de la vida", SUICIDE),
    ("quiero morirme ya", SUICIDE),
    ("Me quiero matar", SUICIDE),
    ("a veces pienso que estarían mejor sin mí", SUICIDE),
    # Self-harm.
    ("me corté otra vez", SELF_HARM),
    ("me volví a cortar anoche", SELF_HARM),
    ("tengo ganas de cortarme", SELF_HARM),
    ("me estoy cortando de nuevo", SELF_HARM),
    ("me corto cuando me siento así", SELF_HARM),
    ("quiero cortarme los brazos", SELF_HARM),
    ("me hice cortadas en las piernas", SELF_HARM),
    ("tengo cortadas nuevas en el brazo y tengo miedo", SELF_HARM),
    ("recaí en las autolesiones después de 4 meses", SELF_HARM),
    ("me autolesioné ayer", SELF_HARM),
    ("las ganas de autolesionarme están muy fuertes hoy", SELF_HARM),
    ("quiero hacerme daño", SELF_HARM),
    ("me hice daño a propósito", SELF_HARM),
    ("me voy a lastimar esta noche", SELF_HARM),
    ("me quemé con un cigarro a propósito", SELF_HARM),
    ("quiero quemarme con el encendedor", SELF_HARM),
    ("me rasguño los brazos hasta sangrar", SELF_HARM),
    ("solo quiero sangrar", SELF_HARM),
    ("me golpeo la cabeza contra la pared cuando me enojo", SELF_HARM),
    ("me volví a hacer cutting", SELF_HARM),
    ("estoy cutting otra vez", SELF_HARM),
    ("relapsé y me corté", SELF_HARM),
    ("sh otra vez, llevaba 3 meses limpia", SELF_HARM),
    ("llevaba 3 meses sin cortarme y anoche recaí", SELF_HARM),
    ("saqué la navaja otra vez", SELF_HARM),
    ("me lastimé a propósito", SELF_HARM),
    ("me muerdo hasta sacarme sangre", SELF_HARM),
    ("ME CORTÉ OTRA VEZ", SELF_HARM),
    ("me corte anoche", SELF_HARM),
    ("me pego a mí misma cuando me siento mal", SELF_HARM),
    ("tengo ganas de lastimarme", SELF_HARM),
    ("me dieron ganas de cortarme en el trabajo", SELF_HARM),
    ("kiero cortarme", SELF_HARM),
    ("me estoy autolesionando otra vez", SELF_HARM),
    # Overdose.
    ("me tomé todas las pastillas", OVERDOSE),
    ("me metí una sobredosis", OVERDOSE),
    ("tuve una sobredosis el fin de semana", OVERDOSE),
    ("me tomé todo el frasco de clonazepam", OVERDOSE),
    ("me tome como 20 pastillas para dormir", OVERDOSE),
    ("tragué un puño de pastillas", OVERDOSE),
    ("voy a tomarme todas mis medicinas de una vez", OVERDOSE),
    ("estoy pensando en tomarme el frasco entero", OVERDOSE),
    ("me tomé demasiadas pastillas", OVERDOSE),
    ("mezclé xanax con alcohol", OVERDOSE),
    ("mezclando clonas y chelas esta noche", OVERDOSE),
    ("tengo suficientes pastillas para no despertar", OVERDOSE),
    ("he estado juntando mis pastillas", OVERDOSE),
    ("voy a usar hasta que me muera", OVERDOSE),
    ("casi me da una sobredosis", OVERDOSE),
    ("me tuvieron que poner narcan anoche", OVERDOSE),
    ("me revivieron con naloxona", OVERDOSE),
    (
        "mi mejor amigo murió de sobredosis la semana pasada y no puedo dejar de pensar en"
        " consumir",
        OVERDOSE,
    ),
    ("me dio un OD el año pasado", OVERDOSE),
    ("quiero meterme todo el fentanilo que tengo", OVERDOSE),
    ("me tomé como 10 blues", OVERDOSE),
    ("me empastillé anoche", OVERDOSE),
    ("sobredosis de heroína hace un año", OVERDOSE),
    ("me pasé con la dosis de insulina a propósito", OVERDOSE),
    ("me tome 30 clonazepam", OVERDOSE),
    ("me eché un montón de pastillas", OVERDOSE),
    ("mi hermano tuvo una sobredosis anoche", OVERDOSE),
    ("me voy a tomar todas las pastillas que hay en la casa", OVERDOSE),
    ("casi hago overdose", OVERDOSE),
    ("me tomé muchas pastillas", OVERDOSE),
    ("me sobredosifiqué con mis pastillas", OVERDOSE),
]

SAFE: list[str] = [
    # Idioms and hyperbole.
    "me muero de risa",
    "me muero de hambre",
    "me mata el calor",
    "me mata este trabajo",
    "estoy muerto de cansancio",
    "me muero de ganas de verlos el jueves",
    "ese pastel está para morirse",
    "se me murió el celular a mitad del grupo",
    "mis plantas se están muriendo, ¿algún consejo?",
    "la batería está muerta otra vez",
    "me mataste con ese meme jajaja",
    "qué oso, me quería morir de la vergüenza",
    "la junta estuvo tan aburrida que me quería morir jaja",
    "me voy a morir de hambre si no comemos ya",
    "casi me muero del susto",
    "la ansiedad me está matando pero aquí sigo",
    "ay, la rodilla me está matando",
    "el calor de Phoenix me mata",
    "mataría por unos tacos ahorita",
    "me mato trabajando para mis hijos",
    "casi me mato en las escaleras jaja",
    "me estoy ahogando en papeles del trabajo",
    "si llego tarde mi mamá me va a matar",
    "esa canción está para cortarse las venas",
    "me siento muerta por dentro pero aquí sigo viniendo",
    "estoy muerta de la risa",
    "muero de sueño",
    "me muero por unos tacos",
    "este examen me mató",
    "me muero de la risa con este meme",
    "qué pena, me quiero morir, se me cayó el café encima de mi jefe",
    "me muero de hambre, let's get tacos",
    "this homework me está matando",
    "estoy dead de cansancio lol",
    "me mató de risa tu mensaje",
    "que me muero de sueño jaja",
    "ese cuarto está para morirse de frío",
    "casi me da un infarto de la risa",
    "ya me quiero ir a dormir, estoy muerta",
    # Cuts, burns and blows that are not self-harm.
    "me corté el pelo",
    "me corté con un papel",
    "me corté el fleco yo sola jaja",
    "me corté picando cebolla",
    "se me cortó la llamada",
    "mi novio me cortó por mensaje",
    "mi novio me corto ayer y estoy triste",
    "voy a cortar el azúcar este mes",
    "mi padrino dice que corte con la gente tóxica",
    "me cortaron la luz otra vez",
    "me voy a cortar el cabello mañana",
    "me quemé con el comal haciendo tortillas",
    "me quemé en la alberca, ando bien rojo",
    "me lastimé la espalda en el gym",
    "me hice daño jugando fútbol",
    "me golpeé el dedo chiquito con la cama",
    "me pegó la gripa",
    "me di de topes por no venir al grupo",
    "solo me hago daño cuando tomo",
    "corrí 5 kms esta mañana",
    # Negations, check-ins, quoting.
    "nunca me haría daño",
    "no tengo pensamientos de hacerme daño",
    "no me quiero morir, quiero estar mejor",
    "no estoy pensando en suicidarme, solo estoy cansada",
    "jamás intentaría quitarme la vida",
    "ya no me corto",
    "no tengo ideas suicidas",
    "no me voy a matar, solo necesito desahogarme",
    "no quiero hacerme daño",
    "hoy no tuve ganas de cortarme",
    "nunca he sido suicida, pero la depresión pesa hoy",
    "registro: ánimo 6/10, ideación suicida: no, autolesiones: ninguna",
    "la doctora me preguntó si tenía pensamientos suicidas y le dije que no",
    "no he tenido ganas de morirme en semanas",
    "como dice la canción, 'me muero por ti'",
    "en la escuela de mi hijo dieron una plática de prevención del suicidio",
    "mi mamá siempre dice que la voy a matar de un coraje",
    "caminata de prevención del suicidio este sábado, ¿quién se apunta?",
    # Recovery, medication and drinking talk.
    "llevo 30 días sin cortarme",
    "6 meses libre de autolesiones",
    "dejé de cortarme hace un año",
    "hoy cumplo un año sin autolesionarme",
    "90 días limpia hoy!!",
    "tiré mis pastillas viejas para no tentarme",
    "cargo narcan por si acaso",
    "aprendí a usar la naloxona en el grupo",
    "me tomo todas mis pastillas en la mañana",
    "tomé mis medicinas a tiempo toda la semana",
    "me tomé 2 tylenol para el dolor de cabeza",
    "me tomé una botella entera de vino anoche, regreso al día 1",
    "tomé un montón de fotos en el lago",
    "me tomé todo el café de la oficina",
    "me recetaron demasiadas pastillas, le voy a preguntar al doctor",
    "tomo muchas pastillas por mi diabetes",
    "espero que mis medicinas hagan efecto pronto",
    "el doctor me subió la dosis de sertralina",
    "tuve ganas de consumir pero le hablé a mi madrina",
    "sobredosis de azúcar en la fiesta de mi sobrino",
    "una sobredosis de ternura con este video",
    "me di una sobredosis de Netflix este fin",
    "una sobredosis de café",
    "mi hermana es enfermera y ve muchas sobredosis",
    "recaí con el alcohol, regreso al día uno",
    # Endings and goodbyes that are not about life.
    "quiero terminar esta llamada temprano, perdón",
    "voy a terminar con mi ex para siempre",
    "terminemos aquí por hoy, buenas noches a todos",
    "me despido de todos hoy porque me gradúo del IOP el viernes",
    "tengo que terminar con mi dealer",
    "voy a acabar con todo el trabajo pendiente hoy",
    "no puedo ir al viaje este fin",
    "ya no puedo más con la tarea jaja",
    "no aguanto más este calor",
    "no puedo vivir sin café",
    "no quiero ir a trabajar mañana",
    "no quiero despertarme temprano mañana",
    "quiero desaparecer en un buen libro este fin",
    "no quiero estar aquí en el trabajo",
    "me quiero ir a mi casa ya",
    "ya me harté de la vida de ciudad, quiero mudarme al rancho",
    # Everyday chat.
    "sí, nos vemos en el grupo",
    "mi abuelita murió el año pasado y hoy está difícil",
    "me odio por olvidar su cumpleaños",
    "me siento con esperanza por primera vez en mucho tiempo",
    "estoy harta de este trabajo",
    "aquí sigo, aguantando",
    "la película terminó con todos muertos jaja",
    "me cansé de esperar el camión",
    "q onda, xq no viniste al grupo?",
]


# Written after the rules, in two rounds, and measured before any rule changed: the honest
# estimate of how the rules do on phrasings they were not written for. Round 1 (73 crisis, 77
# safe): recall 46/73 = 0.63, precision 46/52 = 0.88. Round 2 (46 crisis, 47 safe): recall 31/46
# = 0.67, precision 31/37 = 0.84. The rules were then improved and both rounds joined the
# measured set below; what still misses or misfires is listed in docs/safety.md.
HELD_OUT_CRISIS: list[tuple[str, str]] = [
    ("siento que ya no tiene caso seguir", SUICIDE),
    ("ya no tiene caso vivir", SUICIDE),
    ("a veces pienso que sería más fácil no estar", SUICIDE),
    ("estoy pensando en hacerme algo", SUICIDE),
    ("ya tengo todo planeado para este fin de semana", SUICIDE),
    ("creo que esta noche es la última vez que les escribo", SUICIDE),
    ("perdónenme por lo que voy a hacer", SUICIDE),
    ("quiero que esto se termine ya", SUICIDE),
    ("me siento como una carga para mi familia", SUICIDE),
    ("ya no le veo caso a nada", SUICIDE),
    ("me quiero quitar la vida", SUICIDE),
    ("ganas de aventarme del puente", SUICIDE),
    ("ando pensando en matarme otra vez", SUICIDE),
    ("siento que lo mejor es morirme", SUICIDE),
    ("morirme sería un alivio", SUICIDE),
    ("quisiera dormirme para siempre", SUICIDE),
    ("ojalá me diera un infarto y ya", SUICIDE),
    ("estoy buscando cómo suicidarme", SUICIDE),
    ("ya no quiero seguir en este mundo", SUICIDE),
    ("tengo pensamientos de muerte todo el día", SUICIDE),
    ("pienso en la muerte todo el tiempo", SUICIDE),
    ("intenté colgarme el año pasado", SUICIDE),
    ("me dan ganas de tirarme por la ventana", SUICIDE),
    ("no aguanto más esta vida", SUICIDE),
    ("la neta ya me quiero ir de aquí para siempre", SUICIDE),
    ("ya no quiero despertar", SUICIDE),
    ("sería mejor si no existiera", SUICIDE),
    ("todos estarían más tranquilos si me muero", SUICIDE),
    ("mi vida no vale nada", SUICIDE),
    ("quiero matarme", SUICIDE),
    ("me voy a matar hoy", SUICIDE),
    ("ya no quiero estar viva", SUICIDE),
    ("de verdad quiero morirme", SUICIDE),
    ("ya estuvo, me voy a suicidar", SUICIDE),
    ("tengo ideas de suicidio", SUICIDE),
    ("he pensado en el suicidio", SUICIDE),
    ("pienso que mi familia estaría mejor sin mi", SUICIDE),
    ("no tengo por qué seguir viviendo", SUICIDE),
    ("estoy harta de estar viva", SUICIDE),
    ("I want to die, neta ya no puedo", SUICIDE),
    ("bro ya me quiero morir fr", SUICIDE),
    ("me quiero dar un tiro", SUICIDE),
    ("ya no quiero vivir así", SUICIDE),
    ("ayer me volví a lastimar", SELF_HARM),
    ("tengo ganas de hacerme daño otra vez", SELF_HARM),
    ("me corté los brazos anoche", SELF_HARM),
    ("me quemé el brazo con un cigarro", SELF_HARM),
    ("me rasguñé hasta que sangré", SELF_HARM),
    ("estoy pensando en cortarme", SELF_HARM),
    ("no he podido dejar de cortarme", SELF_HARM),
    ("las cortadas de mis piernas se me infectaron", SELF_HARM),
    ("me estoy haciendo daño otra vez", SELF_HARM),
    ("me pegué en la cabeza a propósito", SELF_HARM),
    ("me di de golpes contra la pared", SELF_HARM),
    ("volví a autolesionarme", SELF_HARM),
    ("recaí, me volví a cortar", SELF_HARM),
    ("me golpeé hasta que me salieron moretones", SELF_HARM),
    ("escondí una navaja en mi cuarto para cortarme", SELF_HARM),
    ("me tomé la caja entera de clonazepam", OVERDOSE),
    ("me metí un chingo de pastillas", OVERDOSE),
    ("me tomé un puñado de pastillas", OVERDOSE),
    ("anoche casi me muero de sobredosis", OVERDOSE),
    ("me tomé todo lo que tenía en el botiquín", OVERDOSE),
    ("tengo ganas de tomarme todas las pastillas", OVERDOSE),
    ("mezclé las pastillas con tequila", OVERDOSE),
    ("me tomé el doble de mi dosis a propósito", OVERDOSE),
    ("voy a tomarme todo el frasco", OVERDOSE),
    ("me dieron narcan en la ambulancia", OVERDOSE),
    ("mi prima se murió de una sobredosis de fentanilo", OVERDOSE),
    ("me inyecté más de la cuenta", OVERDOSE),
    ("tomé de más de mis pastillas para dormir", OVERDOSE),
    ("me pasé de pastillas anoche", OVERDOSE),
    ("una vez me tomé un bote de pastillas para morirme", OVERDOSE),
    ("no sirvo para nada, mejor me muero", SUICIDE),
    ("estoy cansado de todo, ya no quiero seguir", SUICIDE),
    ("wey ya no aguanto, me quiero morir", SUICIDE),
    ("siento que ya no vale la pena seguir", SUICIDE),
    ("me gustaría no despertar mañana", SUICIDE),
    ("todo sería más fácil si yo no estuviera", SUICIDE),
    ("tengo un plan para matarme", SUICIDE),
    ("estoy juntando valor para quitarme la vida", SUICIDE),
    ("llevo días pensando en el suicidio", SUICIDE),
    ("no le encuentro sentido a nada", SUICIDE),
    ("quisiera irme a dormir y no despertar", SUICIDE),
    ("la verdad ya me quiero morir", SUICIDE),
    ("I'm done, ya me voy a quitar la vida", SUICIDE),
    ("si no fuera por mis hijos ya me hubiera matado", SUICIDE),
    ("a veces me dan ganas de aventarme al tráfico", SUICIDE),
    ("tengo ganas de desaparecer", SUICIDE),
    ("ya estoy harta de todo, quiero morirme", SUICIDE),
    ("sé cómo lo voy a hacer y cuándo", SUICIDE),
    ("ando bien depre, pienso en matarme", SUICIDE),
    ("no quiero seguir existiendo", SUICIDE),
    ("ojalá no despertara", SUICIDE),
    ("estoy pensando seriamente en suicidarme", SUICIDE),
    ("ayer intenté matarme con pastillas", SUICIDE),
    ("mi vida es una mierda, ya no quiero vivir", SUICIDE),
    ("me volví a rayar los brazos", SELF_HARM),
    ("me corté con una navaja anoche", SELF_HARM),
    ("tengo muchas ganas de cortarme hoy", SELF_HARM),
    ("me estuve quemando con el encendedor", SELF_HARM),
    ("me hago daño para sentir algo", SELF_HARM),
    ("me lastimo cuando estoy ansiosa", SELF_HARM),
    ("me arañé los brazos hasta que sangraron", SELF_HARM),
    ("otra vez con ganas de hacerme cortes", SELF_HARM),
    ("recaí en el cutting", SELF_HARM),
    ("me pegué con el cinturón", SELF_HARM),
    ("quiero volver a cortarme", SELF_HARM),
    ("me tomé como 15 pastillas de clonazepam", OVERDOSE),
    ("me tomé el bote entero de tylenol", OVERDOSE),
    ("tomé muchas pastillas anoche y me siento mal", OVERDOSE),
    ("creo que me tomé demasiado", OVERDOSE),
    ("estoy pensando en tomarme todas mis pastillas de golpe", OVERDOSE),
    ("casi me muero de una sobredosis el año pasado", OVERDOSE),
    ("me inyecté y casi no la cuento", OVERDOSE),
    ("tuvieron que darme narcan", OVERDOSE),
    ("mezclé pastillas con pisto", OVERDOSE),
    ("voy a meterme todo lo que tengo", OVERDOSE),
    ("mi compa se murió de sobredosis y quiero usar", OVERDOSE),
]

HELD_OUT_SAFE: list[str] = [
    "me muero de sueño, buenas noches",
    "ya me morí de cansancio jaja",
    "me muero por saber qué pasó",
    "este tráfico me va a matar",
    "me van a matar en el trabajo si llego tarde",
    "estoy que me muero de los nervios por la entrevista",
    "me morí de risa con tu historia",
    "qué flojera, me quiero morir jaja",
    "casi me matas del susto",
    "me cortaron las horas en el trabajo",
    "me corté las uñas",
    "me corté al rasurarme",
    "me corté con un cuchillo cocinando",
    "me quemé la lengua con el café",
    "me quemé haciendo la cena",
    "me lastimé el tobillo corriendo",
    "me golpeé con la puerta del carro",
    "me di un golpe en la cabeza con la alacena",
    "nunca pensaría en quitarme la vida",
    "no tengo ganas de morir, solo estoy triste",
    "ya no pienso en suicidarme, gracias al grupo",
    "no me he cortado en 2 meses",
    "hace un año que no me lastimo",
    "pensamientos de autolesión: ninguno",
    "ideas suicidas: no. ánimo: 5",
    "hoy no tengo ganas de hacerme daño",
    "no voy a tomarme las pastillas de más, lo prometo",
    "nunca he intentado suicidarme",
    "mi psicóloga me preguntó si quería morir y le dije que no",
    "tengo 60 días sin autolesiones",
    "ya van 2 años sin cortarme",
    "me tomé mis pastillas como me dijo el doctor",
    "se me olvidó tomarme las pastillas anoche",
    "me tomé una pastilla para el dolor",
    "me tomé 3 ibuprofenos",
    "me tomé todas las chelas de la hielera jaja",
    "tomé un montón de agua hoy",
    "tengo que tomar muchas medicinas para la presión",
    "le llevé narcan a mi hermano por si acaso",
    "aprendí a poner narcan",
    "una sobredosis de memes",
    "tengo una sobredosis de trabajo esta semana",
    "ya terminé con todo el papeleo",
    "terminé con mi novio anoche",
    "ya acabé con la tarea",
    "me despido, nos vemos el jueves",
    "adiós a todos, que descansen",
    "estoy cansada de trabajar tanto",
    "estoy harta de vivir con mi suegra",
    "quiero desaparecer unos días a la playa",
    "no quiero seguir con esta dieta",
    "ya no puedo más con el calor de Phoenix",
    "no aguanto más la espera",
    "no quiero vivir en Phoenix toda la vida",
    "no quiero despertar a los niños",
    "mi perro se murió y estoy triste",
    "mi abuelo se murió de cáncer",
    "me quiero morir de la risa con este video",
    "ando muerto, trabajé doble turno",
    "la fiesta estuvo de muerte",
    "esa serie está para morirse de buena",
    "me mataron con ese examen",
    "hay que matar el tiempo antes del grupo",
    "mi jefe me quiere matar jaja",
    "me quiero comer un pastel entero",
    "quiero cortar con mi novio",
    "corté con mi ex",
    "me corté el cabello corto, ¿les gusta?",
    "me duele todo, me lastimé en el trabajo",
    "me hice un corte de pelo nuevo",
    "me dieron un corte en el sueldo",
    "dejé de tomar mis pastillas",
    "voy a tirar las pastillas que ya no uso",
    "juntando dinero para el viaje",
    "ya no me quiero quedar en casa todo el día",
    "no tengo razón para quejarme",
    "qué sentido tiene pelear con él",
    "me muero de calor, qué horror",
    "me mata la curiosidad",
    "ya me mató este día",
    "si no como algo me muero",
    "me muero de la pena",
    "me voy a matar estudiando para el examen",
    "me estoy matando en el gym",
    "me quiero morir de lo bonito que está",
    "me corté el dedo con un vidrio",
    "me corté las puntas del pelo",
    "me corto el pelo cada mes",
    "me voy a cortar las uñas",
    "me quemé con el agua caliente",
    "me lastimé la muñeca en el trabajo",
    "me pegué con la esquina de la mesa",
    "no, nunca me he cortado",
    "jamás me haría daño, tengo a mis hijos",
    "hace 3 meses que no tengo pensamientos suicidas",
    "no estoy en peligro, solo triste",
    "ya no tengo ganas de cortarme desde que vengo al grupo",
    "ya pasó lo peor, ya no quiero morirme",
    "me preguntaron si me quería hacer daño y dije que no",
    "autolesiones: 0, ganas de consumir: 3",
    "el doctor me cambió las pastillas",
    "tengo que tomarme 4 pastillas al día",
    "tomé 12 horas de sueño jaja",
    "me tomé todas las vitaminas",
    "me tomé todo el jarabe para la tos",
    "mi sobrino se comió todos los dulces, sobredosis de azúcar",
    "vamos a matar el rato jugando lotería",
    "mi mamá dice que me va a matar si no llego temprano",
    "terminé con todo el trabajo",
    "ya me despido, que tengan buena semana",
    "les dejo una carta que escribí para mi adicción",
    "escribí una carta de despedida a mi adicción",
    "no puedo más de la risa",
    "no aguanto más, tengo que ir al baño jaja",
    "ya no puedo más con mis hijos, están insoportables",
    "quiero desaparecer de las redes un tiempo",
    "no quiero vivir con miedo",
    "ya me cansé de vivir a dieta",
    "prefiero morir de viejo en mi rancho",
    "estaría mejor sin mi celular",
    "nadie me extrañaría en esa fiesta jaja",
    "corrí 10 km hoy",
    "sí se puede, ánimo a todos",
    "me dio un ataque de pánico y sentí que me iba a morir",
]

ALL_CRISIS = CRISIS + HELD_OUT_CRISIS
ALL_SAFE = SAFE + HELD_OUT_SAFE

# Choices on ambiguous messages, kept here so the documented behaviour is tested. They follow
# the English decisions (test_crisis_detector.py) wherever Spanish allows.
DECISIONS = [
    ("me voy a matar si esta junta se alarga jaja", SUICIDE),  # hyperbole still fires
    ("si alguna vez piensas en el suicidio, llama al 988", SUICIDE),  # peers' support posts fire
    ("intenté suicidarme hace dos años", SUICIDE),  # past attempts fire
    ("mi amigo tuvo una sobredosis el mes pasado", OVERDOSE),  # someone else's overdose fires
    ("mátate", None),  # aimed at someone else: abuse, not the writer's crisis
    ("ojalá te mueras", None),
    ("mi amiga dice que se quiere matar", None),  # as English "she wants to kill herself"
    ("mi hija me dijo que se quiere morir", None),
    ("una sobredosis de café", None),  # harmless object after "sobredosis de"
    ("una sobredosis de fentanilo", OVERDOSE),
    ("me corté el pelo", None),  # something else is cut
    ("me corté con un papel", None),  # a paper cut is an accident
    ("me corté con un papel a propósito", SELF_HARM),  # "a propósito" overrides accidents
    ("me corto cuando estoy sola", SELF_HARM),
    ("mi novio me cortó", None),  # "me" + accented "-ó": someone else did it (a break-up)
    ("mi novio me corto", None),  # without the accent: "novio" in the sentence
    ("me voy a cortar las venas", SUICIDE),  # the veins are a suicide method, not self-harm
    ("ya no puedo más", SUICIDE),  # ends the clause: English "I can't do this anymore"
    ("ya no puedo más con la tarea", None),  # an object follows
    ("siento que me voy a morir", None),  # panic, not intent
    ("llamé a la línea de prevención del suicidio", SUICIDE),  # calling a crisis line fires
    ("anoche le marqué al 988", SUICIDE),
    ("caminata de prevención del suicidio", None),  # prevention talk does not
    ("esta es mi despedida", SUICIDE),
    ("esta es mi despedida del grupo, me dieron de alta", None),  # discharge, graduation
    ("bueno, ya me voy, me despido de todos", None),  # "me despido" also signs a message off
    ("6 meses libre de autolesiones", None),  # milestones: "sin", "libre de", "dejé de"
    ("llevo 30 días sin cortarme", None),
    ("recaí con el alcohol", None),  # a relapse into drinking is not crisis language
    ("recaí y me corté", SELF_HARM),
    ("me tomé demasiado", None),  # in Mexico "tomar" is to drink
    ("me tomé demasiadas", OVERDOSE),  # the feminine plural means pills
    ("pienso mucho en la muerte", SUICIDE),  # thoughts of death fire
    ("prefiero morir antes que volver a consumir", None),  # a recovery vow
    ("corrí 5 kms esta mañana", None),  # kilometres, not the English "kms"
    ("I want to die, neta ya no puedo", SUICIDE),  # Spanglish reads both ways
]

# Found by probing after the rules were written; kept out of the measured set above.
REGRESSIONS = [
    ("la película terminó con todos muertos jaja", None),  # "con todo" needs a word boundary
    ("ya no me quiero morir", None),
    ("no sé por qué me quiero morir", SUICIDE),  # "sé" is not a light word after "no"
    ("no puedo dejar de pensar en matarme", SUICIDE),
    ("nadie sabe que me quiero morir", SUICIDE),
    ("nunca pensé que diría esto pero me quiero morir", SUICIDE),
    ("x q no me muero ya", SUICIDE),
    ("toy pensando en matarme", SUICIDE),
    ("me quiero morir \U0001f62d", SUICIDE),  # an emoji ends the clause
    ("ya no puedo más \U0001f62d", SUICIDE),
    ("el narcan me salvó la vida", OVERDOSE),
    ("mi mamá me va a matar", None),
    ("el estrés va a matarme", None),
    ("voy a matarme estudiando", None),
    ("ayer me di un tiro en el pie con ese comentario jaja", None),
    ("quiero morir en paz algún día", None),
    ("me quemé con el cigarro de mi amigo sin querer", None),
    ("la Línea 988 de Prevención del Suicidio y Crisis: llama o envía un mensaje de texto", None),
    # Guards must name the idiom, not an everyday word near a real crisis.
    ("me corté otra vez porque mi novio me dejó", SELF_HARM),
    ("me corté otra vez después de la cena", SELF_HARM),
    ("me corté con un vidrio", SELF_HARM),
    ("me golpeo la cabeza contra la mesa", SELF_HARM),
    ("me lastimo cuando estoy en el trabajo y me estreso", SELF_HARM),
    ("me tomé todas las pastillas que me recetaron", OVERDOSE),
    ("me tomé demasiadas pastillas, no le digan al doctor", OVERDOSE),
    ("he estado juntando mis pastillas por si acaso", OVERDOSE),
    ("me tuvieron que poner narcan afuera de la farmacia", OVERDOSE),
    ("me quiero morir, siento mucha vergüenza por recaer", SUICIDE),
    ("no quiero ir a la plática de prevención, estoy pensando en suicidarme", SUICIDE),
    ("me despido de todos, gracias por todo, cuídense", SUICIDE),
    ("pensé en tomarme el cloro que uso para limpiar", SUICIDE),
    ("me voy a matar, es tanto cansancio", SUICIDE),
    ("me quemé con la plancha", None),
    ("me quemé con un cigarro después de la cena", SELF_HARM),
]


def test_the_spanish_set_is_big_enough_and_clean():
    texts = [text for text, _ in ALL_CRISIS] + ALL_SAFE
    assert len(ALL_CRISIS) >= 150 and len(ALL_SAFE) >= 150
    assert len(set(texts)) == len(texts)
    for crisis in (CRISIS, HELD_OUT_CRISIS):
        assert {category for _, category in crisis} == {SUICIDE, SELF_HARM, OVERDOSE}


@pytest.mark.parametrize(("text", "category"), DECISIONS + REGRESSIONS)
def test_documented_spanish_decisions(text, category):
    match = detect_crisis(text)
    assert (match and match.category) == category, match


@pytest.mark.parametrize(
    ("crisis", "safe"), [(CRISIS, SAFE), (ALL_CRISIS, ALL_SAFE)], ids=["written_first", "all"]
)
def test_spanish_recall_and_precision(crisis, safe):
    m = measure(crisis, safe)
    numbers = (
        f"recall={m['recall']:.3f} precision={m['precision']:.3f} "
        f"misses={m['misses']} false_positives={m['false_positives']}"
    )
    assert m["recall"] >= 0.95, numbers
    assert m["precision"] >= 0.95, numbers
    assert m["category_accuracy"] >= 0.9, m["wrong_category"]


def test_measure_reports_the_spanish_numbers():
    m = measure(ALL_CRISIS, ALL_SAFE)
    assert m["crisis_phrases"] == len(ALL_CRISIS) and m["safe_phrases"] == len(ALL_SAFE)
    assert all(detect_crisis(text) is None for text, _ in ALL_CRISIS if text in m["misses"])
    assert all(detect_crisis(text) is not None for text in m["false_positives"])


def test_spanish_rules_name_themselves_and_normalisation_holds():
    match = detect_crisis("YA NO QUIERO VIVIR")
    assert match == CrisisMatch(SUICIDE, "es_dont_want_to_live")
    assert match.rule.isidentifier() and match.rule == match.rule.lower()
    same = {detect_crisis(t) for t in ("me quiero morir", "me quiero morír", "me kiero moriiir")}
    assert same == {CrisisMatch(SUICIDE, "es_want_to_die")}
    assert detect_crisis("¿para qué seguir viviendo?") == detect_crisis("para q seguir viviendo")


def test_hostile_text_stays_cheap():
    """Long text built to make the guards backtrack ("en serio" is one light word and two)."""
    hostile = [
        ("no " + "en serio " * 400 + "xyz me quiero morir", SUICIDE),
        ("ni " * 1300 + "quiero matarme", None),  # "ni ... quiero": negated
        ("sin cortarme " * 300 + "recaí", SELF_HARM),
        ("me " * 2000, None),
    ]
    started = time.perf_counter()
    for text, category in hostile:
        match = detect_crisis(text)
        assert (match and match.category) == category
    assert time.perf_counter() - started < 2
