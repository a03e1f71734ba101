// Who is signed in. The app asks the API `me` at start: in development mode
// an anonymous request from this machine is the local ADMIN, so it just
// works; in production it is UNAUTHENTICATED and the sign-in screen asks for
// a token or API key, kept in sessionStorage only (this tab, until closed).
import { configure, gql, ApiError } from '../api/graphql';
import { createStore, useStore } from '../lib/store';

export type Role = 'VIEWER' | 'ANALYST' | 'COORDINATOR' | 'EDITOR' | 'ADMIN';
/** Each role includes the ones before it (README, "Roles"). */
export const roleOrder: Role[] = ['VIEWER', 'ANALYST', 'COORDINATOR', 'EDITOR', 'ADMIN'];

export function atLeast(role: Role, least: Role): boolean {
  return roleOrder.indexOf(role) >= roleOrder.indexOf(least);
}

export interface Me {
  subject: string;
  role: Role;
  stakeholder: { id: string; name: string; nameLocal: string | null } | null;
}

export type Session =
  | { state: 'loading' }
  | { state: 'signedIn'; me: Me; hasToken: boolean; forbidden?: string }
  | { state: 'signedOut'; reason?: 'UNAUTHENTICATED' | 'FORBIDDEN'; message?: string };

const tokenKey = 'coopgraph.token';
export const session = createStore<Session>({ state: 'loading' });

export function useSession(): Session {
  return useStore(session);
}

configure({
  token: () => sessionStorage.getItem(tokenKey),
  onAuthError(code, message) {
    const s = session.get();
    if (code === 'FORBIDDEN' && s.state === 'signedIn') {
      // Still signed in, but the role may not do this: the sign-in screen
      // says so and offers another token.
      session.set({ ...s, forbidden: message });
      return;
    }
    sessionStorage.removeItem(tokenKey);
    session.set({ state: 'signedOut', reason: code, message });
  },
});

const meQuery = `query Me { me { subject role stakeholder { id name nameLocal } } }`;

/** start asks who this is, with the stored token if any. */
export async function start(): Promise<void> {
  try {
    const { me } = await gql<{ me: Me }>(meQuery, undefined, { authProbe: true });
    session.set({ state: 'signedIn', me, hasToken: !!sessionStorage.getItem(tokenKey) });
  } catch (e) {
    if (e instanceof ApiError && e.code === 'UNAUTHENTICATED') {
      sessionStorage.removeItem(tokenKey);
      session.set({ state: 'signedOut' });
      return;
    }
    throw e;
  }
}

/** signIn checks token with the API and keeps it when it is accepted. */
export async function signIn(token: string): Promise<void> {
  const previous = sessionStorage.getItem(tokenKey);
  sessionStorage.setItem(tokenKey, token.trim());
  try {
    const { me } = await gql<{ me: Me }>(meQuery, undefined, { authProbe: true });
    session.set({ state: 'signedIn', me, hasToken: true });
  } catch (e) {
    if (previous) sessionStorage.setItem(tokenKey, previous);
    else sessionStorage.removeItem(tokenKey);
    throw e;
  }
}

export async function signOut(): Promise<void> {
  sessionStorage.removeItem(tokenKey);
  session.set({ state: 'loading' });
  await start();
}

/** dismissForbidden goes back from the "role may not" screen. */
export function dismissForbidden() {
  const s = session.get();
  if (s.state === 'signedIn') session.set({ ...s, forbidden: undefined });
}
