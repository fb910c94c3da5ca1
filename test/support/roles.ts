import type { Response } from 'supertest';
import type { Role } from '../../src/users/user.entity.js';
import { expectErrorShape } from './test-app.js';

// The role groups as the tests expect them, written out here rather than read from the source
// they check.
export const ROLES: Role[] = ['admin', 'coordinator', 'advisor', 'viewer'];
export const WRITERS: Role[] = ['admin', 'coordinator', 'advisor'];
export const MANAGERS: Role[] = ['admin', 'coordinator'];

/** One request of a role matrix, ready to send. */
export interface Prepared {
  send: () => PromiseLike<Response>;
  /** What the request would change, read back; absent for reads. */
  state?: () => Promise<unknown>;
}

/** One row of a role matrix: what the action is, who may do it, and how to prepare it for a role. */
export interface Case {
  action: string;
  allowed: Role[];
  okStatus: number;
  prepare: (role: Role) => Promise<Prepared>;
}

/**
 * Sends a case's request as a role: an allowed role gets the case's status and changes what the
 * case reads back; any other gets 403 with the error shape and changes nothing.
 */
export async function expectRoleOutcome(c: Case, role: Role): Promise<void> {
  const allowed = c.allowed.includes(role);
  const { send, state } = await c.prepare(role);
  const before = state ? await state() : undefined;
  const response = await send();
  if (allowed) {
    expect({ status: response.status, body: response.body }).toEqual({ status: c.okStatus, body: expect.anything() });
    if (state) expect(await state()).not.toEqual(before);
  } else {
    expect({ status: response.status, body: response.body }).toEqual({ status: 403, body: expect.anything() });
    expectErrorShape(response.body, 403);
    if (state) expect(await state()).toEqual(before);
  }
}
