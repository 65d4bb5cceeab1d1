/**
 * Words that mark an explanation: a purpose, a cause, a link between events. Lower
 * case; matched as whole words in the content of an attribution.
 */
export const EXPLANATION_MARKERS: readonly string[] = [
  'purpose', 'aim', 'aimed', 'goal', 'objective', 'reason', 'reasons', 'because', 'due to', 'in order to', 'so as to', 'so that', 'order to',
  'connected', 'associated', 'linked', 'related', 'tied', 'interrelated', 'caused', 'cause', 'explained by', 'result of', 'motive', 'motivated',
  'intended', 'intends', 'during which', 'will discuss', 'to convince', 'to clarify', 'to persuade', 'to discuss', 'to begin', 'to secure', 'to strengthen', 'to obtain',
  'to get', 'seeks', 'wants', 'version', 'explanation', 'why', 'behind', 'driven by', 'thanks to', 'as a result', 'consequence', 'therefore',
  'hence', 'means', 'signal', 'sign of', 'indicator', 'attempt', 'bid', 'effort',
];

/** Cues that introduce a view rather than a report: a held version. */
export const VIEW_CUES: readonly string[] = ['believe', 'believes', 'view', 'opinion', 'think', 'thinks', 'considers', 'version', 'assumed', 'suggests', 'argues', 'according'];
