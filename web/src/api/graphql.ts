// The GraphQL client: one POST to /graphql per call, with the session's
// token. Errors become ApiError with the API's extensions.code (translated
// by errorMessage) and extensions.problems (per field, for forms). An
// UNAUTHENTICATED or FORBIDDEN answer also tells the session, which shows
// the sign-in screen with the reason.
import { t } from '../i18n/i18n';

export interface Problem {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly problems: Problem[] = [],
    readonly requestId?: string,
    readonly data?: unknown,
  ) {
    super(message);
  }
  /** problemFor is the message for one input field (e.g. "input.name"), if any. */
  problemFor(field: string): string | undefined {
    return this.problems.find((p) => p.field === field)?.message;
  }
}

interface RawError {
  message: string;
  extensions?: { code?: string; problems?: Problem[]; requestId?: string };
}

let token: () => string | null = () => null;
let onAuthError: (code: 'UNAUTHENTICATED' | 'FORBIDDEN', message: string) => void = () => {};

/** configure is called once by the session module. */
export function configure(opts: { token: () => string | null; onAuthError: typeof onAuthError }) {
  token = opts.token;
  onAuthError = opts.onAuthError;
}

export interface Options {
  signal?: AbortSignal;
  /** authProbe: an auth error is only returned, not reported (sign-in uses it). */
  authProbe?: boolean;
}

/** gql runs one operation and returns its data, or throws ApiError. */
export async function gql<T>(query: string, variables?: Record<string, unknown>, opts: Options = {}): Promise<T> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
  const tok = token();
  if (tok) headers.Authorization = 'Bearer ' + tok;
  let body: { data?: T; errors?: RawError[] };
  try {
    const resp = await fetch('/graphql', {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
      signal: opts.signal,
      credentials: 'same-origin',
    });
    body = await resp.json();
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(String(e), 'NETWORK');
  }
  const first = body.errors?.[0];
  if (first) {
    const code = first.extensions?.code ?? 'INTERNAL';
    const err = new ApiError(first.message, code, first.extensions?.problems ?? [], first.extensions?.requestId, body.data);
    if (!opts.authProbe && (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN')) onAuthError(code, first.message);
    throw err;
  }
  return body.data as T;
}

/** errorMessage is what to show the user for any error gql threw. */
export function errorMessage(e: unknown): string {
  const code = e instanceof ApiError ? e.code : 'INTERNAL';
  const key = `error.code.${code}`;
  const msg = t(key);
  return msg === key ? t('error.code.INTERNAL') : msg;
}
