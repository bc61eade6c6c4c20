// What the signed-in key may do, worked out from its token's permissions and microtenant, so
// that the console disables what keymint would refuse and says why. keymint enforces the same
// rules on every call; this only saves a round trip and a surprise.

import {holds, missingOf, session} from './session.js';

export function lacks(permission) {
  return holds(permission) ? null : `Your key does not hold the ${permission} permission.`;
}

/** Why the key may not change, regenerate, unlock or delete this API key, or null. */
export function apiKeyChangeBlock(key, rolesById) {
  const missingPermission = lacks('api-keys:write');
  if (missingPermission) {
    return missingPermission;
  }
  return roleCeilingBlock(rolesById && rolesById.get(key.roleId), 'This key\'s role');
}

/** Why the key may not give a key this role, or null (the delegation ceiling). */
export function roleAssignBlock(role) {
  return roleCeilingBlock(role, 'This role');
}

function roleCeilingBlock(role, subject) {
  if (!role) {
    return null;
  }
  const missing = missingOf(role.permissions);
  return missing.length === 0 ? null
    : `${subject} (${role.name}) holds permissions your key does not: ${missing.join(', ')}.`;
}

/** Why the key may not create, change or delete roles, or null. */
export function roleWriteBlock() {
  if (session() && session().microtenantId) {
    return 'Roles are shared by the whole customer: a key confined to a microtenant cannot change them.';
  }
  return lacks('roles:write');
}

/** Why the key may not create or delete microtenants, or null. */
export function microtenantCreateDeleteBlock() {
  if (session() && session().microtenantId) {
    return 'Your key is confined to a microtenant: it cannot create or delete microtenants.';
  }
  return lacks('microtenants:write');
}
