// The residents' pages: home, register, my household (private link), the warnings and one
// warning's public page, and the language switch. Server-rendered HTML; scripts only enhance.
import type { Db } from '../db/db.ts';
import { listAlerts, showAlert } from '../db/alert-queries.ts';
import { eventNames } from '../db/web-alert-events.ts';
import { alertPlaces } from '../db/web-alert-places.ts';
import { alertPlace } from '../web/alert-place.ts';
import { alertArea, pointInAlert, villagesCentre } from '../db/web-geo.ts';
import { verificationCode } from '../delivery/sms/verification-code.ts';
import { cookieHeader, requestIsSecure } from '../web/cookies.ts';
import { pageLanguage, safeBackPath, type Lang } from '../web/language.ts';
import { alertPage, type InsideCheck } from '../web/page-alert.ts';
import { alertsPage } from '../web/page-alerts.ts';
import { homePage } from '../web/page-home.ts';
import { mePage } from '../web/page-me.ts';
import { notFoundPage } from '../web/page-not-found.ts';
import { registeredPage, registerPage } from '../web/page-register.ts';
import { RegisterBody, registerBodyFromForm, registerHousehold } from './register-household.ts';
import { FieldRefusal } from './field-refusal.ts';
import { registrationFieldErrors, type FieldError } from '../messages/registration-field-errors.ts';
import type { Route } from './route.ts';
import { readFormBody } from './web-form-body.ts';
import { checkSameOrigin } from './web-session.ts';
import { htmlReply, redirect } from './web-response.ts';

export interface ResidentPageDeps {
  db: Db;
  now: () => Date;
  /** The secret of the SMS verification codes (the same one the SMS renderer uses). */
  codeSecret: string;
  /** For the registration form: how far a point may snap to a village, and links to the private page. */
  snapMetres: number;
  publicBaseUrl: string;
}

// Where the registration map opens when no village is loaded yet: Medan, the sample's region.
const FALLBACK_CENTRE = { lat: 3.59, lon: 98.67 };

export function residentPageRoutes(deps: ResidentPageDeps): Route[] {
  const publicAlerts = async (activeOnly: boolean, lang: Lang) => {
    const rows = (await listAlerts(deps.db, { activeOnly, now: deps.now(), limit: 200 })).filter((a) => a.deliverable);
    const ids = rows.map((a) => a.id);
    const [names, places] = await Promise.all([eventNames(deps.db, ids, lang), alertPlaces(deps.db, ids)]);
    return rows.map((a) => ({ ...a, event: names.get(a.id) ?? a.event, place: alertPlace(places.get(a.id), lang) }));
  };
  return [
    {
      method: 'GET',
      path: /^\/$/,
      handler: async (req, url) => {
        const lang = pageLanguage(req, url);
        return htmlReply(200, homePage(lang, (await publicAlerts(true, lang)).slice(0, 5)));
      },
    },
    {
      method: 'GET',
      path: /^\/register$/,
      handler: async (req, url) => htmlReply(200, registerPage(pageLanguage(req, url), (await villagesCentre(deps.db)) ?? FALLBACK_CENTRE)),
    },
    {
      // The registration form without JavaScript: the same checks and the same registration as
      // POST /api/households, answered as a page (the private link once, or the form again).
      method: 'POST',
      path: /^\/register$/,
      rateLimited: true,
      handler: async (req, url) => {
        const lang = pageLanguage(req, url);
        checkSameOrigin(req);
        const form = await readFormBody(req);
        const again = async (errors: readonly FieldError[]) =>
          htmlReply(422, registerPage(lang, (await villagesCentre(deps.db)) ?? FALLBACK_CENTRE, { values: form, errors }));
        const body = registerBodyFromForm(form);
        const parsed = RegisterBody.safeParse(body);
        if (!parsed.success) return again(registrationFieldErrors(parsed.error.issues, body));
        try {
          const done = await registerHousehold(deps, parsed.data);
          return htmlReply(
            201,
            registeredPage(lang, { villageName: done.household.village.name, manage: done.manage, adjusted: done.adjusted }),
          );
        } catch (err) {
          if (err instanceof FieldRefusal) return again(err.fields);
          throw err;
        }
      },
    },
    { method: 'GET', path: /^\/me$/, handler: async (req, url) => htmlReply(200, mePage(pageLanguage(req, url))) },
    {
      method: 'GET',
      path: /^\/alerts$/,
      handler: async (req, url) => {
        const lang = pageLanguage(req, url);
        return htmlReply(200, alertsPage(lang, await publicAlerts(false, lang)));
      },
    },
    {
      method: 'GET',
      path: /^\/alerts\/(\d{1,15})$/,
      handler: async (req, url, [idText]) => {
        const lang = pageLanguage(req, url);
        const detail = await showAlert(deps.db, idText ?? '', deps.now());
        // Only messages that may reach residents are public (not tests, exercises or drafts).
        if (!detail || detail.alert.deliverable !== true) return htmlReply(404, notFoundPage(lang, url.pathname));
        const id = Number(detail.alert.id);
        const area = await alertArea(deps.db, id);
        const check = await insideCheck(deps.db, id, url);
        const code = verificationCode(deps.codeSecret, String(detail.alert.identifier));
        const bbox = area ? ([area.west, area.south, area.east, area.north] as [number, number, number, number]) : undefined;
        const place = alertPlace((await alertPlaces(deps.db, [id])).get(id), lang);
        return htmlReply(200, alertPage(lang, { detail, verificationCode: code, bbox, place }, check));
      },
    },
    {
      method: 'GET',
      path: /^\/lang$/,
      handler: async (req, url) => {
        const to = url.searchParams.get('to') === 'en' ? 'en' : 'id';
        return redirect(safeBackPath(url.searchParams.get('back')), {
          'set-cookie': cookieHeader('lang', to, {
            maxAgeSeconds: 365 * 86400,
            httpOnly: false,
            sameSite: 'Lax',
            secure: requestIsSecure(req),
          }),
        });
      },
    },
  ];
}

/** The "am I inside?" form's answer, when the page was asked with ?lat=&lon= (works without scripts). */
async function insideCheck(db: Db, alertId: number, url: URL): Promise<InsideCheck> {
  const latText = url.searchParams.get('lat');
  const lonText = url.searchParams.get('lon');
  if (latText === null && lonText === null) return { lat: '', lon: '' };
  const lat = Number((latText ?? '').replace(',', '.'));
  const lon = Number((lonText ?? '').replace(',', '.'));
  const valid =
    (latText ?? '').trim() !== '' &&
    (lonText ?? '').trim() !== '' &&
    Math.abs(lat) <= 90 &&
    Math.abs(lon) <= 180 &&
    Number.isFinite(lat) &&
    Number.isFinite(lon);
  if (!valid) return { lat: latText ?? '', lon: lonText ?? '', error: true };
  return { lat: String(lat), lon: String(lon), result: await pointInAlert(db, alertId, lat, lon) };
}
