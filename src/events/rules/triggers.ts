/**
 * Event words by type, with the CAMEO code (GDELT's event coding, CAMEO manual 1.1b3)
 * each type gets. Lower case; inflections listed. `noun` marks words that name the event
 * as a noun ("the visit of X"), whose actor follows "of" or stands as a possessive.
 */
export interface TriggerInfo {
  readonly type: string;
  readonly cameo: string;
  readonly noun: boolean;
}

const entries: [string, string, string[], string[]][] = [
  // type, CAMEO, verbs, nouns
  ['visit', '042', ['visit', 'visits', 'visited', 'visiting', 'arrive', 'arrives', 'arrived', 'arriving', 'fly', 'flies', 'flew', 'flown', 'travel', 'travels', 'travelled', 'traveled', 'travelling', 'traveling', 'toured'], ['visit', 'visits', 'arrival', 'trip', 'trips', 'tour', 'voyage', 'stopover']],
  ['meeting', '040', ['meet', 'meets', 'met', 'meeting', 'negotiate', 'negotiated', 'consulted'], ['meeting', 'meetings', 'talks', 'negotiations', 'summit', 'consultations', 'conversation', 'encounter']],
  ['call', '040', ['phoned', 'telephoned', 'rang', 'called'], ['phone call', 'telephone call', 'telephone conversation', 'phone conversation', 'call']],
  ['agreement', '057', ['sign', 'signs', 'signed', 'signing', 'ratified', 'ratify'], ['agreement', 'agreements', 'treaty', 'treaties', 'accord', 'accords', 'deal', 'deals', 'pact', 'pacts', 'memorandum', 'contract']],
  ['sanctions', '163', ['sanctioned', 'embargoed'], ['sanctions', 'embargo', 'blockade']],
  ['military action', '190', ['attacked', 'shelled', 'bombed', 'invaded', 'struck', 'shot'], ['attack', 'attacks', 'strike', 'strikes', 'shelling', 'bombing', 'invasion', 'offensive', 'airstrike', 'airstrikes', 'clashes', 'exercises']],
];

export const VERB_TRIGGERS: ReadonlyMap<string, TriggerInfo> = new Map(
  entries.flatMap(([type, cameo, verbs]) => verbs.map((w) => [w, { type, cameo, noun: false }] as const)),
);
/** Event nouns of two words ("telephone conversation"), by their two words. */
export const COMPOUND_TRIGGERS: ReadonlyMap<string, TriggerInfo> = new Map(
  entries.flatMap(([type, cameo, , nouns]) => nouns.filter((w) => w.includes(' ')).map((w) => [w, { type, cameo, noun: true }] as const)),
);
export const NOUN_TRIGGERS: ReadonlyMap<string, TriggerInfo> = new Map(
  entries.flatMap(([type, cameo, , nouns]) => nouns.filter((w) => !w.includes(' ')).map((w) => [w, { type, cameo, noun: true }] as const)),
);

/** Words before a trigger that make it planned, hypothetical or denied. */
export const PLANNED: ReadonlySet<string> = new Set(['will', 'shall', "'ll", 'plans', 'planned', 'plan', 'expected', 'intends', 'scheduled', 'upcoming', 'forthcoming', 'future', 'going', 'next']);
export const HYPOTHETICAL: ReadonlySet<string> = new Set(['could', 'might', 'may', 'would', 'if', 'possible', 'possibly', 'perhaps', 'should', 'unless']);
export const DENIED: ReadonlySet<string> = new Set(['not', "n't", 'never', 'no', 'without', 'cancelled', 'canceled', 'postponed', 'refused', 'denied']);

/**
 * Motion verbs that make a visit only with a destination after them ("headed to the venue",
 * "went to Greenland", "entering the hall"): `to` verbs need "to"/"into"/"back" and then a name,
 * a determiner or a number (so "going to win" is not a trip); `object` verbs need a name or a
 * determiner right after.
 */
export const MOTION_TO: ReadonlySet<string> = new Set(['head', 'heads', 'headed', 'heading', 'go', 'goes', 'went', 'come', 'comes', 'came', 'return', 'returns', 'returned', 'returning', 'detoured', 'flew', 'fly', 'flies', 'rode', 'drove', 'moved']);
export const MOTION_OBJECT: ReadonlySet<string> = new Set(['enter', 'enters', 'entered', 'entering']);

/** Words that introduce a destination noun phrase after "to". */
export const DESTINATION_START: ReadonlySet<string> = new Set(['the', 'a', 'an', 'his', 'her', 'their', 'its', 'our', 'your', 'my', 'this', 'that', 'several', 'two', 'three']);

/** Kin words: "met his wife" is a personal encounter, not a meeting between parties. */
export const KIN: ReadonlySet<string> = new Set(['wife', 'husband', 'son', 'daughter', 'mother', 'father', 'brother', 'sister', 'family', 'girlfriend', 'boyfriend', 'fiancee', 'fiance', 'children', 'parents']);

/** Words that show armed force in a sentence; a person who "attacked" someone without them attacked in words. */
export const ARMED: ReadonlySet<string> = new Set(['troops', 'forces', 'army', 'military', 'militants', 'missile', 'missiles', 'bomb', 'bombs', 'drone', 'drones', 'soldiers', 'rebels', 'fighters', 'weapons', 'artillery', 'airstrike', 'airstrikes', 'killed', 'killing', 'wounded', 'armed', 'navy', 'jets', 'tanks', 'gunmen', 'insurgents', 'shelling', 'rockets']);
