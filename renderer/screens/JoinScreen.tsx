import { useEffect, useMemo, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { useTranslation } from 'react-i18next';
import { newId } from '../../shared/ids';
import { DOMAINS, normaliseJoinCode, type Domain, type LiveInfo } from '../../shared/live';
import { sessionDocName } from '../../shared/schema/docNames';
import { readGroups, type Group } from '../../shared/schema/group';
import { syncLibraryEntry } from '../docs/library';
import { acquireDoc } from '../docs/openDoc';
import { navigate } from '../hooks';
import { defaultJoinAddress, fetchLiveInfo, joinGroup, JoinFailure, normaliseHostUrl } from '../live/joinApi';
import { changeTable } from '../live/changeTable';
import { enterRoom, liveRoomFor } from '../live/liveRoom';
import { useAwareness } from '../live/useLive';
import { usePresence } from '../live/usePresence';
import { loadMembership, randomPresenceColour, saveMembership, type Membership } from '../live/membership';
import { useFocusOnArrival } from '../useFocusOnArrival';

type Step = { kind: 'address' } | { kind: 'group'; hostUrl: string; code: string; info: LiveInfo; groups: Group[] };

/** A participant's membership; keeps the presence colour and roster id of an earlier visit. */
function participant(
  sessionId: string,
  hostUrl: string,
  code: string,
  previous: Membership | null,
  extra: { groupId?: string; token?: string; name?: string | undefined; domain?: Domain | undefined },
): Membership {
  return {
    sessionId,
    role: 'participant',
    hostUrl,
    code,
    joinAddresses: [],
    colour: previous?.colour ?? randomPresenceColour(),
    // The same record in the roster whenever this device joins this session again.
    participantId: previous?.participantId ?? newId(),
    ...(extra.groupId ? { groupId: extra.groupId } : {}),
    ...(extra.token ? { token: extra.token } : {}),
    ...(extra.name ? { name: extra.name } : {}),
    ...(extra.domain ? { domain: extra.domain } : {}),
  };
}

export function JoinScreen({ initialCode }: { initialCode?: string }) {
  const { t } = useTranslation();
  const [address, setAddress] = useState(defaultJoinAddress);
  const [code, setCode] = useState(initialCode ?? '');
  const [step, setStep] = useState<Step>({ kind: 'address' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const lookUp = async () => {
    const hostUrl = normaliseHostUrl(address);
    const joinCode = normaliseJoinCode(code);
    if (!hostUrl) return setError(t('join.errors.address'));
    if (!joinCode) return setError(t('join.errors.codeFormat'));
    setError(null);
    setBusy(true);
    try {
      const info = await fetchLiveInfo(hostUrl, joinCode);
      // Sync the session doc (groups, questions) before choosing a group. Someone already in this
      // session with this code (back on the join screen with the browser's Back) keeps their room
      // as it is: entering it without their group would stop their board from syncing.
      const previous = await loadMembership(info.sessionId);
      const same = previous?.role === 'participant' && previous.hostUrl === hostUrl && previous.code === joinCode;
      await enterRoom(same ? previous : participant(info.sessionId, hostUrl, joinCode, previous, { name: previous?.name }));
      const { stored, release } = await acquireDoc(sessionDocName(info.sessionId));
      const groups = await waitForGroups(stored.doc);
      release();
      // The host answered over HTTP, but nothing came over its live socket: say so, not "no groups".
      if (groups.length === 0 && liveRoomFor(info.sessionId)?.getSnapshot().status !== 'live') {
        setError(t('join.errors.relayBlocked'));
        return;
      }
      setStep({ kind: 'group', hostUrl, code: joinCode, info, groups });
    } catch (e) {
      setError(e instanceof JoinFailure ? t(`join.errors.${e.reason}`) : t('join.errors.unreachable'));
    } finally {
      setBusy(false);
    }
  };

  // The QR code's link carries the code and was served by the host: look the session up at once.
  const autoLookUp = useRef(Boolean(initialCode && address));
  useEffect(() => {
    if (!autoLookUp.current) return;
    autoLookUp.current = false;
    void lookUp();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on arrival through the link
  }, []);

  if (step.kind === 'group') return <ChooseGroup step={step} />;

  return (
    <main className="page narrow-page">
      <h1>{t('join.title')}</h1>
      <p>{t('join.intro')}</p>
      <form
        className="card-form"
        onSubmit={(e) => {
          e.preventDefault();
          void lookUp();
        }}
      >
        <label className="field">
          <span>{t('join.address')}</span>
          <input
            name="address"
            value={address}
            onChange={(e) => setAddress(e.target.value)}
            placeholder="192.168.1.20:4173"
            inputMode="url"
            autoComplete="off"
          />
        </label>
        <label className="field">
          <span>{t('join.code')}</span>
          <input
            name="code"
            className="code-input"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            placeholder="ABC-DEF"
            autoComplete="off"
            autoCapitalize="characters"
            autoFocus
          />
        </label>
        {error && (
          <p role="alert" className="banner error">
            {error}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('join.looking') : t('join.next')}
          </button>
        </div>
      </form>
    </main>
  );
}

/** Resolves with the session's groups once they have synced (or after a short wait). */
function waitForGroups(doc: Y.Doc): Promise<Group[]> {
  return new Promise((resolve) => {
    const finish = () => {
      doc.off('update', check);
      clearTimeout(timer);
      resolve(readGroups(doc));
    };
    const check = () => {
      if (readGroups(doc).length > 0) finish();
    };
    const timer = setTimeout(finish, 10_000);
    doc.on('update', check);
    check();
  });
}

function ChooseGroup({ step }: { step: Extract<Step, { kind: 'group' }> }) {
  const { t } = useTranslation();
  // Nothing chosen for a newcomer: whoever clicks on must pick their own table.
  const [groupId, setGroupId] = useState('');
  const counts = useGroupCounts(step.info.sessionId);
  const [name, setName] = useState('');
  const [domain, setDomain] = useState<Domain | ''>('');
  const [error, setError] = useState<string | null>(null);
  // A new step on the same address: the keyboard goes to its heading, as on a new screen (the
  // code field that had it is gone).
  useFocusOnArrival('join-group');

  useEffect(() => {
    void loadMembership(step.info.sessionId).then((m) => {
      if (m?.name) setName(m.name);
      if (m?.domain) setDomain(m.domain);
      if (m?.groupId) setGroupId(m.groupId);
    });
  }, [step.info.sessionId]);

  const join = async () => {
    if (!groupId) return setError(t('join.errors.noGroup'));
    const previous = await loadMembership(step.info.sessionId);
    try {
      // The seat at this table: the host lets this laptop write this group's board only.
      const token = await joinGroup(step.hostUrl, step.code, groupId);
      const membership = participant(step.info.sessionId, step.hostUrl, step.code, previous, {
        groupId,
        token,
        name: name.trim().slice(0, 80),
        domain: domain || undefined,
      });
      // Another table than before: what this laptop added to the new table's board while it sat
      // elsewhere stays out of it (changeTable.ts), settled before the seat is saved.
      if (previous?.role !== 'facilitator') await changeTable(step.info.sessionId, previous?.groupId, groupId);
      await saveMembership(membership);
      await enterRoom(membership);
      const { stored, release } = await acquireDoc(sessionDocName(step.info.sessionId));
      await syncLibraryEntry(step.info.sessionId, stored.doc, true).catch(() => {});
      release();
      navigate({ name: 'board', sessionId: step.info.sessionId, groupId });
    } catch (e) {
      setError(e instanceof JoinFailure ? t(`join.errors.${e.reason}`) : t('join.errors.unreachable'));
    }
  };

  return (
    <main className="page narrow-page">
      <h1>{step.info.title}</h1>
      <form
        className="card-form"
        onSubmit={(e) => {
          e.preventDefault();
          void join();
        }}
      >
        <fieldset className="group-choice">
          <legend>{t('join.chooseGroup')}</legend>
          {step.groups.length === 0 && <p className="muted">{t('join.noGroupsYet')}</p>}
          {step.groups.map((g) => (
            <label key={g.id} className="choice">
              <input type="radio" name="group" value={g.id} checked={groupId === g.id} onChange={() => setGroupId(g.id)} />
              <span>{g.name}</span>
              <span className="muted choice-count">{t('join.inGroup', { count: counts.get(g.id) ?? 0 })}</span>
            </label>
          ))}
        </fieldset>
        <label className="field">
          <span>
            {t('join.name')} <span className="muted">({t('common.optional')})</span>
          </span>
          <input name="name" value={name} maxLength={80} onChange={(e) => setName(e.target.value)} autoComplete="given-name" />
        </label>
        <label className="field">
          <span>
            {t('join.domain')} <span className="muted">({t('common.optional')})</span>
          </span>
          <select name="domain" value={domain} onChange={(e) => setDomain(e.target.value as Domain | '')}>
            <option value="">—</option>
            {DOMAINS.map((d) => (
              <option key={d} value={d}>
                {t(`domains.${d}`)}
              </option>
            ))}
          </select>
        </label>
        {error && (
          <p role="alert" className="banner error">
            {error}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="primary">
            {t('join.join')}
          </button>
        </div>
      </form>
    </main>
  );
}

/** How many participants are in each group right now (group id → count), from their presence. */
function useGroupCounts(sessionId: string): Map<string, number> {
  const awareness = useAwareness(liveRoomFor(sessionId), sessionDocName(sessionId));
  const people = usePresence(awareness);
  return useMemo(() => {
    const counts = new Map<string, number>();
    for (const p of people) {
      if (p.user.role === 'participant' && p.user.groupId) counts.set(p.user.groupId, (counts.get(p.user.groupId) ?? 0) + 1);
    }
    return counts;
  }, [people]);
}
