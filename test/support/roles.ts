import type { Response } from 'supertest';
import type { Role } from '../../src/users/user.entity.js';

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
