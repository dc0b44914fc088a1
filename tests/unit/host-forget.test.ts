import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import { LIVE_CONTROL_PATH, SYNC_PATH_PREFIX } from '../../shared/live';
import { boardDocName, roomDocName, sessionDocName } from '../../shared/schema/docNames';
import { addNote, readNotes } from '../../shared/schema/note';
import { HOUSE_TEMPLATE } from '../../shared/template/house';
import { CODE_BOOK_FILE } from '../../electron/host/codeBook';
import { docFileName, forgetStoredDocs } from '../../electron/host/docStore';
import { LiveController, forgetSessionCopy, installLiveControl, readStoredDoc } from '../../electron/host/live';
import { startHost, type RunningHost } from '../../electron/host/server';
import { httpRequest, refusal, startLiveHarness, type LiveHarness } from './support/liveHost';
import { connectRelay, synced } from './support/relayClient';

/**
 * Deleting a session deletes the host's copy too (DESIGN: notes about children must not outlive
 * "delete"): the files on disk, the code, and, while live, the boards of removed groups.
 */

const SESSION = 'sessie0042';
const GROUP_A = 'groepaaaaa';
const GROUP_B = 'groepbbbbb';

/** Resolves once `condition()` resolves true, checked every 20 ms (what the host stores, say). */
async function poll(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function filesOf(dataDir: string, sessionId = SESSION): Promise<string[]> {
  return (await readdir(path.join(dataDir, sessionId)).catch(() => [])).sort();
}

/** A stored log and the copies a host may keep beside it (a snapshot being written, a corrupt one). */
async function storeDoc(dataDir: string, docName: string): Promise<void> {
  const dir = path.join(dataDir, SESSION);
  await mkdir(dir, { recursive: true });
  for (const suffix of ['', '.tmp', '.corrupt-2026-01-01T10-00-00-000Z']) await writeFile(path.join(dir, docFileName(docName) + suffix), 'BPYLOG1\n');
}

describe('forgetting a session that is not live', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'bouwplaats-forget-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("deletes only the removed groups' boards, with their snapshots and corrupt copies", async () => {
    for (const name of [sessionDocName(SESSION), roomDocName(SESSION), boardDocName(SESSION, GROUP_A), boardDocName(SESSION, GROUP_B)]) {
      await storeDoc(dataDir, name);
    }
    await forgetSessionCopy(dataDir, { sessionId: SESSION, groupIds: [GROUP_A] });
    const left = await filesOf(dataDir);
    expect(left.some((f) => f.startsWith(docFileName(boardDocName(SESSION, GROUP_A))))).toBe(false);
    expect(left.filter((f) => f.startsWith(docFileName(boardDocName(SESSION, GROUP_B))))).toHaveLength(3);
    expect(left.filter((f) => f.startsWith(docFileName(sessionDocName(SESSION))))).toHaveLength(3);
  });

  it('deletes the whole folder and the code, and leaves other sessions alone', async () => {
    await writeFile(
      path.join(dataDir, CODE_BOOK_FILE),
      JSON.stringify({ version: 1, sessions: { [SESSION]: { code: 'ABCDEF', replaced: ['GHJKMN'] }, sessie0043: { code: 'PQRSTU', replaced: [] } } }),
    );
    await mkdir(path.join(dataDir, 'sessie0043'));
    await writeFile(path.join(dataDir, 'sessie0043', docFileName(sessionDocName('sessie0043'))), 'BPYLOG1\n');
    await forgetSessionCopy(dataDir, { sessionId: SESSION });
    expect(await readdir(dataDir)).not.toContain(SESSION);
    expect(await filesOf(dataDir, 'sessie0043')).toHaveLength(1);
    const book = JSON.parse(await readFile(path.join(dataDir, CODE_BOOK_FILE), 'utf8')) as { sessions: Record<string, unknown> };
    expect(Object.keys(book.sessions)).toEqual(['sessie0043']);
    // Again: nothing left to delete is fine.
    await forgetSessionCopy(dataDir, { sessionId: SESSION });
  });

  it('refuses a session id that is not an id (it names a folder)', async () => {
    await expect(forgetStoredDocs(dataDir, '..')).rejects.toThrow(/Ongeldige sessie/);
    expect(await readdir(dataDir)).toContain('sessie0043');
  });
});

describe('forgetting while live', () => {
  let live: LiveHarness;
  const providers: WebsocketProvider[] = [];
  const connect = (docName: string) => {
    const provider = connectRelay(live, docName);
    providers.push(provider);
    return provider;
  };

  beforeAll(async () => {
    live = await startLiveHarness({ sessionId: SESSION });
  });
  afterEach(() => {
    for (const provider of providers.splice(0)) provider.destroy();
  });
  afterAll(async () => {
    await live?.dispose();
  });

  it("closes a removed group's board, deletes its file and refuses it from then on; other boards carry on", async () => {
    const a = connect(boardDocName(SESSION, GROUP_A));
    const b = connect(boardDocName(SESSION, GROUP_B));
    await Promise.all([synced(a), synced(b)]);
    addNote(a.doc, HOUSE_TEMPLATE, { x: 100, y: 100, text: 'Over een kind' });
    addNote(b.doc, HOUSE_TEMPLATE, { x: 100, y: 100, text: 'Blijft' });
    const onHost = async (groupId: string) => {
      const doc = await readStoredDoc(live.dataDir, SESSION, boardDocName(SESSION, groupId));
      return doc ? readNotes(doc).map((n) => n.text) : null;
    };
    await poll(async () => (await onHost(GROUP_A))?.length === 1);
    expect(await onHost(GROUP_A)).toEqual(['Over een kind']);

    const closed = new Promise<void>((resolve) => a.once('status', ({ status }: { status: string }) => status === 'disconnected' && resolve()));
    await live.session.forgetDocs([boardDocName(SESSION, GROUP_A)]);
    await closed;
    expect(await onHost(GROUP_A)).toBeNull();
    expect(live.session.docNames()).not.toContain(boardDocName(SESSION, GROUP_A));
    expect((await refusal(live.wsUrl(SYNC_PATH_PREFIX + boardDocName(SESSION, GROUP_A)))).status).toBe(410);

    // The laptop that still holds the board keeps trying (y-websocket reconnects within 0.1–0.4 s),
    // and does not bring it back.
    addNote(a.doc, HOUSE_TEMPLATE, { x: 400, y: 100, text: 'Later nog' });
    await new Promise((r) => setTimeout(r, 600));
    expect(await onHost(GROUP_A)).toBeNull();
    addNote(b.doc, HOUSE_TEMPLATE, { x: 400, y: 100, text: 'Nog steeds' });
    await poll(async () => (await onHost(GROUP_B))?.length === 2);
    expect((await onHost(GROUP_B))?.sort()).toEqual(['Blijft', 'Nog steeds']);
  });
});

describe('POST /api/live/control {action: forget}', () => {
  let base: string;
  let dataDir: string;
  let host: RunningHost;
  let controller: LiveController;
  const post = (body: unknown) => httpRequest(host.port, 'POST', LIVE_CONTROL_PATH, { 'Content-Type': 'application/json' }, JSON.stringify(body));

  beforeAll(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'bouwplaats-forget-control-'));
    dataDir = path.join(base, 'data');
    await mkdir(path.join(base, 'renderer'));
    await writeFile(path.join(base, 'renderer', 'index.html'), '<!doctype html>');
    host = await startHost({ rootDir: path.join(base, 'renderer'), port: 0 });
    controller = new LiveController(host, { dataDir });
    installLiveControl(host, controller);
  });
  afterAll(async () => {
    await controller.stop();
    await host?.close();
    await rm(base, { recursive: true, force: true });
  });

  it('refuses to forget the session that is live (409) and deletes nothing; forgets it once stopped', async () => {
    expect((await post({ action: 'start', sessionId: SESSION, title: 'Avond' })).status).toBe(200);
    expect(await filesOf(dataDir)).toEqual([]);
    await storeDoc(dataDir, boardDocName(SESSION, GROUP_B));

    const refused = await post({ action: 'forget', sessionId: SESSION });
    expect(refused.status).toBe(409);
    expect(JSON.parse(refused.body)).toMatchObject({ live: { sessionId: SESSION, title: 'Avond' } });
    expect(await filesOf(dataDir)).not.toEqual([]);

    // Boards of removed groups go while live.
    const boards = await post({ action: 'forget', sessionId: SESSION, groupIds: [GROUP_B] });
    expect(boards.status).toBe(200);
    expect(await filesOf(dataDir)).toEqual([]);

    expect((await post({ action: 'stop' })).status).toBe(204);
    expect((await post({ action: 'forget', sessionId: SESSION })).status).toBe(200);
    expect(await readdir(dataDir)).not.toContain(SESSION);
    // The code went with it: the session gets a fresh one when it is hosted again (a copy of it
    // somewhere else), and the old code is unknown rather than "not live".
    const book = JSON.parse(await readFile(path.join(dataDir, CODE_BOOK_FILE), 'utf8')) as { sessions: Record<string, unknown> };
    expect(book.sessions[SESSION]).toBeUndefined();
  });

  it('refuses ids that are not ids', async () => {
    expect((await post({ action: 'forget', sessionId: '../data' })).status).toBe(400);
    expect((await post({ action: 'forget', sessionId: SESSION, groupIds: ['../../x'] })).status).toBe(400);
  });
});
