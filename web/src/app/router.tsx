// Client-side routing over the History API: the server answers every app
// path with index.html (web.Handler), and Link changes the path without a
// page load.
import type { AnchorHTMLAttributes, ComponentChildren } from 'preact';
import { createStore, useStore } from '../lib/store';

export interface Location {
  path: string;
  query: URLSearchParams;
}

function current(): Location {
  return { path: window.location.pathname, query: new URLSearchParams(window.location.search) };
}

const location = createStore<Location>(current());
window.addEventListener('popstate', () => location.set(current()));

export function useLocation(): Location {
  return useStore(location);
}

/** navigate goes to href (a path with an optional query) inside the app. */
export function navigate(href: string, opts: { replace?: boolean } = {}) {
  if (opts.replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  location.set(current());
  if (!opts.replace) window.scrollTo(0, 0);
}


type AnchorProps = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string; children?: ComponentChildren };

/** Link is an <a> that navigates inside the app (and opens a new tab as usual with a modifier). */
export function Link({ href, children, ...rest }: AnchorProps) {
  const onClick = (e: MouseEvent) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(href);
  };
  return (
    <a href={href} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}
