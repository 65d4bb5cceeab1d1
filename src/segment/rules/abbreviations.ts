/**
 * Words that a full stop follows without ending a sentence. Lower case; matched
 * case-insensitively against the token before the full stop. General English
 * news abbreviations (titles, months, states, Latin), not tied to any article.
 */
export const ABBREVIATIONS: ReadonlySet<string> = new Set([
  // titles and ranks
  'mr', 'mrs', 'ms', 'dr', 'prof', 'rev', 'hon', 'sen', 'rep', 'gov', 'gen', 'col', 'lt', 'maj', 'capt', 'cpt', 'sgt',
  'adm', 'cmdr', 'st', 'sr', 'jr', 'messrs', 'mme', 'mlle', 'pres', 'supt', 'insp', 'det', 'amb', 'atty', 'fr', 'sens', 'reps',
  // months and days
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
  // US states as written in news style
  'ala', 'ariz', 'ark', 'calif', 'colo', 'conn', 'del', 'fla', 'ga', 'ill', 'ind', 'kan', 'ky', 'la', 'md', 'mass', 'mich',
  'minn', 'miss', 'mo', 'mont', 'neb', 'nev', 'okla', 'ore', 'pa', 'tenn', 'tex', 'va', 'vt', 'wash', 'wis', 'wyo',
  // organisations and places
  'co', 'corp', 'inc', 'ltd', 'bros', 'dept', 'univ', 'assn', 'ave', 'blvd', 'mt', 'ft',
  // Latin and general
  'vs', 'etc', 'cf', 'al', 'approx', 'esp', 'fig', 'vol', 'no', 'nos', 'art', 'p', 'pp', 'ch', 'ed', 'eds',
]);

/** Abbreviations that are also common words: they only hold a sentence together before a number. */
export const NO_BREAK_BEFORE_NUMBER: ReadonlySet<string> = new Set(['no', 'nos', 'art', 'p', 'pp', 'ch', 'fig', 'vol', 'mar', 'sun', 'wed', 'sat', 'ill', 'miss', 'wash', 'mass', 'del', 'ind', 'ore', 'mo', 'la', 'pa', 'va', 'ga', 'al', 'ed']);
