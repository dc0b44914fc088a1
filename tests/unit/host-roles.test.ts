import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CODE_PARAM, JOIN_PATH, JoinAnswerSchema, LIVE_INFO_PATH, LIVE_PROTOCOL_VERSION, LiveRefusalSchema, RELAY_CLOSE, SIGNALING_PATH, SYNC_PATH_PREFIX, TOKEN_PARAM, VERSION_PARAM } from '../../shared/live';
import { writeRunFields } from '../../shared/schema/agenda';
import { boardDocName, roomDocName, sessionDocName } from '../../shared/schema/docNames';
import { addGroup } from '../../shared/schema/group';
import { addNote } from '../../shared/schema/note';
import { isTableDone, setTableDone } from '../../shared/schema/tableDone';
import { HOUSE_TEMPLATE } from '../../shared/template/house';
import { metaMap, writeSessionMeta } from '../../shared/schema/session';
import { readStoredDoc } from '../../electron/host/docStore';
import { LiveController } from '../../electron/host/live';
import { TokenMint, mayClaim } from '../../electron/host/roles';
import { startHost } from '../../electron/host/server';
import { connectRelay, synced, until } from './support/relayClient';
import { TestSocket, eventually, httpRequest, refusal, startLiveHarness, type LiveHarness } from './support/liveHost';

/**
 * Issue 10, item 1: with only the join code, a participant could read and overwrite other groups'
 * boards, write the session doc (title, 100,000-character questions, deleting groups), and fill the
 * session's doc slots with made-up board ids. Each is tried here against a real host, with the
 * real y-websocket client as a laptop's app would send it.
 */

const SESSION = 'rollen0001';
let live: LiveHarness;
let facilitator: WebsocketProvider;
let groupA = '';
let groupB = '';
const providers: WebsocketProvider[] = [];

const join = (groupId: string, headers: Record<string, string> = {}) =>
  httpRequest(
    live.host.port,
    'POST',
    `${JOIN_PATH}?${VERSION_PARAM}=${LIVE_PROTOCOL_VERSION}&${CODE_PARAM}=${live.session.code}`,
    { 'Content-Type': 'application/json', ...headers },
    JSON.stringify({ groupId }),
  );

async function seat(groupId: string): Promise<string> {
  const answer = await join(groupId);
  expect(answer.status).toBe(200);
  return JoinAnswerSchema.parse(JSON.parse(answer.body)).token;
}

const titleOf = (doc: Y.Doc) => metaMap(doc).get('title');

function laptop(docName: string, token: string | null, doc = new Y.Doc()): WebsocketProvider {
  const provider = connectRelay(live, docName, doc, token);
  providers.push(provider);
  return provider;
}

beforeEach(async () => {
  live = await startLiveHarness({ sessionId: SESSION });
  facilitator = laptop(sessionDocName(SESSION), live.session.token);
  await synced(facilitator);
  writeSessionMeta(facilitator.doc, { title: 'Zo thuis mogelijk' });
  groupA = addGroup(facilitator.doc, 'Groep 1');
  groupB = addGroup(facilitator.doc, 'Groep 2');
  // The host has them once a fresh copy from the host holds them.
  const check = laptop(sessionDocName(SESSION), live.session.token);
  await until(check.doc, (d) => titleOf(d) === 'Zo thuis mogelijk' && d.getMap('groups').size === 2);
});

afterEach(async () => {
  for (const provider of providers.splice(0)) provider.destroy();
  await live.dispose();
});

describe('roles: a participant with the code', () => {
  it('gets a seat only at a group that exists, and only from Bouwplaats itself', async () => {
    expect(JoinAnswerSchema.parse(JSON.parse((await join(groupA)).body))).toMatchObject({ role: 'participant', groupId: groupA });
    const gone = await join('verzonnen01');
    expect(gone.status).toBe(404);
    expect(LiveRefusalSchema.parse(JSON.parse(gone.body)).reason).toBe('no-such-group');
    expect((await join(groupA, { Origin: 'http://evil.example' })).status).toBe(403);
    const wrongCode = await httpRequest(live.host.port, 'POST', `${JOIN_PATH}?${VERSION_PARAM}=${LIVE_PROTOCOL_VERSION}&${CODE_PARAM}=ZZZZZZ`, { 'Content-Type': 'application/json' }, JSON.stringify({ groupId: groupA }));
    expect(wrongCode.status).toBe(403);
    expect((await httpRequest(live.host.port, 'POST', `${JOIN_PATH}?${VERSION_PARAM}=${LIVE_PROTOCOL_VERSION}&${CODE_PARAM}=${live.session.code}`, { 'Content-Type': 'application/json' }, '{"groupId": 12')).status).toBe(400);
  });

  it("writes its own group's board; cannot open another group's, nor a board of a group that does not exist", async () => {
    const token = await seat(groupA);
    const own = laptop(boardDocName(SESSION, groupA), token);
    await synced(own);
    const id = addNote(own.doc, HOUSE_TEMPLATE, { x: 100, y: 900, text: 'Samen met school' });
    const watcher = laptop(boardDocName(SESSION, groupA), live.session.token);
    await until(watcher.doc, (d) => d.getMap('notes').has(id));

    expect((await refusal(live.wsUrl(SYNC_PATH_PREFIX + boardDocName(SESSION, groupB), live.session.code, token))).status).toBe(403);
    // Made-up boards never take one of the session's doc slots.
    const before = live.session.docNames().length;
    for (let i = 0; i < 70; i++) {
      const made = boardDocName(SESSION, `verzonnen${String(i).padStart(3, '0')}`);
      expect((await refusal(live.wsUrl(SYNC_PATH_PREFIX + made, live.session.code, token))).status).toBe(403);
    }
    expect(live.session.docNames()).toHaveLength(before);
    expect(live.session.stats().relay.readsRefused).toBe(71);
  });

  it('cannot write the session doc: a new title, a 100,000-character question or a removed group never reach the host or anyone', async () => {
    const token = await seat(groupA);
    const attacker = laptop(sessionDocName(SESSION), token);
    await synced(attacker);
    writeSessionMeta(attacker.doc, { title: 'Overgenomen' });
    attacker.doc.getMap('questions').set('roof', 'x'.repeat(100_000));
    attacker.doc.getMap('groups').delete(groupB);
    await eventually(() => live.session.stats().relay.writesRefused >= 1);

    const fresh = laptop(sessionDocName(SESSION), null);
    await synced(fresh);
    expect(titleOf(fresh.doc)).toBe('Zo thuis mogelijk');
    expect(fresh.doc.getMap('groups').has(groupB)).toBe(true);
    expect(facilitator.doc.getMap('questions').get('roof')).toBeUndefined();
    await live.stop();
    const stored = await readStoredDoc(live.dataDir, SESSION, sessionDocName(SESSION));
    expect(titleOf(stored!)).toBe('Zo thuis mogelijk');
    expect(stored!.getMap('groups').size).toBe(2);
  });

  it('writes the room doc (the roster, "wij zijn klaar")', async () => {
    const token = await seat(groupA);
    const room = laptop(roomDocName(SESSION), token);
    await synced(room);
    setTableDone(room.doc, groupA, 'fase00001', true);
    const other = laptop(roomDocName(SESSION), live.session.token);
    await until(other.doc, (d) => isTableDone(d, groupA, 'fase00001'));
  });

  it("watches other groups' boards only while everyone follows the projector, and is let go when that ends", async () => {
    const token = await seat(groupA);
    const boardB = boardDocName(SESSION, groupB);
    expect((await refusal(live.wsUrl(SYNC_PATH_PREFIX + boardB, live.session.code, token))).status).toBe(403);
    writeRunFields(facilitator.doc, { follow: true });
    const check = laptop(sessionDocName(SESSION), live.session.token);
    await until(check.doc, (d) => d.getMap('run').get('follow') === true);

    const watching = await TestSocket.open(live.wsUrl(SYNC_PATH_PREFIX + boardB, live.session.code, token));
    writeRunFields(facilitator.doc, { follow: false });
    const closed = await watching.closed;
    expect(closed).toEqual({ code: RELAY_CLOSE.notAllowed, reason: 'not-allowed' });
    expect((await refusal(live.wsUrl(SYNC_PATH_PREFIX + boardB, live.session.code, token))).status).toBe(403);
  });

  it("cannot claim to be the facilitator, or to sit at another group's table, in its presence", async () => {
    const token = await seat(groupA);
    const socket = await TestSocket.open(live.wsUrl(SYNC_PATH_PREFIX + sessionDocName(SESSION), live.session.code, token));
    const presence = (clientId: number, user: object) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 1);
      encoding.writeVarUint8Array(encoder, awarenessUpdate(clientId, { user }));
      socket.send(Buffer.from(encoding.toUint8Array(encoder)));
    };
    presence(1001, { name: 'Begeleider', role: 'facilitator', colour: '#000000' });
    presence(1002, { name: 'Sam', role: 'participant', groupId: groupB, colour: '#000000' });
    presence(1003, { name: 'Amira', role: 'participant', groupId: groupA, colour: '#d81b60' });
    await eventually(() => live.session.stats().relay.presenceRefused === 2);
    const seen = laptop(sessionDocName(SESSION), live.session.token);
    await synced(seen);
    await eventually(() => seen.awareness.getStates().has(1003));
    expect(seen.awareness.getStates().has(1001)).toBe(false);
    expect(seen.awareness.getStates().has(1002)).toBe(false);
    await socket.close();
  });
});

describe('roles: a participant whose group the facilitator removes', () => {
  it('still reads the session doc (and so sees the group gone), but its board no longer opens', async () => {
    const token = await seat(groupB);
    facilitator.doc.getMap('groups').delete(groupB);
    const check = laptop(sessionDocName(SESSION), live.session.token);
    await until(check.doc, (d) => !d.getMap('groups').has(groupB));
    const session = laptop(sessionDocName(SESSION), token);
    await until(session.doc, (d) => d.getMap('groups').size === 1);
    expect((await refusal(live.wsUrl(SYNC_PATH_PREFIX + boardDocName(SESSION, groupB), live.session.code, token))).status).toBe(403);
    const info = await httpRequest(live.host.port, 'GET', `${LIVE_INFO_PATH}?${new URLSearchParams({ [CODE_PARAM]: live.session.code, [VERSION_PARAM]: String(LIVE_PROTOCOL_VERSION), [TOKEN_PARAM]: token })}`);
    expect(info.status).toBe(200);
  });
});

describe('roles: a guest (the code, no seat yet), a projector and forged tokens', () => {
  it('a guest reads the session doc and the room doc, and nothing else', async () => {
    const guest = laptop(sessionDocName(SESSION), null);
    await until(guest.doc, (d) => d.getMap('groups').size === 2);
    await synced(laptop(roomDocName(SESSION), null));
    expect((await refusal(live.wsUrl(SYNC_PATH_PREFIX + boardDocName(SESSION, groupA), live.session.code, null))).status).toBe(403);
  });

  it('a projector reads every board and writes none', async () => {
    const board = boardDocName(SESSION, groupB);
    const group = laptop(board, await seat(groupB));
    await synced(group);
    const id = addNote(group.doc, HOUSE_TEMPLATE, { x: 100, y: 900, text: 'Korte lijnen' });
    const projector = laptop(board, live.session.projectorToken);
    await until(projector.doc, (d) => d.getMap('notes').has(id));
    projector.doc.getMap('notes').delete(id);
    await eventually(() => live.session.stats().relay.writesRefused >= 1);
    const fresh = laptop(board, live.session.token);
    await synced(fresh);
    expect(fresh.doc.getMap('notes').has(id)).toBe(true);
  });

  it('refuses a forged, altered or foreign token with bad-token, on sockets and on /api/live', async () => {
    const real = await seat(groupA);
    const [letter, group, nonce, mac] = real.split('.');
    const forged = [
      `f.${group}.${nonce}.${mac}`,
      `g.${groupB}.${nonce}.${mac}`,
      `${letter}.${group}.${nonce}.${mac!.slice(0, -2)}AA`,
      new TokenMint(Buffer.alloc(32, 7), live.session.code).issue('facilitator'),
      'x'.repeat(5000),
      '....',
    ];
    for (const token of forged) {
      const refused = await refusal(live.wsUrl(SIGNALING_PATH, live.session.code, token));
      expect(refused.status).toBe(403);
      expect(JSON.parse(refused.body).reason).toBe('bad-token');
      const info = await httpRequest(live.host.port, 'GET', `${LIVE_INFO_PATH}?${new URLSearchParams({ [CODE_PARAM]: live.session.code, [VERSION_PARAM]: String(LIVE_PROTOCOL_VERSION), [TOKEN_PARAM]: token })}`);
      expect(LiveRefusalSchema.parse(JSON.parse(info.body)).reason).toBe('bad-token');
    }
  });

  it('admits a participant to the WebRTC room of its own board only', async () => {
    const token = await seat(groupA);
    const signal = await TestSocket.open(live.wsUrl(SIGNALING_PATH, live.session.code, token));
    signal.send({ type: 'subscribe', topics: [boardDocName(SESSION, groupA), boardDocName(SESSION, groupB), sessionDocName(SESSION), roomDocName(SESSION)] });
    await signal.roundTrip();
    const { signaling } = live.session.stats();
    expect(signaling.subscriptions).toBe(1);
    expect(signaling.ignored).toBe(3);
    await signal.close();
  });
});

describe('roles: what the host panel and the disk show', () => {
  it('counts devices, not sockets: a laptop on three docs is one, the facilitator included', async () => {
    // beforeEach: the facilitator's app on the session doc, with two sockets: one device.
    expect(live.session.stats().relay.clients).toBe(2);
    expect(live.session.stats().relay.devices).toBe(1);
    const token = await seat(groupA);
    for (const name of [sessionDocName(SESSION), roomDocName(SESSION), boardDocName(SESSION, groupA)]) await synced(laptop(name, token));
    await eventually(() => live.session.stats().relay.devices === 2);
    await synced(laptop(sessionDocName(SESSION), null));
    await eventually(() => live.session.stats().relay.devices === 3);
  });

  it("keeps what groups wrote readable to this user only (files 600, folders 700)", async () => {
    const own = laptop(boardDocName(SESSION, groupA), await seat(groupA));
    await synced(own);
    addNote(own.doc, HOUSE_TEMPLATE, { x: 100, y: 900, text: 'Over een gezin' });
    await live.stop();
    const dir = path.join(live.dataDir, SESSION);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    const files = await readdir(dir);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(((await stat(path.join(dir, file))).mode & 0o777).toString(8)).toBe('600');
  });
});

describe('roles: tokens across restarts and new codes', () => {
  it('keeps the tokens it gave out when the host restarts; a new code ends them', async () => {
    const base = await mkdtemp(path.join(tmpdir(), 'bouwplaats-roles-'));
    const rootDir = path.join(base, 'renderer');
    await import('node:fs/promises').then((fs) => fs.mkdir(rootDir, { recursive: true }));
    await writeFile(path.join(rootDir, 'index.html'), '<!doctype html>');
    const dataDir = path.join(base, 'data');
    const infoWith = (port: number, code: string, token: string) =>
      httpRequest(port, 'GET', `${LIVE_INFO_PATH}?${new URLSearchParams({ [CODE_PARAM]: code, [VERSION_PARAM]: String(LIVE_PROTOCOL_VERSION), [TOKEN_PARAM]: token })}`);
    try {
      let host = await startHost({ rootDir, port: 0 });
      let controller = new LiveController(host, { dataDir });
      const first = await controller.start({ sessionId: SESSION, title: 'Ochtend' });
      const token = first.token;
      await controller.stop();
      await host.close();

      host = await startHost({ rootDir, port: 0 });
      controller = new LiveController(host, { dataDir });
      const again = await controller.start({ sessionId: SESSION, title: 'Ochtend' });
      expect(again.code).toBe(first.code);
      expect((await infoWith(host.port, again.code, token)).status).toBe(200);

      const renewed = await controller.start({ sessionId: SESSION, title: 'Ochtend', newCode: true });
      const old = await infoWith(host.port, renewed.code, token);
      expect(LiveRefusalSchema.parse(JSON.parse(old.body)).reason).toBe('bad-token');
      expect((await infoWith(host.port, renewed.code, renewed.token)).status).toBe(200);
      await controller.stop();
      await host.close();
    } finally {
      await rm(base, { recursive: true, force: true });
    }
  });
});

describe('roles: who may claim what in a presence state (mayClaim)', () => {
  it('lets the facilitator claim anything, a participant only itself, a projector nothing', () => {
    const participant = { role: 'participant' as const, groupId: 'groep00001', client: 'n' };
    expect(mayClaim({ role: 'facilitator', client: 'n' }, { role: 'facilitator' })).toBe(true);
    expect(mayClaim(participant, { role: 'participant', groupId: 'groep00001' })).toBe(true);
    expect(mayClaim(participant, { role: 'participant' })).toBe(true);
    expect(mayClaim(participant, { role: 'facilitator' })).toBe(false);
    expect(mayClaim(participant, { role: 'participant', groupId: 'groep00002' })).toBe(false);
    expect(mayClaim(participant, 'facilitator')).toBe(false);
    expect(mayClaim({ role: 'guest', client: '' }, { role: 'participant', groupId: 'groep00001' })).toBe(false);
    expect(mayClaim({ role: 'projector', client: 'n' }, { role: 'participant' })).toBe(false);
  });
});

/** One awareness entry, as y-protocols encodes it: count, client id, clock, JSON state. */
function awarenessUpdate(clientId: number, state: object): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, clientId);
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarString(encoder, JSON.stringify(state));
  const update = encoding.toUint8Array(encoder);
  // It must read back as y-protocols reads it.
  const check = decoding.createDecoder(update);
  expect(decoding.readVarUint(check)).toBe(1);
  void awarenessProtocol;
  return update;
}
