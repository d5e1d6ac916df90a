import type { ComponentChildren, VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

export interface Chrome {
  current: 'try' | 'calendar' | null;
  /** What workspace this is ("Demo workspace (sandbox)", "slack:T0123ABC"). */
  workspace: string;
  /** Who the console acts as; null: read-only. */
  actingAs: { id: string; name: string } | null;
  /** The sandbox lets one act as any of its people (four eyes, authorisation); empty elsewhere. */
  people: readonly { id: string; name: string }[];
  csrf: string;
  /** Signed in with CONSOLE_TOKEN: offer to sign out. */
  signedIn: boolean;
}

function Hidden({ csrf }: { csrf: string }) {
  return <input type="hidden" name="_csrf" value={csrf} />;
}

export { Hidden };

function Top({ chrome }: { chrome: Chrome }) {
  const link = (href: string, label: string, id: Chrome['current']) => <a href={href} class={chrome.current === id ? 'current' : ''}>{label}</a>;
  return (
    <header class="top">
      <a class="brand" href="/">Renewal Desk</a>
      <nav>
        {link('/', 'Try it', 'try')}
        {link('/renewals', 'Renewal calendar', 'calendar')}
      </nav>
      <div class="who">
        <span>{chrome.workspace}</span>
        {chrome.people.length > 0 && chrome.actingAs ? (
          <form method="post" action="/console/act-as">
            <Hidden csrf={chrome.csrf} />
            <label for="act-as">Acting as</label>
            <select id="act-as" name="user">
              {chrome.people.map((p) => <option value={p.id} selected={p.id === chrome.actingAs!.id}>{p.name}</option>)}
            </select>
            <button type="submit">Switch</button>
          </form>
        ) : (
          <span>{chrome.actingAs ? `Acting as ${chrome.actingAs.name}` : 'Read-only'}</span>
        )}
        {chrome.signedIn && (
          <form method="post" action="/console/sign-out">
            <Hidden csrf={chrome.csrf} />
            <button type="submit">Sign out</button>
          </form>
        )}
      </div>
    </header>
  );
}

export function Page({ title, chrome, children }: { title: string; chrome: Chrome | null; children: ComponentChildren }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · Renewal Desk`}</title>
        <link rel="stylesheet" href="/console/assets/console.css" />
        <link rel="icon" href="/console/assets/icon.svg" type="image/svg+xml" />
      </head>
      <body>
        {chrome && <Top chrome={chrome} />}
        <main>{children}</main>
      </body>
    </html>
  );
}

/** A whole page as HTML: everything in it went through preact, which escapes text and attributes. */
export function renderPage(page: VNode): string {
  return `<!doctype html>\n${renderToString(page)}`;
}

export const ICON_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#1f2937"/><path d="M9 8h10a5 5 0 0 1 0 10h-4l6 7h-4l-6-7h-0v7H9z" fill="#fff"/></svg>';
