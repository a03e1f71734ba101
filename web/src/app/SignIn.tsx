// The sign-in screen: shown when the API answers UNAUTHENTICATED (no or a
// bad token), or FORBIDDEN (the role may not do what was asked), with why.
import { useState } from 'preact/hooks';
import { ApiError, errorMessage } from '../api/graphql';
import { enumLabel, t } from '../i18n/i18n';
import { Link } from './router';
import { dismissForbidden, signIn, type Role } from './session';

export interface SignInProps {
  /** why: the code that brought the user here, or SCREEN for a screen the role may not open. */
  why?: 'UNAUTHENTICATED' | 'FORBIDDEN' | 'SCREEN';
  /** For SCREEN: the least role the screen needs, and the current one. */
  needs?: Role;
  current?: Role;
}

export function SignIn({ why, needs, current }: SignInProps) {
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!token.trim()) {
      setError(t('auth.empty'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await signIn(token);
    } catch (err) {
      setError(err instanceof ApiError && err.code === 'UNAUTHENTICATED' ? t('auth.why.UNAUTHENTICATED') : errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const reason =
    why === 'SCREEN'
      ? t('auth.why.SCREEN', { role: enumLabel('Role', needs), current: enumLabel('Role', current) })
      : why
        ? t(`auth.why.${why}`)
        : null;

  return (
    <section class="signin" aria-labelledby="signin-title">
      <h1 id="signin-title">{t('auth.title')}</h1>
      {reason && (
        <p class="notice" role="alert" data-why={why}>
          {reason}
        </p>
      )}
      {(why === 'FORBIDDEN' || why === 'SCREEN') && (
        <p>
          <Link href="/search" onClick={dismissForbidden}>
            {t('app.backToSearch')}
          </Link>
        </p>
      )}
      <p>{t('auth.intro')}</p>
      <form onSubmit={submit}>
        <label for="signin-token">{t('auth.token')}</label>
        <input
          id="signin-token"
          type="password"
          autoComplete="off"
          spellcheck={false}
          value={token}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'signin-error' : undefined}
          onInput={(e) => setToken((e.target as HTMLInputElement).value)}
        />
        {error && (
          <p id="signin-error" class="field-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t('auth.checking') : t('auth.signIn')}
        </button>
      </form>
    </section>
  );
}
