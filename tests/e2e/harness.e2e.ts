import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { RunningHost } from '../../electron/host/server';
import { VIEWPORT, launchChromium } from './support/chromium';
import { startRendererHost } from './support/host';
import { saveScreenshot } from './support/screenshots';

/**
 * Proves the e2e harness with real parts: the project's LAN host serves a tiny page, Debian's
 * Chromium stores a value in IndexedDB, is killed with SIGKILL (a crash, not a close) and started
 * again on the same profile, and the page reads the value back.
 */

// The host sends a CSP with script-src 'self', so the fixture's script is a file of its own.
const FIXTURE_HTML = `<!doctype html>
<html lang="nl">
  <head><meta charset="utf-8"><title>Harness</title><script type="module" src="./app.js"></script></head>
  <body style="margin:0;font:16px sans-serif">
    <form id="form"><input id="input" name="value" autocomplete="off"><button id="save">Opslaan</button></form>
    <p>Bewaard: <output id="value"></output></p>
    <p id="status" data-state="loading">laden…</p>
  </body>
</html>
`;

const FIXTURE_JS = `
const DB = 'bouwplaats-harness';
const STORE = 'kv';
const KEY = 'value';
const $ = (id) => document.getElementById(id);
const status = (state, text) => { $('status').dataset.state = state; $('status').textContent = text; };

function openDb() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

const db = await openDb();
const read = db.transaction(STORE, 'readonly').objectStore(STORE).get(KEY);
read.onsuccess = () => {
  $('value').textContent = read.result ?? '';
  status('loaded', read.result === undefined ? 'leeg' : 'gelezen');
};

$('form').addEventListener('submit', (event) => {
  event.preventDefault();
  const value = $('input').value;
  status('saving', 'opslaan…');
  const tx = db.transaction(STORE, 'readwrite');
  tx.objectStore(STORE).put(value, KEY);
  tx.oncomplete = () => { $('value').textContent = value; status('saved', 'opgeslagen'); };
  tx.onerror = () => status('error', String(tx.error));
});
`;

const VALUE = 'Werk systemisch 🏠 — 1Gezin1Plan1Regisseur';

async function statusOf(page: Page): Promise<{ state: string | null; value: string | null }> {
  return {
    state: await page.locator('#status').getAttribute('data-state'),
    value: await page.locator('#value').textContent(),
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('e2e harness', () => {
  let fixtureDir = '';
  let host: RunningHost;

  beforeAll(async () => {
    fixtureDir = await mkdtemp(path.join(tmpdir(), 'bouwplaats-fixture-'));
    await writeFile(path.join(fixtureDir, 'index.html'), FIXTURE_HTML);
    await writeFile(path.join(fixtureDir, 'app.js'), FIXTURE_JS);
    host = await startRendererHost({ rootDir: fixtureDir });
  });

  afterAll(async () => {
    await host?.close();
    if (fixtureDir) await rm(fixtureDir, { recursive: true, force: true });
  });

  it('keeps an IndexedDB write across a SIGKILL of Chromium and a relaunch on the same profile', async () => {
    const profile = await mkdtemp(path.join(tmpdir(), 'bouwplaats-profile-'));
    try {
      const first = await launchChromium({ userDataDir: profile });
      const page = await first.page();
      // The same host stays up, so the origin (and with it the IndexedDB database) is the same.
      await page.goto(`${host.url}/`);
      await page.locator('#status[data-state="loaded"]').waitFor();
      expect(await statusOf(page)).toEqual({ state: 'loaded', value: '' });

      await page.locator('#input').fill(VALUE);
      await page.locator('#save').click();
      await page.locator('#status[data-state="saved"]').waitFor();
      await saveScreenshot(page, 'harness-saved-before-kill');

      await first.kill();
      expect(isAlive(first.pid)).toBe(false);
      expect(first.browser.isConnected()).toBe(false);

      const second = await launchChromium({ userDataDir: profile });
      try {
        expect(second.pid).not.toBe(first.pid);
        const again = await second.page();
        await again.goto(`${host.url}/`);
        await again.locator('#status[data-state="loaded"]').waitFor();
        expect(await statusOf(again)).toEqual({ state: 'loaded', value: VALUE });
        await saveScreenshot(again, 'harness-read-after-relaunch');
      } finally {
        await second.close();
      }
      // A profile the test owns is left in place by close().
      expect(existsSync(profile)).toBe(true);
    } finally {
      await rm(profile, { recursive: true, force: true });
    }
  });

  it('gives a fresh temporary profile, a 1440 × 900 viewport and screenshots of that size; close() removes the profile', async () => {
    const browser = await launchChromium();
    const dir = browser.userDataDir;
    try {
      const page = await browser.page();
      await page.goto(`${host.url}/`);
      await page.locator('#status[data-state="loaded"]').waitFor();
      // Nothing stored: a new profile shares nothing with the other test's.
      expect(await statusOf(page)).toEqual({ state: 'loaded', value: '' });
      expect(await page.evaluate(() => [innerWidth, innerHeight, devicePixelRatio])).toEqual([
        VIEWPORT.width,
        VIEWPORT.height,
        1,
      ]);
      const file = await saveScreenshot(page, 'harness-fresh-profile');
      const png = await readFile(file);
      // PNG header: width and height are big-endian at bytes 16 and 20.
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([VIEWPORT.width, VIEWPORT.height]);
      expect(existsSync(dir)).toBe(true);
    } finally {
      await browser.close();
    }
    expect(existsSync(dir)).toBe(false);
    expect(isAlive(browser.pid)).toBe(false);
  });
});
