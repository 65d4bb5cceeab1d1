/** Pronouns that refer to one man or one woman. */
export const MALE_PRONOUNS: ReadonlySet<string> = new Set(['he', 'him', 'his', 'himself']);
export const FEMALE_PRONOUNS: ReadonlySet<string> = new Set(['she', 'her', 'hers', 'herself']);

/** "the first" = the first of the pair just named (0); "the latter" = the last of it (1). */
export const ORDINALS: Readonly<Record<string, 0 | 1>> = { first: 0, former: 0, second: 1, latter: 1 };

/** Role words of commentators, any of which "the expert" may refer to. */
export const EXPERT_ROLES: ReadonlySet<string> = new Set([
  'expert', 'analyst', 'scientist', 'political scientist', 'professor', 'researcher', 'scholar', 'specialist', 'historian', 'economist',
  'sociologist', 'orientalist', 'commentator', 'observer', 'lecturer', 'fellow', 'academic', 'strategist', 'pollster',
]);
