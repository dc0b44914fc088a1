import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import { docNameFromFile, parseLog, replay } from '../../../electron/host/docStore';

/**
 * The v1 fixtures (tests/fixtures/v1, see its README): a session and its boards as the app stored
 * them before docs carried a version, in IndexedDB's layout and in the host's logs.
 */

export const V1_DIR = fileURLToPath(new URL('../../fixtures/v1/', import.meta.url));

export interface ExpectedNote {
  text: string;
  zone: string;
  colour: string;
  author?: string;
  domain?: string;
}

export interface V1Expected {
  sessionId: string;
  title: string;
  groups: { id: string; name: string; notes: ExpectedNote[] }[];
}

export interface V1Database {
  name: string;
  updates: { key: number; base64: string }[];
  custom: { key: string; value: unknown }[];
}

export async function v1Expected(): Promise<V1Expected> {
  return JSON.parse(await readFile(path.join(V1_DIR, 'expected.json'), 'utf8')) as V1Expected;
}

/** The facilitator's IndexedDB databases, as dumped. */
export async function v1Databases(): Promise<V1Database[]> {
  return (JSON.parse(await readFile(path.join(V1_DIR, 'indexeddb.json'), 'utf8')) as { databases: V1Database[] }).databases;
}

/** A database's updates replayed in key order, as the renderer loads them. */
export function docFromDatabase(database: V1Database): Y.Doc {
  const doc = new Y.Doc();
  for (const { base64 } of [...database.updates].sort((a, b) => a.key - b.key)) Y.applyUpdate(doc, Buffer.from(base64, 'base64'));
  return doc;
}

/** The folder holding the host's logs of the fixture session. */
export function v1HostDir(sessionId: string): string {
  return path.join(V1_DIR, 'host', sessionId);
}

/** Each doc of the host's logs, replayed as the host loads them: doc name → doc. */
export async function v1HostDocs(sessionId: string): Promise<Map<string, Y.Doc>> {
  const docs = new Map<string, Y.Doc>();
  for (const file of await readdir(v1HostDir(sessionId))) {
    const name = docNameFromFile(file);
    if (!name) continue;
    const doc = new Y.Doc();
    const problem = replay(doc, parseLog(await readFile(path.join(v1HostDir(sessionId), file))));
    if (problem) throw new Error(`${file}: ${problem}`);
    docs.set(name, doc);
  }
  return docs;
}

/** The notes of a board as the fixture's expected.json lists them (sorted by text). */
export function notesAsExpected(notes: readonly ExpectedNote[]): ExpectedNote[] {
  return notes
    .map(({ text, zone, colour, author, domain }) => ({ text, zone, colour, ...(author ? { author } : {}), ...(domain ? { domain } : {}) }))
    .sort((a, b) => a.text.localeCompare(b.text));
}
