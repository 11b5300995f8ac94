// The frame of every page: language, header with navigation and the language switch, main, footer.
// Scripts and styles come only from /assets on this server (the CSP allows nothing else), loaded
// with `defer` so that the server-rendered page is readable before any script runs.
import { html, jsonBlock, type Html } from './html.ts';
import type { Lang } from './language.ts';
import { COMMON_WORDS } from './words-common.ts';

export type Audience = 'resident' | 'liaison' | 'team';

export interface PageFrame {
  lang: Lang;
  title: string;
  /** Path and query of this page, for the language switch to come back to. */
  here: string;
  audience: Audience;
  body: Html;
  /** Asset names under /assets/ (e.g. 'register.js'). */
  scripts?: string[];
  /** Pages with a map add Leaflet's stylesheet. */
  map?: boolean;
  /** Signed-in staff: their name, shown with the sign-out button. */
  user?: string;
}

export function layout(p: PageFrame): string {
  const w = COMMON_WORDS[p.lang];
  const other: Lang = p.lang === 'id' ? 'en' : 'id';
  const nav =
    p.audience === 'resident'
      ? html`<a href="/">${w.navHome}</a><a href="/register">${w.navRegister}</a><a href="/alerts">${w.navAlerts}</a>`
      : p.audience === 'liaison'
        ? html`<a href="/liaison">${w.navLiaison}</a><a href="/liaison/log">${w.navLog}</a><a href="/liaison/alerts">${w.navAlerts}</a><a href="/liaison/hazards">${w.navHazards}</a><a href="/liaison/coverage">${w.navCoverage}</a>`
        : html`<a href="/team">${w.navTeam}</a>`;
  const account = p.user
    ? html`<form method="post" action="/signout" class="signout"><span class="who">${p.user}</span><button type="submit">${w.navSignOut}</button></form>`
    : p.audience === 'resident'
      ? html`<a href="/signin" class="staff">${w.navSignIn}</a>`
      : html``;
  const scripts = (p.scripts ?? []).map((s) => html`<script src="/assets/${s}" defer></script>`);
  const page = html`<!doctype html>
<html lang="${p.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${p.title} · Siaga</title>
${p.map ? html`<link rel="stylesheet" href="/assets/leaflet.css">` : ''}
<link rel="stylesheet" href="/assets/siaga.css">
<link rel="icon" href="/assets/icon.svg" type="image/svg+xml">
<link rel="manifest" href="/assets/manifest.webmanifest">
${p.map ? html`<script src="/assets/leaflet.js" defer></script><script src="/assets/map.js" defer></script>` : ''}
${p.map ? jsonBlock('map-words', { covered: w.mapCovered, outside: w.mapOutside }) : ''}
${scripts}
</head>
<body>
<a class="skip" href="#main">${w.skipToContent}</a>
<header class="top">
  <a class="brand" href="${p.audience === 'resident' ? '/' : `/${p.audience}`}">${w.siteName}</a>
  <nav aria-label="${w.mainNav}">${nav}</nav>
  <div class="account">${account}<a class="lang" href="/lang?to=${other}&amp;back=${encodeURIComponent(p.here)}" hreflang="${other}" lang="${other}" aria-label="${w.switchLanguageLabel}">${w.switchLanguage}</a></div>
</header>
<main id="main" tabindex="-1">
${p.body}
</main>
<footer class="bottom"><p>${w.footer}</p></footer>
</body>
</html>
`;
  return page.text;
}
