import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { APP_ORIGIN } from '../../shared/ipc';
import { createAppProtocolHandler } from '../../electron/appProtocol';
import { isAppUrl, isPermissionAllowed } from '../../electron/security';

describe('isAppUrl: which pages count as our renderer', () => {
  it.each([`${APP_ORIGIN}/index.html`, `${APP_ORIGIN}/`, `${APP_ORIGIN}`, 'app://BOUWPLAATS/index.html#/bord'])('%s is ours', (url) => {
    expect(isAppUrl(url)).toBe(true);
  });
  it.each([
    'app://bouwplaats.evil.example/',
    'app://bouwplaatsx/',
    'app://user@bouwplaats/',
    'https://bouwplaats/',
    'http://127.0.0.1:4173/',
    'file:///index.html',
    'devtools://devtools/bundled/inspector.html',
    'not a url',
    '',
    undefined,
    null,
  ])('%s is not', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });
});

describe('isPermissionAllowed', () => {
  it('grants clipboard writes and full screen to our renderer only', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', `${APP_ORIGIN}/index.html`)).toBe(true);
    expect(isPermissionAllowed('fullscreen', APP_ORIGIN)).toBe(true);
    expect(isPermissionAllowed('fullscreen', 'https://evil.example/')).toBe(false);
  });
  it.each(['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'usb'])('refuses %s', (permission) => {
    expect(isPermissionAllowed(permission, APP_ORIGIN)).toBe(false);
  });
});

describe('app:// protocol handler (web Request/Response, as Electron calls it)', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'bouwplaats-app-'));
    await mkdir(path.join(root, 'assets'));
    await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Bouwplaats</title>');
    await writeFile(path.join(root, 'assets', 'app-1.js'), 'export {};');
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('serves index.html with the CSP', async () => {
    const handle = createAppProtocolHandler(root);
    const res = await handle(new Request(`${APP_ORIGIN}/`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toContain('<title>Bouwplaats</title>');
  });

  it('serves assets with their MIME type and 404s what is missing or outside', async () => {
    const handle = createAppProtocolHandler(root);
    const js = await handle(new Request(`${APP_ORIGIN}/assets/app-1.js`));
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await handle(new Request(`${APP_ORIGIN}/assets/none.js`))).status).toBe(404);
    expect((await handle(new Request(`${APP_ORIGIN}/%2e%2e%2fsecret.txt`))).status).toBe(404);
    expect((await handle(new Request('app://elsewhere/index.html'))).status).toBe(404);
    expect((await handle(new Request(`${APP_ORIGIN}/`, { method: 'POST', body: 'x' }))).status).toBe(405);
  });
});
