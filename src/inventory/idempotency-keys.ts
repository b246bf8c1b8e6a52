/**
 * Two kinds of idempotency keys share one namespace per tenant: keys clients send (order lines,
 * webhook ids, import rows) and keys the system derives for state changes that are unique by
 * nature (a hold shipped, a transfer received). System keys start with `sys:`, which clients may
 * not use, so a client key can never collide with one (a collision would be refused as a replay).
 */
const SYSTEM_PREFIX = 'sys:';

/** Longest client key accepted: long enough for `<platform>:<shop>:<order>:<line>:<state>`. */
export const MAX_CLIENT_KEY_LENGTH = 200;

export function systemOperationKey(
  entity: 'hold' | 'transfer' | 'order' | 'platform-report',
  id: string,
  action: string,
): string {
  return `${SYSTEM_PREFIX}${entity}:${id}:${action}`;
}

/** Why a client's key is unacceptable, or null if it is fine. */
export function clientKeyProblem(key: string): string | null {
  if (key.length === 0) return 'empty';
  if (key.length > MAX_CLIENT_KEY_LENGTH) return `longer than ${MAX_CLIENT_KEY_LENGTH} characters`;
  if (key.startsWith(SYSTEM_PREFIX)) return `the prefix "${SYSTEM_PREFIX}" is reserved`;
  if (/[\u0000-\u001f\u007f]/.test(key)) return 'contains control characters';
  return null;
}

/** Why a key the system derived is unacceptable (it must carry the system prefix), or null. */
export function systemKeyProblem(key: string): string | null {
  if (!key.startsWith(SYSTEM_PREFIX)) return `a system key must start with "${SYSTEM_PREFIX}"`;
  if (key.length > MAX_CLIENT_KEY_LENGTH) return `longer than ${MAX_CLIENT_KEY_LENGTH} characters`;
  if (/[\u0000-\u001f\u007f]/.test(key)) return 'contains control characters';
  return null;
}
