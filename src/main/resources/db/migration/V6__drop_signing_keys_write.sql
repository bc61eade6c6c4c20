-- signing-keys:write protected nothing (signing keys are rotated with the command line) and left
-- the permission catalogue. A role that kept it could be changed only by a caller holding it,
-- which after the catalogue change no predefined role is: take it from every role, with a new
-- version so that every cache of the role's permissions reloads.
UPDATE role SET version = version + 1
 WHERE id IN (SELECT role_id FROM role_permission WHERE permission = 'signing-keys:write');
DELETE FROM role_permission WHERE permission = 'signing-keys:write';
