import type { Language, Role } from '../users/user.entity.js';

/** Who is calling, as the auth guard found them in the database for this request. */
export interface AuthenticatedUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  language: Language;
}

export const isManager = (user: AuthenticatedUser) => user.role === 'admin' || user.role === 'coordinator';
