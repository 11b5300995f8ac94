// Which requests get an error page and which get JSON: by path first (the API and data addresses
// always JSON), then by what the client's Accept header prefers.
import type http from 'node:http';
import { describe, expect, it } from 'vitest';
import { prefersJson, wantsErrorPage } from '../../src/http/browser-error-page.ts';

const request = (accept?: string) => ({ headers: accept === undefined ? {} : { accept } }) as http.IncomingMessage;

describe('error pages or JSON', () => {
  it('reads the Accept header by quality', () => {
    expect(prefersJson('text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8')).toBe(false);
    expect(prefersJson('application/json')).toBe(true);
    expect(prefersJson('application/problem+json, text/html;q=0.5')).toBe(true);
    expect(prefersJson('text/html, application/json;q=0.9')).toBe(false);
    expect(prefersJson('*/*')).toBe(false);
    expect(prefersJson('')).toBe(false);
    expect(prefersJson('application/json;q=0')).toBe(false);
  });

  it('never answers a page on the API or a data address, whatever the client says', () => {
    const browser = 'text/html,*/*;q=0.8';
    expect(wantsErrorPage(request(browser), new URL('http://x/nope'))).toBe(true);
    expect(wantsErrorPage(request(), new URL('http://x/liaison/nope'))).toBe(true);
    expect(wantsErrorPage(request('application/json'), new URL('http://x/nope'))).toBe(false);
    for (const path of ['/api/nope', '/team/tasks.geojson', '/healthz', '/x.json'])
      expect(wantsErrorPage(request(browser), new URL(`http://x${path}`)), path).toBe(false);
  });
});
