export { toJson, type OutputDocument } from './json.js';
export { toBrief, type BriefOptions } from './brief.js';
