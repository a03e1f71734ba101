// The app shell: skip link, top bar (name, language, who is signed in),
// the navigation of the screens the role may use, and the current screen.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ErrorMessage, Loading } from '../components/Status';
import { enumLabel, languages, setLang, t, useLang } from '../i18n/i18n';
import { Link, navigate, useLocation } from './router';
import { route, screens, type Screen, type ScreenProps } from './screens';
import { atLeast, signOut, start, useSession } from './session';
import { SignIn } from './SignIn';

export function App() {
  const lang = useLang();
  const s = useSession();
  const loc = useLocation();
  const [startError, setStartError] = useState<unknown>(null);
  useEffect(() => {
    start().catch(setStartError);
  }, []);
  useEffect(() => {
    if (loc.path === '/') navigate('/search', { replace: true });
  }, [loc.path]);

  const found = route(loc.path);
  const role = s.state === 'signedIn' ? s.me.role : undefined;
  // The tab says which screen it shows, in the language shown.
  const screenID = found?.screen.nav ? found.screen.id : undefined;
  useEffect(() => {
    document.title = screenID ? `${t(`nav.${screenID}`)} · ${t('app.name')}` : t('app.name');
  }, [screenID, lang]);

  let body;
  if (startError) body = <ErrorMessage error={startError} retry={() => location.reload()} />;
  else if (s.state === 'loading') body = <Loading />;
  else if (s.state === 'signedOut') body = <SignIn why={s.reason} />;
  else if (s.forbidden) body = <SignIn why="FORBIDDEN" />;
  else if (!found) body = <NotFound />;
  else if (!atLeast(s.me.role, found.screen.minRole)) body = <SignIn why="SCREEN" needs={found.screen.minRole} current={s.me.role} />;
  else body = <ScreenView key={loc.path} screen={found.screen} props={{ id: found.screen.id, params: found.params, location: loc }} />;

  return (
    <>
      <a class="skip" href="#main">
        {t('app.skip')}
      </a>
      <header class="topbar">
        <Link href="/search" class="brand">
          <span class="name">{t('app.name')}</span> <span class="tagline">{t('app.tagline')}</span>
        </Link>
        <div class="lang" role="group" aria-label={t('app.language')}>
          {languages.map((l) => (
            <button type="button" key={l} lang={l} aria-pressed={l === lang} onClick={() => setLang(l)}>
              {t(`app.lang.${l}`)}
            </button>
          ))}
        </div>
        {s.state === 'signedIn' && (
          <div class="who">
            <span data-subject={s.me.subject} data-role={s.me.role}>
              {t('auth.signedInAs', { subject: s.me.subject, role: enumLabel('Role', s.me.role) })}
            </span>
            {s.hasToken && (
              <button type="button" onClick={() => signOut()}>
                {t('auth.signOut')}
              </button>
            )}
          </div>
        )}
      </header>
      {role && (
        <nav class="screens" aria-label={t('app.nav')}>
          <ul>
            {screens
              .filter((x) => x.nav && atLeast(role, x.minRole))
              .map((x) => (
                <li key={x.id}>
                  <Link href={x.path} data-screen={x.id} aria-current={found?.screen.id === x.id ? 'page' : undefined}>
                    {t(`nav.${x.id}`)}
                  </Link>
                </li>
              ))}
          </ul>
        </nav>
      )}
      <main id="main" tabIndex={-1} data-screen={found?.screen.id} data-lang={lang}>
        {body}
      </main>
    </>
  );
}

function NotFound() {
  return (
    <>
      <h1>{t('app.notFound')}</h1>
      <p>
        <Link href="/search">{t('app.backToSearch')}</Link>
      </p>
    </>
  );
}

// Loaded screens, kept so a screen's chunk is fetched once.
const loaded = new Map<string, ComponentType<ScreenProps>>();

/** ScreenView shows a screen, loading its chunk first when it has one. */
function ScreenView({ screen, props }: { screen: Screen; props: ScreenProps }) {
  // A function given to useState is an initialiser: wrap the component.
  const [C, setC] = useState<ComponentType<ScreenProps> | undefined>(() => screen.component ?? loaded.get(screen.id));
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (C || !screen.load) return;
    screen.load().then(
      (m) => {
        loaded.set(screen.id, m.default);
        setC(() => m.default);
      },
      (e) => setError(e),
    );
  }, [screen]);
  if (error) return <ErrorMessage error={error} />;
  if (!C) return <Loading />;
  return <C {...props} />;
}
