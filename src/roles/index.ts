import type { Stage } from '../pipeline/stage.js';
import { findRoles } from './roles.js';

export { findRoles } from './roles.js';

/** Roles and titles of people, each tied to the name mention it describes. */
export const rolesStage: Stage = {
  name: 'roles',
  requires: ['sentences', 'mentions'],
  produces: ['roles'],
  run: (doc) => ({ layers: { roles: findRoles(doc) } }),
};
