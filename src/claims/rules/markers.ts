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
  // Purpose and consequence connectives of general English.
  'to make sure', 'to ensure', 'to avoid', 'to prevent', 'to try to', 'lead to', 'leads to', 'led to', 'result in', 'results in', 'resulted in',
  'force', 'forces', 'forced', 'blame', 'blames', 'blamed', 'so that', 'for fear', 'in an effort to', 'because of',
];

/** Words that carry no topic: left out when a content is compared with the headline. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  'about above after again against all also among another because been before being between both could does doing down during each even ever every from further have having here into just more most much must never only other over same should since some such than that their them then there these they this those through under until very what when where which while will with would your said says told after year years last week'.split(' '),
);

/** Cues that introduce a view rather than a report: a held version. */
export const VIEW_CUES: readonly string[] = ['believe', 'believes', 'view', 'opinion', 'think', 'thinks', 'considers', 'version', 'assumed', 'suggests', 'argues', 'according'];
