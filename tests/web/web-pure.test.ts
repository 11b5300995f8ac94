// The pure pieces the pages stand on: escaping by default, JSON data blocks that cannot close
// their tag, same-site "back" paths, scrypt secrets, the same-site check of staff form posts, and
// cookies as browsers expect them.
import type http from 'node:http';
import { describe, expect, it } from 'vitest';
import { HttpError } from '../../src/http/route.ts';
import { checkSameOrigin } from '../../src/http/web-session.ts';
import { cookieHeader, readCookie, requestIsSecure } from '../../src/web/cookies.ts';
import { html, jsonBlock } from '../../src/web/html.ts';
import { safeBackPath } from '../../src/web/language.ts';
import { generateSecret, hashSecret, verifySecret } from '../../src/web/passwords.ts';

const request = (headers: http.IncomingHttpHeaders) => ({ headers }) as http.IncomingMessage;

describe('web page helpers', () => {
  it('escapes every interpolated value unless it is already html', () => {
    const evil = `<script>alert("x")</script>&'`;
    expect(html`<p title="${evil}">${evil}</p>`.text).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;</p>',
    );
    expect(html`<ul>${['a<', 'b'].map((s) => html`<li>${s}</li>`)}</ul>`.text).toBe('<ul><li>a&lt;</li><li>b</li></ul>');
    expect(html`${null}${undefined}${false}${0}`.text).toBe('0');
  });

  it('keeps JSON data blocks from closing their script tag', () => {
    const block = jsonBlock('words', { text: '</script><script>alert(1)</script>' }).text;
    expect(block).not.toContain('</script><script>');
    expect(JSON.parse(block.replace(/^<script[^>]*>/, '').replace(/<\/script>$/, ''))).toEqual({
      text: '</script><script>alert(1)</script>',
    });
  });

  it('only goes back to paths on this site', () => {
    expect(safeBackPath('/alerts/3?lat=1')).toBe('/alerts/3?lat=1');
    expect(safeBackPath('/')).toBe('/');
    for (const bad of ['//evil.example/x', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)', '', null, '/a b'])
      expect(safeBackPath(bad)).toBe('/');
  });

  it('hashes secrets with scrypt, salted, and verifies only the right one', async () => {
    const secret = generateSecret();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{27}$/);
    const [a, b] = [await hashSecret(secret), await hashSecret(secret)];
    expect(a).not.toBe(b);
    expect(await verifySecret(secret, a)).toBe(true);
    expect(await verifySecret(secret, b)).toBe(true);
    expect(await verifySecret(`${secret}x`, a)).toBe(false);
    expect(await verifySecret(secret, 'plain-text-password')).toBe(false);
  });

  it('refuses staff form posts a browser marks as coming from another site', () => {
    const host = '127.0.0.1:8080';
    expect(() => checkSameOrigin(request({ host, 'sec-fetch-site': 'same-origin', origin: 'null' }))).not.toThrow();
    expect(() => checkSameOrigin(request({ host, origin: `http://${host}` }))).not.toThrow();
    expect(() => checkSameOrigin(request({ host }))).not.toThrow();
    for (const headers of [
      { host, 'sec-fetch-site': 'cross-site' },
      { host, 'sec-fetch-site': 'same-site' },
      { host, origin: 'https://evil.example' },
      { host, origin: 'not a url' },
    ]) {
      expect(() => checkSameOrigin(request(headers))).toThrow(HttpError);
    }
  });

  it('asks a staff form post for proof that it came from Siaga: refuses none, and Origin null without Sec-Fetch-Site', () => {
    const host = '127.0.0.1:8080';
    const staff = { lang: 'id' as const };
    for (const headers of [
      { host, 'sec-fetch-site': 'same-origin', origin: 'null' },
      { host, origin: `http://${host}` },
      { host, referer: `http://${host}/team/tasks/4` },
    ]) {
      expect(() => checkSameOrigin(request(headers), staff)).not.toThrow();
    }
    const refused = [
      { host },
      { host, origin: 'null' },
      { host, 'sec-fetch-site': 'none' },
      { host, 'sec-fetch-site': 'cross-site' },
      { host, referer: 'https://evil.example/x' },
      { host, origin: 'https://evil.example', referer: `http://${host}/` },
    ];
    for (const headers of refused) {
      let caught: unknown;
      try {
        checkSameOrigin(request(headers), staff);
      } catch (err) {
        caught = err;
      }
      expect(caught, JSON.stringify(headers)).toBeInstanceOf(HttpError);
      expect((caught as HttpError).status).toBe(403);
      expect(String((caught as HttpError & { page: { bytes: string } }).page.bytes)).toContain('Formulir ini ditolak');
    }
  });

  it('writes cookies Secure wherever the browser would keep them, and reads them back', () => {
    expect(cookieHeader('siaga_session', 'abc', { maxAgeSeconds: 60, httpOnly: true, sameSite: 'Strict', secure: true })).toBe(
      'siaga_session=abc; Path=/; Max-Age=60; SameSite=Strict; Secure; HttpOnly',
    );
    expect(cookieHeader('lang', 'en', { maxAgeSeconds: 60, httpOnly: false, sameSite: 'Lax', secure: false })).toBe(
      'lang=en; Path=/; Max-Age=60; SameSite=Lax',
    );
    // This machine (browsers treat http://localhost as secure), a TLS proxy that says so: Secure.
    for (const host of ['localhost:3000', '127.0.0.1:8080', '[::1]:8080', 'LOCALHOST'])
      expect(requestIsSecure(request({ host })), host).toBe(true);
    expect(requestIsSecure(request({ host: 'siaga.example.go.id', 'x-forwarded-proto': 'https' }))).toBe(true);
    expect(requestIsSecure(request({ host: 'siaga.example.go.id', 'x-forwarded-proto': 'https, http' }))).toBe(true);
    // Plain http to another host (a district office's LAN): a Secure cookie would be dropped.
    expect(requestIsSecure(request({ host: '192.168.1.20:8080' }))).toBe(false);
    expect(requestIsSecure(request({ host: 'siaga.lan', 'x-forwarded-proto': 'http' }))).toBe(false);
    expect(requestIsSecure(request({ host: '127.0.0.1.evil.example' }))).toBe(false);
    expect(readCookie(request({ cookie: 'a=1; lang=en; siaga_session=x%20y' }), 'siaga_session')).toBe('x y');
    expect(readCookie(request({ cookie: 'lang=%E0%A4%A' }), 'lang')).toBeUndefined();
    expect(readCookie(request({}), 'lang')).toBeUndefined();
  });
});
