/**
 * Words that give a relation its sign where it is stated in speech: cooperation or
 * conflict. Lower-case stems, matched at the start of words ("cooperat" matches
 * cooperation, cooperate). General political-news vocabulary.
 */
export const COOPERATION: readonly string[] = [
  'cooperat', 'co-operat', 'partner', 'ally', 'allies', 'alliance', 'allied', 'support', 'agree', 'agreement', 'friend', 'mutual', 'beneficial',
  'strategic', 'dialogue', 'rapprochement', 'closer', 'welcom', 'praise', 'thank', 'help', 'assist', 'aid', 'peace', 'reconcil', 'joint',
  'together', 'integrat', 'invest', 'trade', 'constructive', 'pragmatic', 'upward', 'strengthen', 'deepen', 'consult', 'negotiat', 'talks',
];
export const CONFLICT: readonly string[] = [
  'conflict', 'confront', 'sanction', 'weaken', 'threat', 'threaten', 'hostil', 'aggress', 'attack', 'war', 'invad', 'invasion', 'accus',
  'condemn', 'criticis', 'criticiz', 'oppos', 'against', 'dispute', 'tension', 'rival', 'enemy', 'enemies', 'punish', 'retaliat', 'expel',
  'ban', 'boycott', 'protest', 'warn', 'clash', 'deteriorat', 'escalat', 'anti-', 'interven', 'occup', 'pressure', 'blockade', 'deprive',
];
