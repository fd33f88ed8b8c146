"""Crisis language in Spanish: suicide, self-harm and overdose. Rules only, no models.

`crisis.detect_crisis` runs these after the English rules, so every caller (room messages,
check-in notes) reads English, Spanish and Spanglish. The structure and the leaning are the
English rules' (see crisis.py): recall first, since the message is never blocked.

1. Normalise: lower-case; accents stripped ("vivír", "vivir"; "ñ" is "n"); "¿¡" dropped;
   letters repeated three or more times squeezed to two and to one (both variants run, as in
   English: "viviiir"); then texting words spelled out: "q"/"k" -> "que", "xq"/"pq" -> "porque",
   "x" -> "por", "d" -> "de", "kiero" -> "quiero", "toy" -> "estoy", "nadien" -> "nadie".
   Before the accents go, "me" + a hurting verb ending in "-ó" becomes "le": that accent marks
   someone else doing it ("mi novio me cortó" is a break-up, "me pegó la gripa" the flu).
2. Named rules per category. Spanish puts the person in the verb, so the rules need a
   first-person form ("matarme", "me voy a matar", "me corté", "me quiero morir") or an intent
   word before an infinitive ("quiero", "voy a", "ganas de", "pienso en"). That is what keeps
   the idioms out: "me mata el calor" and "va a matarme" are someone else, "me muero de risa"
   and "me voy a morir de hambre" say nothing of wanting to.
3. Guards on each hit: a negation governing it in its clause ("nunca me haría daño", "no tengo
   pensamientos de hacerme daño", "llevo 30 días sin cortarme", "libre de autolesiones", "dejé
   de cortarme"); a check-in answer after it ("ideación suicida: no", "... y le dije que no");
   per-rule idioms in its sentence (`_UNLESS`: "me quiero morir de la vergüenza", "me corté
   picando cebolla", "sobredosis de café"), which "a propósito" overrides; and rules that count
   only with a context word in their sentence (`_ONLY_WITH`: "recaí" next to cutting words,
   since a relapse into drinking is not crisis language).
The earliest hit in the text wins.

Decisions, consistent with the English rules: past attempts and someone else's overdose fire;
any mention of "suicidio" fires (a peer's "si piensas en el suicidio llama al 988" too), except
prevention talk; calling a crisis line ("le marqué al 988", "la Línea de la Vida") fires;
hyperbole fires ("me voy a matar si la junta se alarga jaja"); "mátate" and "ojalá te mueras" do
not (aimed at someone else), nor "mi amiga se quiere matar" (as English "kill herself"); "ya no
puedo más" and "ya no aguanto más" fire when they end the clause (English "I can't do this
anymore"), not before an object ("no aguanto más este calor"); "siento que me voy a morir" does
not (panic, not intent); "me corté" fires unless something else is cut (hair, nails, a finger,
with paper, while cooking or shaving); "cortarme las venas" is suicide, other cutting self-harm.
"""

import re
import unicodedata

# Pills and drugs as people in Phoenix name them ("blues" and "M30s" are fentanyl pills).
_DRUG = (
    r"(?:pastillas?|pastis|pildoras?|medicinas?|medicamentos?|meds|tabletas?|capsulas?"
    r"|calmantes?|antidepresivos?|somniferos?|clonazepam|clonas?|rivotril|alprazolam|xanax"
    r"|tafil|diazepam|valium|lorazepam|ativan|benzos?|tramadol|oxicodona|oxys?|percocets?|percs?"
    r"|fentanilo|fentas?|fenty|blues|m30s?|heroina|chiva|morfina|metadona|insulina|paracetamol"
    r"|tylenol|acetaminofen|ibuprofeno|aspirinas?|advil|litio|quetiapina|seroquel|trazodona"
    r"|gabapentina|sertralina|fluoxetina|zoloft|prozac|ambien|zolpidem|suboxone)"
)
_BOOZE = (
    r"(?:alcohol|chelas?|cervezas?|cheves?|caguamas?|tequila|vino|pisto|guaro|tragos?|mezcal"
    r"|vodka|whisky|ron|licor|bebidas?)"
)
_TAKE = (
    r"(?:(?:me )?(?:tome|tomo|trague|eche|meti|empine|aviente)|took|popped|tomandome"
    r"|(?:tom|trag|ech|met)arme|me (?:voy a |quiero |iba a )?(?:tomar|tragar|echar|meter))"
)
# Intent before an infinitive: "quiero matarme", "ganas de cortarme", "pienso en morirme".
_WANT = (
    r"(?:quiero|quisiera|queria|quise|he querido|deseo|desearia|me gustaria|ojala pudiera"
    r"|ganas de|pienso en|pienso|pense en|pensando en|he pensado en|pensar en|planeo|planeando"
    r"|list[oa] para|merezco|necesito|prefiero|want to|wanna)"
)
_PLAN = _WANT[:-1] + (
    r"|voy a|vo a|iba a|mejor|deberia|intente|intento|intentar|trate de|tratando de|a punto de"
    r"|decidi|(?:un )?plan (?:para|de)|valor para|gonna|going to)"
)
_FILL = r"(?:(?:ya|mejor|solo|nomas|mucho|en|seriamente|de una vez|otra vez|volver a) )*"
# A phrase ends its clause: end of text, punctuation or an emoji, after a little filler.
_END = (
    r"(?=(?: (?:neta|la verdad|en serio|de verdad|bro|we|wey|guey|ya|jaja\w*|lol|fr|tbh"
    r"|honestly|pues|ps))*\s*(?:[^\w\s]|$))"
)
_REFLEXIVE = (  # "me voy a cortar", "me volví a cortar", "me estoy cortando"
    r"(?:(?:voy a|vo a|iba a|quiero|quisiera|queria|volvi a|vuelvo a|he vuelto a|dan ganas de"
    r"|dieron ganas de|puse a|estoy|estaba|estuve|he estado|sigo|he|e) )?"
)
_HARMLESS = (  # "sobredosis de café" is a joke, not an overdose
    r"(?! de (?:\w+ )?(?:cafe|cafeina|azucar|dulces?|chocolate|pastel|pizza|netflix|series|tele"
    r"|anime|memes|tik ?tok|redes|sol|ternura|amor|trabajo|tarea|informacion|felicidad"
    r"|carbohidratos|tacos|comida|musica|futbol)\b)"
)

_RULES: dict[str, dict[str, str]] = {
    "overdose": {
        "es_overdose": r"\bsobre ?dos(?:is|ie|ificar\w*|ifique|ifico|ificando|ificad[oa])\b"
        + _HARMLESS,
        "es_od": r"\b(?:un|una|hacer|hago|hice|hizo|haciendo|casi|dio|tuve|tuvo) od\b" + _HARMLESS,
        "es_pills_binge": r"\b(?:me )?empastill\w*",
        # Large amounts only: "me tomé 2 tylenol" is a headache, "como 20 pastillas" is not.
        "es_took_quantity": rf"\b{_TAKE} (?:like |como |unas? |unos |mas de |casi |hasta )?"
        r"(?:tod[oa]s? (?:mis |las |los |el |la )?|el resto de (?:mis |las )?|un (?:monton|chingo"
        r"|puno|punado|bonche|buen|friego|madral) de (?:mis |las )?|muchas |muchisimas "
        rf"|demasiad[oa]s |\d\d+ )(?:\w+ )?{_DRUG}\b|\b{_TAKE} todo lo que (?:tenia|habia|encontre)"
        r" (?:en el botiquin|de (?:pastillas|medicinas)|en la casa)\b",
        "es_whole_bottle": rf"\b{_TAKE} (?:tod[oa] (?:el|la|mi) (?:frasco|bote|caja|botella"
        r"|blister|tira|receta|paquete)|(?:el|la|un|una|mi) (?:frasco|bote|caja|botella|blister"
        r"|tira|receta|paquete) (?:enter[oa]|complet[oa]))\b",
        "es_too_many": rf"\bdemasiad[oa]s (?:de )?(?:mis |las |los )?{_DRUG}\b"
        rf"|\b{_TAKE} demasiadas{_END}|\b(?:{_TAKE} )?(?:(?:mis|las|los) )?{_DRUG} de mas\b"
        r"|\b(?:de mas|mas de la cuenta) de"
        rf" (?:mis |las |los )?{_DRUG}\b|\b(?:el )?(?:doble|triple) de (?:mi|la) dosis\b"
        r"|\bme inyecte (?:\w+ )?(?:mas de la cuenta|de mas|demasiad\w*)"
        rf"|\bme pase (?:con|de) (?:(?:la|mi|las) dosis|(?:mis |las |los |el |la )?{_DRUG})\b",
        "es_mix_with_alcohol": rf"\bmezcl\w*\b[^.!?,]{{0,30}}\b(?:{_DRUG}[^.!?,]{{0,20}}\b{_BOOZE}"
        rf"|{_BOOZE}[^.!?,]{{0,20}}\b{_DRUG})\b",
        "es_drug_to_die": rf"\b{_DRUG}\b[^.!?]{{0,40}}?\b(?:para|pa|y|hasta) (?:no (?:volver a )?"
        r"despertar|ya no despertar|nunca despertar|morir(?:me)?|matarme|quitarme la vida"
        r"|acabar con (?:todo|mi vida)|que me muera|dormir(?:me)? para siempre)\b"
        r"|\b(?:usar|consumir|meterme|inyectarme|drogarme|tomar|beber|pistear|chupar) hasta"
        r" (?:morir(?:me)?|que me muera|no despertar|ya no despertar|matarme)\b",
        "es_use_everything": r"\b(?:meterme|inyectarme|fumarme|usar|consumir|me (?:voy a|quiero)"
        r" meter) todo (?:lo que tengo|de una vez|de golpe|junto|el (?:fentanilo|fenta|fenty"
        r"|cristal|chiva|polvo|perico))\b",
        "es_stockpiling": r"\b(?:juntando|junte|junto|acumulando|acumule|guardando|ahorrando"
        rf"|escondiendo) (?:todas )?(?:mis |las |los )?{_DRUG}\b(?! (?:en|dentro|debajo|bajo)\b)",
        # Being revived with naloxone means an overdose happened; carrying it does not.
        "es_narcanned": r"\bme (?:pusieron|dieron|aplicaron|inyectaron|echaron|tuvieron que"
        r" (?:poner|dar|aplicar|usar|inyectar)) (?:el |la |un |una )?(?:narcan|naloxona)\b"
        r"|\b(?:narcan|naloxona) me (?:salvo|revivio|regreso|trajo)\b"
        r"|\bme revivieron con (?:el |la )?(?:narcan|naloxona)\b|\bme narcan\w+"
        r"|\btuvieron que (?:darme|ponerme|aplicarme|inyectarme) (?:el |la )?(?:narcan|naloxona)\b",
    },
    "self_harm": {
        "es_self_harm": r"\bauto[- ]?(?:lesi|agresi|mutil|dan)\w*",
        # "me corté" is the writer; "se me cortó" the call. Objects that are not self-harm and
        # "las venas" (suicide, below) are left out.
        "es_cut_myself": rf"\b(?<!se )(?:me {_REFLEXIVE}cort(?:e|o|aba|ando|ado|ar|are)"
        r"|cortarme|cortandome)\b(?! (?:el|la|los|las|mi|mis|un|una|unos) (?:pelo|cabello|fleco"
        r"|flequillo|barba|bigote|unas|patillas|puntas|dedos?|pies?|mano|labio|lengua|menton"
        r"|cara|llamada|internet|luz|senal|wifi|agua|cable)\b| las venas\b| con (?:mi|el|la|los"
        r"|las) (?:novi[oa]|ex|pareja|gente|amig\w*)\b)",
        "es_cuts": r"\b(?:me hice|me hago|hacerme|tengo|tenia|mis) (?:unas |mas |muchas |nuevas )?"
        r"(?:cortadas|cortes|heridas)\b(?! de (?:pelo|cabello|luz|agua))"
        r"|\b(?:cortadas|cortes) (?:nuev[oa]s|fresc[oa]s|profund[oa]s|(?:de|en) (?:mis|los|las)"
        r" (?:brazos|piernas|munecas|muslos))\b",
        "es_cutting_spanglish": r"\b(?:hacer|haciendo|hice|hago|el|del|al|estoy|con el) cutting\b"
        r"|\bcutting (?:otra vez|de nuevo)\b|\bsh (?:otra vez|de nuevo)\b"
        r"|\b(?:ganas de|recai en|recaida de|recaida en) (?:hacer )?sh\b",
        "es_hurt_myself": rf"\b(?:hacerme dano|me {_REFLEXIVE}(?:ha[cg]\w*|hic\w*|hiz\w*"
        r"|har\w*) dano"
        rf"|lastimarme|lastimandome|me {_REFLEXIVE}lastim(?:o|e|aba|ando|ado|ar|are)"
        r"|rasgunarme|aranarme|golpearme"
        r"|me golpe(?:o|e|aba|ando)|(?:me (?:di|doy|daba)|darme) de golpes|me rasgun(?:o|e|aba"
        r"|ando)|me aran(?:o|e|aba|ando)"
        r"|pegarme(?! un (?:tiro|balazo|plomazo|disparo))|me peg(?:o|ue) (?:a mi mism[oa]"
        r"|yo mism[oa]|en la cabeza|contra))\b",
        "es_burn_myself": rf"\b(?:quemarme|me {_REFLEXIVE}quem(?:o|e|aba|ando|ado|ar))\b",
        "es_scratch_lines": rf"\b(?:me {_REFLEXIVE}ray(?:e|o|aba|ando|ar)|rayarme) (?:los|las|mis)"
        r" (?:brazos|piernas|munecas|muslos|piel)\b",
        "es_bleed": r"\b(?:quiero|ganas de|necesito) (?:ver )?sangr(?:ar|e)\b|\bhasta (?:sangrar"
        r"|que (?:me )?sangr\w+|sacarme sangre|hacerme sangre|ver sangre)\b",
        "es_razor": r"\b(?:saque|agarre|tengo|traigo|compre|busque) (?:la|una|mi|las|unas|mis)"
        r" (?:navajas?|cuchillas?|gillette|hojas? de afeitar|rastrillos?) (?:otra vez|de nuevo"
        r"|para cortarme|para lastimarme)\b",
        "es_relapse": r"\b(?:reca(?:i|ida|ido)|volvi a caer|relapse\w*)\b",
    },
    "suicide": {
        "es_kill_myself": rf"\b{_PLAN} {_FILL}matarme\b|\bme (?:voy a|vo a|iba a|quiero|quisiera"
        r"|queria|quise|he querido|dan ganas de|dieron ganas de|pienso|intente|trate de|he"
        r" intentado|tengo que) matar\b|\b(?<!que )me mat(?:o|e|are)\b"
        r"|\bya me (?:hubiera|habria) (?:matado|suicidado|quitado la vida)\b"
        # "Hacerme algo" is how many say it without saying it.
        rf"|\b(?:{_PLAN} {_FILL}hacerme|me (?:voy a|quiero|puedo) hacer) algo(?: malo)?{_END}",
        "es_death_thoughts": r"\bpensamientos (?:de|sobre) (?:la )?muerte\b|\bpienso (?:mucho |todo"
        r" el tiempo |siempre )?en (?:la muerte|morir(?:me)?)\b",
        "es_suicide": r"\bsu[iy]?[cs]+i?d(?:io|ios|a|as|arme|arse|arte|arnos|ar|ad[oa]|aria|are"
        r"|o)\b"
        r"|\bme su[iy]?[cs]+i?de\b",
        "es_want_to_die": rf"\b(?:me )?{_WANT} {_FILL}morir(?:me)?\b",
        "es_wish_dead": r"\bojala (?:ya )?(?:me muera|me muriera|muriera|estuviera muert[oa]"
        r"|no hubiera nacido|nunca hubiera nacido|no existiera|no (?:despierte|despertar|despertara"
        r"|despertase)|no amanezca|me atropell\w*|me choque\w*|desaparecer"
        r"|me (?:de|diera|pegue|pegara) (?:algo|un infarto|un paro|cancer))\b"
        r"|\bpor que no me (?:muero|mori)\b"
        r"|\b(?:quisiera|desearia|me gustaria|prefiero|preferiria|quiero) (?:estar muert[oa]"
        r"|no (?:haber nacido|existir|estar viv[oa]|despertar)|no haber existido)\b",
        "es_better_off_without_me": r"\b(?:estarian|estaria|estarias|vivirian|serian|seria)"
        r" (?:todos )?(?:mas (?:felices|tranquil[oa]s|a gusto|facil)|mejor"
        r"|en paz) (?:sin mi(?= (?:y|pero|la verdad|neta|lo se|creo"
        rf"|todos)\b|{_END})|si (?:yo )?(?:no (?:estuviera|existiera|hubiera nacido)|me muero"
        r"|me muriera|desaparezco|desapareciera|ya no estoy|ya no estuviera))"
        r"|\bmejor (?:me muero|muert[oa]|estar muert[oa]|me mato)\b|\bestaria mejor muert[oa]"
        r"|\b(?:soy|me siento(?: como)?|siento que soy) (?:solo |nada mas |nomas )?una carga\b"
        r"|\bya no (?:voy a|vas a) ser una carga\b|\b(?:seria|es) (?:mas facil|mejor) no (?:estar"
        r"|existir|vivir|despertar)\b|\b(?:lo )?mejor (?:seria |es )?morir(?:me)?\b"
        r"|\bmorir(?:me)? (?:seria|es) (?:un alivio|lo mejor|mas facil|la solucion|la salida)\b",
        "es_nobody_would_miss_me": r"\bnadie (?:me )?(?:extranaria|extranara|va a extranar"
        r"|echaria de menos|notaria|se daria cuenta|se va a dar cuenta|va a notar|lloraria)"
        r"|\ba nadie le (?:importaria|va a importar|importa|importara) si (?:me muero|muero"
        r"|me mato|desaparezco|vivo o muero|ya no estoy)"
        r"|\b(?:no me importa|me da igual|me vale(?: madre| verga)?) (?:si )?(?:vivir o morir"
        r"|vivo o muero|me muero|morir(?:me)?)\b",
        "es_no_reason_to_live": r"\bno (?:tengo|hay|encuentro|veo) (?:\w+ )?(?:razon|razones"
        r"|motivos?|por que|porque|para que|sentido) (?:\w+ )?(?:(?:para|de|pa|en) )?(?:vivir"
        r"|seguir|estar viv[oa]|existir)\b|\bnada por (?:que|lo que|quien) vivir\b"
        r"|\b(?:que|cual es el) sentido (?:tiene|de) (?:vivir|seguir|la vida|estar viv[oa])"
        r"|\bpara que (?:seguir(?: viviendo| vivo| viva| aqui| asi)?|sigo(?: viviendo| vivo"
        rf"| viva| aqui)?|vivir|vivo|existo|estoy viv[oa]){_END}"
        r"|\bno (?:le )?(?:veo|encuentro|tiene) (?:ningun )?sentido (?:a |en )?(?:la vida|vivir"
        r"|seguir|existir|nada)\b|\b(?:la|mi) vida no (?:tiene sentido|vale la pena|vale nada)"
        r"|\bno (?:tiene|le veo|le encuentro) (?:ningun )?caso (?:vivir|seguir(?: viviendo| aqui"
        rf"| asi)?{_END}|a (?:la vida|vivir|seguir|nada))|\bya nada tiene caso{_END}"
        r"|\bno vale la pena (?:vivir|seguir)\b|\bvivir no vale la pena"
        rf"|\bya nada tiene sentido{_END}",
        "es_dont_want_to_live": r"\b(?:ya )?no (?:quiero|quisiera|tengo ganas de"
        r"|deseo) (?:seguir )?"
        r"(?:vivir|viviendo|existir|existiendo|estar viv[oa]|seguir con vida)\b(?! (?:en|con|sin"
        r"|cerca|lejos|aqui|alla)\b)|\b(?:ya )?no (?:quiero|quisiera) (?:estar|seguir) (?:aqui|aca)"
        rf"(?= ya| mas| nunca| en este mundo| en esta vida|{_END})|\bno (?:quiero"
        r"|quisiera) (?:estar"
        rf"|seguir) en este mundo|\b(?:ya )?no (?:quiero|quisiera) seguir(?= asi| ya| mas|{_END})"
        r"|\bdejar de (?:existir|vivir)\b|\b(?:me quiero|quiero|quisiera) ir(?:me)? de este mundo"
        r"|\b(?:me quiero|quiero|quisiera) ir(?:me)? (?:de aqui )?para siempre\b",
        "es_not_wake_up": r"\b(?:no|nunca|ya no|jamas) (?:quiero |quisiera )?(?:volver a )?"
        rf"despertar(?:me)?(?= nunca| jamas| mas| otra vez| manana{_END}|{_END})"
        r"|\bdormir(?:me)? (?:y|para) (?:no|nunca|ya no) (?:volver a )?despertar|\bdormirme para"
        r" siempre\b",
        "es_end_my_life": r"\b(?:quitarme|me (?:voy a |vo a |quiero |iba a |pienso |intente "
        r"|trate de |he intentado |quise )?quitar|me quite) la vida\b|\b(?:acabar|terminar) con mi"
        r" (?:propia )?vida\b|\b(?:ponerle|poner|ponerme) fin a (?:mi vida|todo|mi sufrimiento)\b"
        # Infinitives only: "terminó con todo" without its accent is "termino", someone else.
        r"|\b(?:acabar|terminar) con todo\b(?! (?:el|la|lo|los|las|mi|mis|tu|su)\b)"
        r"|\b(?:quiero|quisiera|ojala) que (?:todo |esto )?(?:se )?(?:acabe|termine)"
        rf"(?: todo)?(?: ya| de una vez)?{_END}",
        "es_crisis_line": r"\b(?:llame|marque|hable|escribi|mande (?:un )?mensaje|textee)\b"
        r"[^.!?]{0,30}\b(?:linea de la vida|linea de (?:crisis|prevencion)|linea 988|988"
        r"|crisis line|hotline)\b",
        "es_goodbye": r"\bme despido de (?:todos|todas|ustedes|todo el mundo|mi familia|la vida"
        r"|este mundo)\b|\besta es mi despedida\b|\badios (?:a todos )?para siempre\b"
        r"|\badios mundo\b|\b(?:es|sera) la ultima vez que (?:les escribo|me ven|me leen|hablo con"
        r" ustedes|me van a ver)\b|\bperdon\w* (?:por|x) lo que (?:voy a|estoy por) hacer\b",
        "es_goodbye_note": r"\b(?:carta|nota|mensaje) de despedida\b|\b(?:escribi|deje|tengo lista)"
        r" (?:una|mi|la) (?:carta|nota)(?= (?:para|a) (?:todos|mi familia|mis hijos|mi mama"
        r"|mi esposa|mi esposo|mis papas)\b)",
        "es_giving_away": r"\b(?:regal|repart)\w* (?:todas )?(?:mis cosas|todo lo que tengo"
        r"|mis pertenencias)\b",
        "es_method": r"\bahorcarme\b|\bme (?:voy a |quiero |iba a |intente "
        r"|dan ganas de )?ahorcar\b"
        r"|\bcolgarme (?:de|del) (?:un|una|el|la) (?:arbol|viga|techo|cuerda|puerta|closet"
        rf"|ropero|regadera)\b|\b{_PLAN} {_FILL}colgarme\b(?! (?:del|de la) (?:wifi|internet|senal"
        r"|luz|llamada))|\b(?:pegarme|darme|meterme|me (?:voy a |quiero )?(?:pegar|dar|meter)"
        r"|me pego|me doy) un (?:tiro|balazo|plomazo|disparo)\b|\bdispararme\b|\bme (?:voy a"
        r" |quiero )disparar\b|\bvolarme (?:los sesos|la cabeza|la tapa)\b|\b(?:pistola|arma)"
        r" (?:en|a) (?:la|mi) (?:cabeza|sien|boca)\b"
        r"|\b(?:tirarme|aventarme|lanzarme|arrojarme|echarme|me (?:voy a|quiero|dan ganas de"
        r"|iba a) (?:tirar|aventar|lanzar|arrojar|echar)) (?:de|del|desde|al|a la|a las|a los"
        r"|enfrente de|frente a|debajo de|por) (?:un |una |el |la |los |las |mi )?(?:puente"
        r"|edificio"
        r"|techo|azotea|balcon|ventana|tren|metro|vias|camion|trailer|carros?|autopista|freeway"
        r"|acantilado|barranco|precipicio|rio|presa|canal|trafico|carretera)\b"
        r"|\b(?:cortarme|abrirme|me (?:voy a |quiero |iba a )?cortar|me corte|me corto) las venas"
        r"|\b(?:envenenarme|me (?:voy a |quiero )envenenar)\b|\b(?:tomarme|beberme|tragarme"
        r"|me tome|me trague|me voy a tomar) (?:(?:el|un|una) )?(?:veneno|cloro|raticida"
        rf"|matarratas|insecticida|anticongelante)\b|\b{_PLAN} {_FILL}(?:estrellarme|estrellar"
        r" (?:el|mi) (?:carro|coche|auto|troca|camioneta))|\bahogarme\b(?! en (?:trabajo|deudas"
        r"|tarea|papeles|pendientes))|\bme (?:voy a|quiero) ahogar\b",
        "es_means_ready": r"\b(?:tengo|ya tengo|compre) (?:la|una|el|un) (?:cuerda|soga|pistola"
        r"|arma) (?:lista|listo|preparada|preparado|para mi)\b",
        "es_ways_to_die": r"\b(?:formas?|maneras?|metodos?|como) (?:de |para )?(?:morir|matarme"
        r"|suicidarme|suicidarse|quitarme la vida)\b(?! de (?:mi|su|tu)\b)",
        "es_done_with_life": r"\b(?:cansad[oa]|hart[oa]|fastidiad[oa]|me canse|me harte) de"
        r" (?:vivir(?! (?:en|con|sin|a|de|bajo|asi de|aqui|lejos|cerca|sol[oa])\b)|existir"
        r"|estar viv[oa]"
        rf"|la vida{_END})",
        "es_disappear": rf"\b(?:{_WANT}|solo quiero) {_FILL}desaparecer(?= para siempre"
        rf"| de este mundo| de la faz de la tierra| de una vez| y ya|{_END})",
        "es_cant_go_on": r"\b(?:ya )?no (?:puedo|aguanto|soporto) mas(?= con (?:esto|todo|mi vida"
        rf"|la vida|esta vida|nada|este dolor)\b|{_END})|\bya no (?:aguanto|soporto|puedo){_END}"
        r"|\bno (?:puedo|aguanto|quiero) seguir (?:asi|viviendo asi|viviendo|con esta vida"
        rf"|con mi vida)(?= ya| mas|{_END})|\bno (?:puedo|aguanto|soporto) (?:mas )?(?:esta vida"
        rf"|mi vida|vivir asi)(?= ya| mas|{_END})",
    },
}

# Idioms and ordinary talk that cancel a rule's hit when found in the same sentence. They name
# the idiom or the accident, never a word that could sit next to a real crisis ("mi novio",
# "el doctor", "la cena", "vergüenza"): a guard that is too wide silences someone.
_ACCIDENT = (
    r"accidente|sin querer|por error|gym|gimnasio|jugando|futbol|ejercicio|corriendo|entrenando"
    r"|me cai|caida|resbal|escalera|cocinando|cocinar|picando|cebolla|jitomate|tomate|rasur"
    r"|afeit|papel|lata\b|trabajando|jardin"
)
_UNLESS: dict[str, str] = {
    # "Como me las recetaron" is adherence; "las pastillas que me recetaron" is not.
    "es_took_quantity": r"como (?:me )?(?:las |los |lo |la )?(?:recet|indic|dijo|dijeron|mand)"
    r"|segun (?:la )?(?:receta|indicaciones)|a tiempo|en la manana|en la noche|cada (?:manana"
    r"|noche|dia)|todos los dias|diario|con (?:la )?comida|en ayunas|despues de (?:comer"
    r"|desayunar|cenar)|olvid|acord|por mi (?:diabetes|presion|enfermedad|dolor|condicion"
    r"|corazon)",
    "es_whole_bottle": r"(?:botella|caja|frasco) (?:\w+ )?de (?:vino|agua|tequila|refresco|jugo"
    r"|cerveza|whisky|vodka|mezcal|ron|leche|cereal|galletas|mermelada|salsa|miel)",
    "es_too_many": r"\b(?:me (?:recetaron|recetan|dieron|dan|tienen con|mandaron|subieron)"
    r"|estoy en) (?:\w+ )?(?:demasiad|el doble|al doble|el triple|al triple)"
    r"|(?:doctor|doctora|medico|psiquiatra) me (?:subio|receto|dio|dijo|mando)",
    "es_stockpiling": r"para el viaje",
    "es_narcanned": r"\bkits?\b|entrenamiento|taller|curso|gratis|para (?:cargar|tener|llevar)",
    # "mi novio me corto" without its accent: someone else, a break-up.
    "es_cut_myself": _ACCIDENT + r"|(?:novi[oa]|\bex|pareja|\bel|\bella) me cort(?:o|aron)\b",
    "es_cuts": _ACCIDENT + r"|gato|perro",
    "es_hurt_myself": _ACCIDENT
    + r"|basket|rodilla|espalda|tobillo|hombro|cuello|dedo chiquito|\bcon (?:la|el) (?:puerta"
    r"|cama|mesa|esquina|mueble|alacena)\b|\bme (?:lastime|hice dano|golpee) (?:\w+ ){0,2}en el"
    r" (?:trabajo|partido)|\b(?:solo|nomas|nada mas) me (?:hago|estoy haciendo) dano"
    r"|\bsolo me lastimo",
    "es_burn_myself": _ACCIDENT
    + r"|comal|estufa|sarten|plancha|horno|olla|aceite|agua caliente|vapor|\bcafe|\bte\b|sopa"
    r"|lengua|haciendo (?:la )?(?:cena|comida|desayuno)|tortillas|\bsol\b|playa|alberca|piscina"
    r"|bloqueador",
    "es_kill_myself": _ACCIDENT + r"|estudi|chamba|de (?:la )?risa|riendo|de hambre"
    r"|de cansancio|susto|de (?:un )?coraje",
    "es_want_to_die": r"\bde (?:la )?(?:risa|verguenza|pena|hambre|sueno|ganas|frio|calor"
    r"|aburrimiento|miedo|nervios|envidia|celos|flojera|cansancio|amor)|\bpor (?:ver\w*|ir"
    r"|saber|comer|conocer|unos?|unas?)\b|\bque (?:oso|pena|verguenza)\b|aburrid|cringe"
    r"|flojera|\bde lo \w+ que\b|\bde (?:viej|pie\b)|algun dia"
    r"|antes (?:que|de) (?:volver a|recaer)",  # "prefiero morir antes que volver a consumir"
    "es_nobody_would_miss_me": r"\ben (?:esa|la|esta|el|ese) (?:fiesta|reunion|boda|junta|clase"
    r"|carne asada|pachanga)",
    # Prevention talk: "prevención del suicidio", not "prevención" anywhere in the sentence.
    "es_suicide": r"(?:prevencion|prevenir|prevengamos|concientizacion)(?: \w+){0,2}"
    r" su[iy]?[cs]+id",
    # "Me despido" also signs a message off, when the writer says they will be back.
    "es_goodbye": r"gradu|me mudo|mudanza|me cambio|de alta|ultim[oa] (?:dia|sesion|semana|grupo"
    r"|junta)|vacaciones|nuevo trabajo|de viaje|otro grupo|por hoy|buenas noches|hasta (?:el"
    r"|manana|luego|la proxima)|ya me voy|me voy a dormir|nos vemos",
    "es_goodbye_note": r"(?:para|a) (?:mi|la|el) (?:adiccion|droga|alcohol|vicio|cristal|botella)",
    "es_giving_away": r"mud|cochera|garage|venta|limpi",
}
# Hurting words on purpose are never an accident: "me corté con un papel a propósito".
_ON_PURPOSE = re.compile(r"\ba proposito\b")
# A hit counts only with one of these in its sentence.
_ONLY_WITH: dict[str, str] = {
    "es_relapse": r"cort|autoles|lastim|hacerme dano|navaja|cuchilla|sangr|cutting|\bsh\b|quem",
}

# A negation governs a hit when only light words stand between them: "nunca me haría daño",
# "no tengo pensamientos de hacerme daño", "sin cortarme"; not "no sé por qué me quiero morir".
_LIGHT = (
    r"me|te|lo|la|le|se me|a|al|de|del|en|que|ya|mas|nunca|jamas|ni|voy|iba|quiero|quisiera"
    r"|queria|quise|tengo|tenia|tuve|tenido|he|ha|has|habia|hubiera|haria|hare|podria|intentaria"
    r"|intentado|intentar|intente|tratado"
    r"|pensaria|querria|deberia|pensado|pensando|pienso|pensar|pensamientos?|ideas?|ganas"
    r"|intencion|intenciones|planes|plan|deseos?|el|los|las|un|una|nada|ninguna|ningun|otra|vez"
    r"|volver|volvi|vuelto|hacer|hacerlo|estoy|estado|sido|seria|siento|hoy|ahora|esta|este"
    r"|noche|semana|dia|actualmente|realmente|para|activos?|pasivos?|serios?|seriamente|mucho"
    r"|muchos|alguna|algun|siquiera|por|eso|ocurri\w*|tan|tanto|es|sea|creo|verdad|serio"
)  # single words only: "en serio" as one item and as two would backtrack exponentially
_NEGATED = re.compile(
    r"\b(?:no|nunca|jamas|ni|tampoco|sin|cero|ningun|ninguna|nada de|dej[eo] de|he dejado de"
    rf"|libres? de|limpi[oa]s? de)(?: (?:{_LIGHT}))* ?$"
)
_ANSWERED_NO = re.compile(
    r"^(?: \w+){0,2} ?[:=-] ?(?:no|ninguno|ninguna|nada|nop|nel|negativo|0|cero)\b"
    r"|\by (?:le |les )?(?:dije|conteste|respondi) que no\b"
)
_NEAR = 300  # characters around a hit that its guards read
_COMPILED = [
    (
        category,
        name,
        re.compile(pattern),
        re.compile(_UNLESS[name]) if name in _UNLESS else None,
        re.compile(_ONLY_WITH[name]) if name in _ONLY_WITH else None,
    )
    for category, rules in _RULES.items()
    for name, pattern in rules.items()
]

# One search with every rule as an alternative first: most posts match none (crisis.py says why).
_ANY_RULE = re.compile("|".join(f"(?:{rule[2].pattern})" for rule in _COMPILED))

_TEXTING = {
    **dict.fromkeys(("q", "k", "ke", "qe", "q'"), "que"),
    **dict.fromkeys(("xq", "pq", "xk", "pk", "porq", "porke", "xque", "pqe"), "porque"),
    "x": "por",
    "d": "de",
    **dict.fromkeys(("pa", "pa'"), "para"),
    **dict.fromkeys(("kiero", "qiero", "kero", "qero", "quero"), "quiero"),
    **dict.fromkeys(("kisiera", "qisiera", "quisiera"), "quisiera"),
    **dict.fromkeys(("toy", "stoy", "estoi", "toi"), "estoy"),
    **dict.fromkeys(("voi", "boy"), "voy"),
    "nadien": "nadie",
    **dict.fromkeys(("ia", "lla"), "ya"),
    **dict.fromkeys(("aser", "acer"), "hacer"),
    "ise": "hice",
    "bida": "vida",
    "bivir": "vivir",
}
# "me cortó", "me pegó", "me mató": the accent says someone else did it.
_SOMEONE_ELSE = re.compile(r"\bme (?=(?:cort|golpe|lastim|quem|peg|mat|hiri|ahorc|dispar)\w*ó\b)")


def _normalise(text: str) -> list[str]:
    text = text.lower().translate(
        str.maketrans("\u2018\u2019\u02bc\u00b4`\u201c\u201d\u00bf\u00a1", "'''''\"\"  ")
    )
    text = _SOMEONE_ELSE.sub("le ", text)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = re.sub(r"\s+", " ", re.sub(r"\u2026|\.{2,}", " ", text)).strip()
    squeezed = {re.sub(r"([a-z])\1{2,}", r"\1\1", text), re.sub(r"([a-z])\1{2,}", r"\1", text)}
    spelled = {re.sub(r"[a-z']+", lambda m: _TEXTING.get(m[0], m[0]), t) for t in squeezed}
    return sorted(spelled, key=len, reverse=True)


def _piece(text: str, start: int, end: int, boundary: str) -> tuple[str, str]:
    """The text before and after the hit, within its clause or sentence (cut at `boundary`)
    and within `_NEAR` characters: hostile text without punctuation stays cheap to guard."""
    low = max(0, start - _NEAR)
    cuts = [m.end() for m in re.finditer(boundary, text[low:start])]
    after = text[end : end + _NEAR]
    stop = re.search(boundary, after)
    return text[low + (cuts[-1] if cuts else 0) : start], after[: stop.start() if stop else None]


def _guarded(text: str, m: re.Match, unless: re.Pattern | None, only: re.Pattern | None) -> bool:
    before, after = _piece(text, m.start(), m.end(), r"[.!?;,]|\b(?:pero|aunque|sino|but)\b")
    if _NEGATED.search(before.strip()) or _ANSWERED_NO.search(after):
        return True
    before, after = _piece(text, m.start(), m.end(), r"[.!?;]")
    sentence = before + m.group() + after
    if only and not only.search(sentence):
        return True
    return bool(unless and unless.search(sentence) and not _ON_PURPOSE.search(sentence))


def detect_spanish(text: str) -> tuple[tuple[str, str] | None, bool]:
    """(the first crisis signal in Spanish in `text` as (category, rule name), or None;
    whether any rule matched before its guards)."""
    matched = False
    for variant in _normalise(text or ""):
        if not _ANY_RULE.search(variant):
            continue
        matched = True
        # Earliest first (ties: the rule listed first); guard only until one stands.
        hits = sorted(
            (m.start(), index, m)
            for index, (_, _, pattern, _, _) in enumerate(_COMPILED)
            for m in pattern.finditer(variant)
        )
        for _, index, m in hits:
            category, name, _, unless, only = _COMPILED[index]
            if not _guarded(variant, m, unless, only):
                return (category, name), True
    return None, matched
