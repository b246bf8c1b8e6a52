// Proves the role ladder viewer < operator < owner: what each may do, and that nobody can hand
// out a role above their own.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ROLES, canGrant, hasRole, type Role } from './roles.ts';

const rank: Record<Role, number> = { viewer: 0, operator: 1, owner: 2 };
const an = (role: Role) => (role === 'viewer' ? `a ${role}` : `an ${role}`);

describe('roles', () => {
  it('lists owner, operator and viewer', () => {
    assert.deepEqual([...ROLES], ['owner', 'operator', 'viewer']);
  });

  for (const role of ROLES) {
    for (const required of ROLES) {
      const may = rank[role] >= rank[required];
      it(`${an(role)} ${may ? 'may' : 'may not'} do what needs ${required}`, () => {
        assert.equal(hasRole(role, required), may);
      });
      it(`${an(role)} ${may ? 'may' : 'may not'} grant ${required}`, () => {
        assert.equal(canGrant(role, required), may);
      });
    }
  }

  it('viewers cannot write: they do not hold operator rights', () => {
    assert.equal(hasRole('viewer', 'operator'), false);
  });
});
