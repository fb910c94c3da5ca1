import { useSyncExternalStore } from 'react';
import type { components } from '../../client/index.js';

export type User = components['schemas']['UserResponse'];

/**
 * Who is signed in. The token lives in memory and in this tab's sessionStorage (a reload keeps
 * it, closing the tab forgets it); never in a cookie, so no other site can make the browser send
 * it. `ended` says why the last session ended, for the sign-in page to tell.
 */
export interface SessionState {
  status: 'restoring' | 'signed-out' | 'signed-in';
  token: string | null;
  user: User | null;
  ended: 'expired' | 'signed-out' | null;
}

const TOKEN_KEY = 'coop.token';
const listeners = new Set<() => void>();
let expiryTimer: ReturnType<typeof setTimeout> | undefined;

const stored = sessionStorage.getItem(TOKEN_KEY);
let state: SessionState = { status: stored ? 'restoring' : 'signed-out', token: stored, user: null, ended: null };

function set(next: Partial<SessionState>) {
  state = { ...state, ...next };
  listeners.forEach((listener) => listener());
}

/** When the token stops working, from its `exp` claim; null when it cannot be read. */
function expiryOf(token: string): number | null {
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : null;
  } catch {
    return null;
  }
}

/** Ends the session when the token expires, so the sign-in shows then rather than at the next click. */
function watchExpiry(token: string) {
  clearTimeout(expiryTimer);
  const expiresAt = expiryOf(token);
  if (expiresAt === null) return;
  // setTimeout holds at most 2^31 - 1 ms (24.8 days); a token lives 12 h by default.
  expiryTimer = setTimeout(() => session.expire(), Math.min(Math.max(expiresAt - Date.now(), 0), 2 ** 31 - 1));
}

export const session = {
  state: () => state,
  token: () => state.token,

  subscribe: (listener: () => void) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },

  signedIn(token: string, user: User) {
    sessionStorage.setItem(TOKEN_KEY, token);
    watchExpiry(token);
    set({ status: 'signed-in', token, user, ended: null });
  },

  /** A password change answers a fresh token: the old one no longer works. */
  replaceToken(token: string) {
    sessionStorage.setItem(TOKEN_KEY, token);
    watchExpiry(token);
    set({ token });
  },

  updateUser(user: User) {
    set({ user });
  },

  /** The token expired or was revoked: the app asks to sign in again, then returns to the page. */
  expire() {
    if (state.status === 'signed-out') return;
    session.clear('expired');
  },

  clear(ended: SessionState['ended']) {
    clearTimeout(expiryTimer);
    sessionStorage.removeItem(TOKEN_KEY);
    set({ status: 'signed-out', token: null, user: null, ended });
  },
};

if (stored) watchExpiry(stored);

export function useSession(): SessionState {
  return useSyncExternalStore(session.subscribe, session.state);
}
