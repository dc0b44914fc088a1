import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { readStoredDoc } from '../../electron/host/live';
import { SYNC_PATH_PREFIX } from '../../shared/live';
import { boardDocName, sessionDocName } from '../../shared/schema/docNames';
import { readGroups } from '../../shared/schema/group';
import { addNote, readNotes } from '../../shared/schema/note';
import { HOUSE_TEMPLATE } from '../../shared/template/house';
import { launchChromium, type LaunchedChromium } from './support/chromium';
import { REPO_ROOT } from './support/host';
import { localDoc, startLiveSession } from './support/liveSession';
import { participantToken, relayParams } from './support/relayPeer';
import { saveScreenshot } from './support/screenshots';

/**
 * The host's disk refuses writes while the room writes (issue 10, item 3). The real host
 * (`npm run serve`'s dist/host/serve.js) runs in its own process under a file-size limit
 * (`ulimit -f`): once a board's log would grow past it, every write fails (EFBIG, as a full disk
 * gives ENOSPC; Node ignores SIGXFSZ). Then: nothing the host could not store is relayed
 * ("stored before relayed"), no half-written snapshot stays behind, and the facilitator is told.
 */

/** 1024-byte blocks (bash's unit): the log of one board may not pass 96 KB. */
const FILE_LIMIT_BLOCKS = 96;
const NOTE_TEXT = 480;

function startLimitedHost(dataDir: string): Promise<{ process: ChildProcess; url: string }> {
  const child = spawn('bash', ['-c', `ulimit -f ${FILE_LIMIT_BLOCKS}; exec node dist/host/serve.js`], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', BOUWPLAATS_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /Bouwplaats draait op (http:\/\/\S+)/.exec(out)?.[1];
      if (url) resolve({ process: child, url });
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`host exited (${code}): ${out}`)));
  });
}

function laptop(url: string, code: string, docName: string, token: string): { doc: Y.Doc; provider: WebsocketProvider } {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${url.replace('http', 'ws')}${SYNC_PATH_PREFIX.slice(0, -1)}`, docName, doc, {
    params: relayParams(code, token),
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  return { doc, provider };
}

const texts = (doc: Y.Doc) => readNotes(doc).map((n) => n.text);

describe('a host whose disk refuses writes', () => {
  let dataDir: string;
  let host: { process: ChildProcess; url: string };
  let chromium: LaunchedChromium;
  let facilitator: Page;
  const providers: WebsocketProvider[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'bouwplaats-diskfull-'));
    host = await startLimitedHost(dataDir);
    chromium = await launchChromium();
    facilitator = await chromium.page();
  });

  afterAll(async () => {
    for (const p of providers) p.destroy();
    await chromium?.close();
    host?.process.kill('SIGKILL');
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('relays nothing it could not store, leaves no half-written file, and tells the facilitator', async () => {
    const { sessionId, code } = await startLiveSession(facilitator, host.url, 'Zo thuis mogelijk!');
    const session = await localDoc(facilitator, sessionDocName(sessionId));
    const groupId = readGroups(session)[0]!.id;
    const board = boardDocName(sessionId, groupId);
    const amira = laptop(host.url, code, board, await participantToken(host.url, code, groupId));
    const bram = laptop(host.url, code, board, await participantToken(host.url, code, groupId));
    providers.push(amira.provider, bram.provider);
    await expect.poll(() => amira.provider.synced && bram.provider.synced).toBe(true);

    // Amira writes long notes, one every few ms, until well past what the host may store.
    const written: string[] = [];
    for (let i = 0; i < 400; i++) {
      const text = `${String(i).padStart(3, '0')} Werk systemisch, met gezin, school en vrije tijd. `.padEnd(NOTE_TEXT, '·');
      addNote(amira.doc, HOUSE_TEMPLATE, { x: 100 + (i % 20) * 10, y: 900 + Math.floor(i / 20) * 10, text });
      written.push(text);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    // Bram's laptop stops getting notes once the host cannot store them.
    let last = -1;
    await expect
      .poll(
        () => {
          const count = texts(bram.doc).length;
          const settled = count === last;
          last = count;
          return settled;
        },
        { interval: 1000, timeout: 20_000 },
      )
      .toBe(true);
    const bramSees = texts(bram.doc);
    expect(bramSees.length).toBeGreaterThan(0);
    expect(bramSees.length).toBeLessThan(written.length);

    // The facilitator is told, in plain Dutch, on the next refresh of the host panel.
    await facilitator.getByRole('alert').filter({ hasText: 'kan niet meer opslaan' }).waitFor({ timeout: 20_000 });
    await saveScreenshot(facilitator, 'host-disk-full');

    // What the host stored holds every note Bram got from it: nothing was relayed unstored.
    for (const p of providers) p.destroy();
    host.process.kill('SIGKILL');
    await new Promise((resolve) => host.process.once('exit', resolve));
    const onDisk = new Set(texts((await readStoredDoc(dataDir, sessionId, board))!));
    expect(bramSees.filter((t) => !onDisk.has(t))).toEqual([]);
    const files = await readdir(path.join(dataDir, sessionId));
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // Amira still has every note she wrote.
    expect(texts(amira.doc).sort()).toEqual([...written].sort());
  });
});
