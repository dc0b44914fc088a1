import * as Y from 'yjs';
import type { DocKind } from './docNames';
import { SESSION_DOC_VERSIONS } from './session';
import { BOARD_DOC_VERSIONS } from './note';
import { ROOM_DOC_VERSION } from './room';

/**
 * Every doc says which layout it has: a root Y.Map `docVersion` holding
 *   `kind`  the doc's kind ('session', 'room', 'board'), for tools that read a doc on its own;
 *   `"<n>"` true, for each version the doc has been brought to.
 * The doc's version is the highest n present; a doc without any (written before versions, by
 * every app up to and including 0.1.0) is version 1.
 *
 * Why one key per version and not one `version` number: Yjs resolves two laptops writing the same
 * key at once by client id, not by size, so a v2 app and a v3 app migrating one doc offline could
 * end up saying 2 over a doc that holds v3 changes. Keys written side by side all survive a merge:
 * the highest one wins, on every laptop.
 *
 * `migrate(doc, kind)` runs wherever a doc is opened: the renderer (renderer/docs/openDoc.ts, after
 * IndexedDB is read), the host (electron/host/relay.ts, after its log is read) and, later, archive
 * import (call it on each doc of the archive after validating it, before anything is stored). It
 * brings an older doc up to this app's version and says when the doc is newer than this app knows:
 * such a doc is opened read-only, and nothing of this app is written into it.
 *
 * Rules for a migration (each record file keeps its kind's list, e.g. SESSION_DOC_VERSIONS):
 * - additive: it adds what the new version needs and never removes or renames what older apps
 *   read (an older app may still read the doc until it is updated);
 * - idempotent and convergent: two laptops may run it on the same doc at once, offline, and their
 *   changes merge. So it only writes what it can derive from the doc itself (both write the same
 *   values), checks before it writes, and does not create a nested shared type (Y.Map, Y.Text)
 *   under a key another laptop may create at the same time unless its content is derived as well
 *   (of two such types, one wins a merge and the other's content is lost);
 * - one version up: `to` is the version it brings the doc to; steps run in order.
 * Bump LIVE_PROTOCOL_VERSION (shared/live.ts) together with a kind's version.
 */

/** The root map's name; no other root type of any doc uses it. */
export const DOC_VERSION_MAP = 'docVersion';

/** Marks the writes of a migration: bookkeeping, never a step of anyone's undo. */
export const MIGRATION_ORIGIN = Symbol('bouwplaats.migration');

/** One step of a kind's layout. */
export interface Migration {
  /** The version this step brings the doc to (2 for the step from 1 to 2). */
  readonly to: number;
  /** What changes, in a few words (shown in logs and tests). */
  readonly name: string;
  /** Makes the change inside the migration's transaction; see the rules above. */
  readonly up: (doc: Y.Doc) => void;
}

/** A kind's current version and the steps that lead there from version 1. */
export interface DocKindVersions {
  readonly current: number;
  readonly migrations: readonly Migration[];
}

/** Each kind's versions, as this app knows them. */
export const DOC_VERSIONS: Readonly<Record<DocKind, DocKindVersions>> = {
  session: SESSION_DOC_VERSIONS,
  board: BOARD_DOC_VERSIONS,
  // The room doc (roster, votes, "we are done"); room.ts keeps its steps once it has any.
  room: { current: ROOM_DOC_VERSION, migrations: [] },
};

/** What a doc says about itself. */
export interface DocVersion {
  /** The kind it was stamped with; null when it was never stamped. */
  readonly kind: string | null;
  /** Its version: the highest stamped, or 1 for a doc without any. */
  readonly version: number;
  /** Whether any version was stamped. */
  readonly stamped: boolean;
}

/** Whether this app may write into a doc, and why not. */
export type DocAccess =
  | { readonly readOnly: false }
  /**
   * `newer`: written by a newer Bouwplaats (version above what this app knows);
   * `other-kind`: the doc says it is another kind of doc than its name does.
   */
  | { readonly readOnly: true; readonly reason: 'newer' | 'other-kind'; readonly version: number };

export const WRITABLE: DocAccess = { readOnly: false };

const VERSION_KEY = /^[1-9]\d{0,5}$/;

export function docVersionMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(DOC_VERSION_MAP);
}

/** Reads the doc's version (never writes). Keys that are not versions are ignored. */
export function readDocVersion(doc: Y.Doc): DocVersion {
  const map = docVersionMap(doc);
  let version = 0;
  for (const key of map.keys()) if (VERSION_KEY.test(key) && map.get(key) === true) version = Math.max(version, Number(key));
  const kind = map.get('kind');
  return { kind: typeof kind === 'string' ? kind : null, version: version || 1, stamped: version > 0 };
}

/** True while nothing at all was ever written into the doc (nothing to migrate or stamp yet). */
export function isEmptyDoc(doc: Y.Doc): boolean {
  // An empty state vector is one byte: its length, 0.
  return Y.encodeStateVector(doc).byteLength <= 1;
}

/** What this app may do with `doc`, read from its version (never writes). */
export function docAccess(doc: Y.Doc, kind: DocKind, versions: DocKindVersions = DOC_VERSIONS[kind]): DocAccess {
  const { kind: stampedKind, version } = readDocVersion(doc);
  if (version > versions.current) return { readOnly: true, reason: 'newer', version };
  if (stampedKind !== null && stampedKind !== kind) return { readOnly: true, reason: 'other-kind', version };
  return WRITABLE;
}

/**
 * Marks `doc` as a `kind` doc of this app's version: writes only the keys that are missing, so a
 * doc already stamped gets no update at all. Call it inside the transaction that first fills a
 * new doc (initSessionDoc does); migrate() calls it after its steps.
 */
export function stampDocVersion(doc: Y.Doc, kind: DocKind, current = DOC_VERSIONS[kind].current): void {
  const map = docVersionMap(doc);
  if (map.get('kind') !== kind) map.set('kind', kind);
  const key = String(current);
  if (map.get(key) !== true) map.set(key, true);
}

/** What migrate() did. */
export interface MigrateResult {
  readonly access: DocAccess;
  /** The version the doc had before. */
  readonly from: number;
  /** Names of the steps that ran (none when the doc was current, empty, or newer). */
  readonly ran: readonly string[];
}

/**
 * Brings `doc` to this app's version of `kind`: runs the steps above its version in one
 * transaction (origin MIGRATION_ORIGIN unless given) and stamps it. Writes nothing when the doc is
 * already current, when it is empty (nothing was ever written: it is stamped by whoever fills it,
 * or by the next migrate after something arrived), and when it is newer than this app knows or of
 * another kind (then its access says read-only). Running it again changes nothing.
 */
export function migrate(doc: Y.Doc, kind: DocKind, origin: unknown = MIGRATION_ORIGIN): MigrateResult {
  return migrateWith(doc, kind, DOC_VERSIONS[kind], origin);
}

/** migrate() with the given versions (tests use made-up kinds' steps). */
export function migrateWith(doc: Y.Doc, kind: DocKind, versions: DocKindVersions, origin: unknown = MIGRATION_ORIGIN): MigrateResult {
  const before = readDocVersion(doc);
  const access = docAccess(doc, kind, versions);
  if (access.readOnly || isEmptyDoc(doc)) return { access, from: before.version, ran: [] };
  if (before.stamped && before.kind === kind && before.version === versions.current) return { access, from: before.version, ran: [] };
  const ran: string[] = [];
  doc.transact(() => {
    const map = docVersionMap(doc);
    for (const step of [...versions.migrations].sort((a, b) => a.to - b.to)) {
      if (step.to <= before.version || step.to > versions.current) continue;
      step.up(doc);
      map.set(String(step.to), true);
      ran.push(step.name);
    }
    stampDocVersion(doc, kind, versions.current);
  }, origin);
  return { access, from: before.version, ran };
}
