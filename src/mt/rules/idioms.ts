/**
 * Russian idioms that machine translation renders word for word ("Duck" for утка, a false
 * report). Each entry: a pattern for the literal English rendering in the context that marks it
 * as the idiom (so that "lame duck" or a duck on a pond is not taken), the Russian idiom, what it
 * means, and where that meaning is documented.
 *
 * Sources: Wiktionary entries of the Russian idioms (CC BY-SA; the meanings, not the text, are
 * used) and, where named, the Russian Wikipedia. Patterns are case-insensitive; group 1, where
 * present, is the span reported (the idiom word itself), else the whole match.
 */
export interface IdiomEntry {
  readonly id: string;
  readonly pattern: RegExp;
  readonly russian: string;
  readonly meaning: string;
  readonly source: string;
  /** Lower-case strings that every match contains (any one of them), to skip texts cheaply. */
  readonly cues: readonly string[];
}

const WT = (ru: string): string => `Wiktionary: ${ru}`;
const Q = `["“”«»„'‘’]`;

export const IDIOMS: readonly IdiomEntry[] = [
  {
    id: 'utka-quoted', cues: ['duck'],
    // "Duck" in quotation marks, or called/is a (newspaper) duck.
    pattern: new RegExp(`(${Q}\\s?(?:newspaper |media |information )?duck\\s?${Q})(?!\\w)`, 'iu'),
    russian: 'утка',
    meaning: 'canard (a false report)',
    source: WT('утка (sense: a false rumour, canard); газетная утка'),
  },
  {
    id: 'utka-called', cues: ['duck'],
    pattern: /\b(?:called|calls|call|calling|dubbed|labell?ed|branded|termed)\s+(?:it|this|that|these|them|the\s+\w+|that\s+\w+|this\s+\w+)?\s*(?:an?\s+|another\s+)?((?:newspaper\s+|media\s+|information\s+)?ducks?)\b(?!\s+(?:hunt|pond|meat|season))/iu,
    russian: 'утка',
    meaning: 'canard (a false report)',
    source: WT('утка (sense: a false rumour, canard)'),
  },
  {
    id: 'utka-newspaper',
    cues: ['duck'],
    // газетная утка rendered "newspaper duck", or "a fake/regular duck" after a copula.
    pattern: /\b((?:newspaper|media)\s+ducks?|(?<=\b(?:is|was|are|were|be|as|just|but|another)\s+(?:an?\s+|another\s+)?)(?:information|fake|regular|ordinary)\s+duck)\b/iu,
    russian: 'газетная утка',
    meaning: 'canard (a false report)',
    source: WT('газетная утка'),
  },
  { id: 'noodles-on-ears', cues: ['noodles'], pattern: /\b(?:hang|hangs|hanging|hung)\s+(?:the\s+)?noodles\s+on\b/iu, russian: 'вешать лапшу на уши', meaning: 'to deceive, to pull the wool over sb.’s eyes', source: WT('вешать лапшу на уши') },
  { id: 'filkina-gramota', cues: ['filkin'], pattern: /\bfilkin'?s?\s+(?:letter|charter|certificate|diploma|document)\b/iu, russian: 'филькина грамота', meaning: 'a worthless document', source: WT('филькина грамота') },
  { id: 'voz-i-nyne-tam', cues: ['still there'], pattern: /\b(?:and\s+)?the\s+(?:cart|wagon)\s+is\s+still\s+there\b/iu, russian: 'а воз и ныне там', meaning: 'nothing has moved; no progress', source: WT('а воз и ныне там') },
  { id: 'rak-svistnet', cues: ['whistle'], pattern: /\b(?:crayfish|lobster|crawfish)\s+whistles?\s+on\s+(?:the|a)\s+(?:mountain|hill)\b/iu, russian: 'когда рак на горе свистнет', meaning: 'never (when pigs fly)', source: WT('когда рак на горе свистнет') },
  { id: 'kuzkina-mat', cues: ['kuzka'], pattern: /\bkuzka'?s\s+mother\b/iu, russian: 'кузькина мать', meaning: 'a threat to teach someone a harsh lesson', source: WT('показать кузькину мать') },
  { id: 'chinese-warning', cues: ['chinese warning'], pattern: /\b(?:last|final)\s+chinese\s+warning\b/iu, russian: 'последнее китайское предупреждение', meaning: 'an empty, endlessly repeated threat', source: WT('последнее китайское предупреждение') },
  { id: 'cat-by-tail', cues: ['by the tail'], pattern: /\bpull(?:s|ed|ing)?\s+the\s+cat\s+by\s+the\s+tail\b/iu, russian: 'тянуть кота за хвост', meaning: 'to dawdle, drag things out', source: WT('тянуть кота за хвост') },
  { id: 'bear-service', cues: ['bear'], pattern: /\bbear(?:'s)?\s+(?:service|favou?r)\b/iu, russian: 'медвежья услуга', meaning: 'a disservice (help that harms)', source: WT('медвежья услуга') },
  { id: 'trishkin-kaftan', cues: ['trishk'], pattern: /\btrishk(?:a|in)'?s?\s+(?:caftan|kaftan|coat)\b/iu, russian: 'тришкин кафтан', meaning: 'patching one hole by opening another', source: WT('тришкин кафтан') },
  { id: 'white-threads', cues: ['white thread'], pattern: /\b(?:sewn|stitched|sewed)\s+(?:with|by|in)\s+white\s+threads?\b/iu, russian: 'шито белыми нитками', meaning: 'transparent, obvious (of a pretext)', source: WT('шито белыми нитками') },
  { id: 'swan-crayfish-pike', cues: ['pike'], pattern: /\bswan,?\s+(?:crayfish|cancer|crab|lobster)\s+and\s+(?:the\s+)?pike\b/iu, russian: 'лебедь, рак и щука', meaning: 'working at cross purposes', source: WT('лебедь, рак и щука') },
  { id: 'fig-in-pocket', cues: ['pocket'], pattern: /\bfig\s+in\s+(?:the|one's|his|her|their|a)\s+pocket\b/iu, russian: 'фига в кармане', meaning: 'covert, cowardly defiance', source: WT('держать фигу в кармане') },
  { id: 'drive-the-wave', cues: ['wave'], pattern: /\b(?:drive|drives|driving|drove|driven)\s+(?:a|the)\s+wave\b/iu, russian: 'гнать волну', meaning: 'to stir up panic or hype', source: WT('гнать волну') },
  { id: 'plant-a-pig', cues: ['pig '], pattern: /\b(?:put|puts|putting|plant|planted|planting|lay|laid|slip|slipped)\s+(?:a\s+)?pig\s+(?:on|under|to)\b/iu, russian: 'подложить свинью', meaning: 'to play a dirty trick on someone', source: WT('подложить свинью') },
  { id: 'wash-bones', cues: ['bones'], pattern: /\b(?:wash|washes|washing|washed)\s+(?:the\s+)?(?:little\s+)?bones\s+(?:of|to)\b/iu, russian: 'перемывать косточки', meaning: 'to gossip about someone', source: WT('перемывать косточки') },
  { id: 'beat-buckets', cues: ['buckets', 'baklushi'], pattern: /\bbeat(?:s|ing)?\s+(?:the\s+)?(?:buckets|baklushi)\b/iu, russian: 'бить баклуши', meaning: 'to idle, loaf about', source: WT('бить баклуши') },
  { id: 'pull-rubber', cues: ['rubber'], pattern: /\bpull(?:s|ed|ing)?\s+(?:the\s+)?rubber\b/iu, russian: 'тянуть резину', meaning: 'to stall, drag things out', source: WT('тянуть резину') },
  { id: 'notch-on-nose', cues: ['nose'], pattern: /\b(?:chop|hack|cut|notch)\s+(?:it\s+|this\s+)?(?:on|into)\s+(?:the|your|his|their|our)\s+nose\b/iu, russian: 'зарубить на носу', meaning: 'to remember well', source: WT('зарубить на носу') },
  { id: 'where-crayfish-winter', cues: ['crayfish', 'lobster', 'crawfish'], pattern: /\bwhere\s+(?:the\s+)?(?:crayfish|lobsters?|crawfish)\s+(?:winter|hibernate|spend\s+the\s+winter)\b/iu, russian: 'показать, где раки зимуют', meaning: 'a threat of punishment', source: WT('показать, где раки зимуют') },
  { id: 'sit-in-puddle', cues: ['puddle'], pattern: /\b(?:sit|sat|sitting|sits)\s+(?:down\s+)?in\s+a\s+puddle\b/iu, russian: 'сесть в лужу', meaning: 'to embarrass oneself', source: WT('сесть в лужу') },
  { id: 'spoon-of-tar', cues: ['of tar'], pattern: /\bspoon(?:ful)?\s+of\s+tar\b/iu, russian: 'ложка дёгтя в бочке мёда', meaning: 'a fly in the ointment', source: WT('ложка дёгтя в бочке мёда') },
  { id: 'horseradish-radish', cues: ['radish'], pattern: /\bhorseradish\s+(?:is\s+)?(?:no|not)\s+sweeter\s+than\s+(?:a\s+)?radish\b/iu, russian: 'хрен редьки не слаще', meaning: 'six of one, half a dozen of the other', source: WT('хрен редьки не слаще') },
  { id: 'bear-corner', cues: ['corner'], pattern: /\bbear(?:'s)?\s+corner\b/iu, russian: 'медвежий угол', meaning: 'a backwater, godforsaken place', source: WT('медвежий угол') },
  { id: 'cow-licked', cues: ['cow'], pattern: /\b(?:as\s+if|like)\s+(?:a\s+)?cow\s+(?:had\s+|has\s+)?licked\b/iu, russian: 'как корова языком слизала', meaning: 'vanished without a trace', source: WT('как корова языком слизала') },
  { id: 'cat-cried', cues: ['cat cried', 'cat wept', 'cat has'], pattern: /\b(?:as\s+much\s+as\s+)?the\s+cat\s+(?:has\s+)?(?:cried|wept)\b/iu, russian: 'кот наплакал', meaning: 'very little, next to nothing', source: WT('кот наплакал') },
  { id: 'finger-in-sky', cues: ['the sky'], pattern: /\bfinger\s+(?:in|into|at)\s+the\s+sky\b/iu, russian: 'попасть пальцем в небо', meaning: 'to be wide of the mark', source: WT('попасть пальцем в небо') },
  { id: 'rain-on-thursday', cues: ['thursday'], pattern: /\bafter\s+(?:the\s+|a\s+)?(?:little\s+)?rain\s+on\s+thursday\b/iu, russian: 'после дождичка в четверг', meaning: 'never', source: WT('после дождичка в четверг') },
  { id: 'fluff-nor-feather', cues: ['feather'], pattern: /\bneither\s+(?:fluff|down)\s+nor\s+(?:a\s+)?feathers?\b/iu, russian: 'ни пуха ни пера', meaning: 'good luck', source: WT('ни пуха ни пера') },
  { id: 'seven-fridays', cues: ['fridays'], pattern: /\bseven\s+fridays\s+(?:a|in\s+a|per)\s+week\b/iu, russian: 'семь пятниц на неделе', meaning: 'changing one’s mind all the time', source: WT('семь пятниц на неделе') },
  { id: 'kazan-orphan', cues: ['kazan'], pattern: /\bkazan\s+orphans?\b/iu, russian: 'казанская сирота', meaning: 'someone who plays the victim', source: WT('казанская сирота') },
  { id: 'pea-jester', cues: ['jester', 'clown'], pattern: /\bpea(?:s)?\s+(?:jester|clown)\b/iu, russian: 'шут гороховый', meaning: 'a buffoon', source: WT('шут гороховый') },
  { id: 'under-the-noise', cues: ['under the'], pattern: /\bunder\s+the\s+(?:noise|din)\b(?!\s+(?:level|limit|floor))/iu, russian: 'под шумок', meaning: 'on the quiet, taking advantage of the confusion', source: WT('под шумок') },
  { id: 'on-flat-place', cues: ['flat place', 'level place', 'smooth place'], pattern: /\bon\s+(?:a|the)\s+(?:flat|level|smooth)\s+place\b/iu, russian: 'на ровном месте', meaning: 'out of nothing, without reason', source: WT('на ровном месте') },
  { id: 'cargo-200', cues: ['200'], pattern: /\bcargo[\s-]+200\b/iu, russian: 'груз 200', meaning: 'the bodies of soldiers killed in action', source: 'Wikipedia: ru "Груз 200", en "Cargo 200"' },
  { id: 'thieves-in-law', cues: ['in law', 'in-law'], pattern: /\bthie(?:f|ves)[\s-]+in[\s-]+law\b/iu, russian: 'вор в законе', meaning: 'a professional criminal of the top rank (vor v zakone)', source: 'Wikipedia: ru "Вор в законе", en "Thief in law"' },
  { id: 'black-pr', cues: ['black pr'], pattern: /\bblack\s+PR\b/u, russian: 'чёрный пиар', meaning: 'a smear campaign', source: WT('чёрный пиар') },
];
