import { parseDocName } from '../../shared/schema/docNames';
import { clearMembership, loadMembership } from '../live/membership';
import { platform } from '../platform';
import { library } from './library';
import { acquireDoc, deleteStoredDoc, watchOpenDocs } from './openDoc';
import { SessionDocs } from './sessionDocs';

/** What runs on this page when a session is deleted here (the live room leaves it). */
const leaveListeners = new Set<(sessionId: string) => void>();

/** Hears when a session is being deleted on this device, before its docs go. */
export function onSessionLeave(listener: (sessionId: string) => void): () => void {
  leaveListeners.add(listener);
  return () => leaveListeners.delete(listener);
}

const owners = new Map<string, SessionDocs>();

/** The one owner of `sessionId`'s docs on this page (see SessionDocs). */
export function sessionDocs(sessionId: string): SessionDocs {
  let owner = owners.get(sessionId);
  if (!owner) {
    owner = new SessionDocs(sessionId, {
      acquire: acquireDoc,
      deleteStored: deleteStoredDoc,
      storedDocNames: async () => (typeof indexedDB.databases === 'function' ? (await indexedDB.databases()).map((d) => d.name ?? '') : null),
      index: library,
      forgetHosted: (request) => platform.forgetSession(request),
      liveHere: async (id) => (await loadMembership(id))?.role === 'facilitator',
      leave: async (id) => {
        leaveListeners.forEach((l) => l(id));
        await clearMembership(id);
      },
    });
    owners.set(sessionId, owner);
  }
  return owner;
}

// Every board this page opens is counted by its session's owner, whoever opened it (the board
// screen, the live room, the session page's recount): one writer of the note counts.
watchOpenDocs((stored) => {
  const parsed = parseDocName(stored.name);
  return parsed?.kind === 'board' ? sessionDocs(parsed.sessionId).countBoard(parsed.groupId, stored.doc) : undefined;
});
