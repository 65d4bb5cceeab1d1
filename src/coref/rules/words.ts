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

/**
 * What a bare description ("the diplomat", "the minister": its word alone after "the") may refer to
 * beyond its own word: "the diplomat" to a foreign minister, an ambassador or a foreign ministry's
 * spokesman; "the minister" to a defence or foreign secretary. Words or phrases of the roles it fits.
 * (Only these: in news, "the official", "the leader" or "the politician" are as often someone
 * unnamed or someone else as the person last named.)
 */
export const ROLE_FAMILIES: Readonly<Record<string, readonly string[]>> = {
  diplomat: ['ambassador', 'envoy', 'consul', 'foreign minister', 'foreign ministry', 'foreign affairs', 'secretary of state', 'minister of foreign'],
  minister: ['defense secretary', 'defence secretary', 'foreign secretary', 'home secretary', 'interior secretary', 'treasury secretary', 'secretary of state', 'secretary of defense'],
};
