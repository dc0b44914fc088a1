import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sessionDocName } from '../../shared/schema/docNames';
import { readSessionMeta } from '../../shared/schema/session';
import { SessionFormSchema, readSessionForm, type SessionForm } from '../../shared/schema/sessionEdit';
import { templateById } from '../../shared/template/house';
import { Dialog } from '../components/Dialog';
import type { StoredDoc } from '../docs/openDoc';
import { countBoardNotes, saveSessionEdit } from '../docs/sessionEdit';
import { navigate, routeHref, useDocAccess, useStoredDoc } from '../hooks';
import { readOnlyReasonKey } from '../components/ReadOnlyNotice';
import { loadMembership, type Membership } from '../live/membership';
import { isParticipantBrowser } from '../platform/device';
import { DetailsFields, type Details } from '../sessionForm/DetailsFields';
import { ErrorSummary, FIELD, focusField, useFieldErrors, useFocusFirstInvalid } from '../sessionForm/fields';
import { GroupListFields, groupRowField, type GroupRow } from '../sessionForm/GroupListFields';
import { QuestionFields, zonesInFormOrder } from '../sessionForm/QuestionFields';
import { sessionFormErrors } from '../sessionForm/validation';

/** The session whose page opened the editor (see openSessionEditor). */
let openedFromSession: string | null = null;

/**
 * Opens the editor from the session's page. Saving or cancelling then goes Back to that page, so
 * the history holds no extra copy of it and browser Back still leads to the library.
 */
export function openSessionEditor(sessionId: string): void {
  openedFromSession = sessionId;
  navigate({ name: 'edit', sessionId });
}

/** "Sessie bewerken": everything about a session can change after it was created. */
export function EditSessionScreen({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const status = useStoredDoc(sessionDocName(sessionId));
  const role = useMembershipRole(sessionId);
  const access = useDocAccess(status.state === 'ready' ? status.stored : null);
  const readOnlyKey = readOnlyReasonKey(access);
  if (status.state === 'loading' || role === undefined) return <main className="page" aria-busy="true" />;
  if (status.state === 'error') return <Problem sessionId={sessionId} message={t('session.openFailed')} />;
  // The session doc is the facilitator's: a participant's copy is read-only (the host refuses it too).
  if (role === 'participant' || isParticipantBrowser()) {
    return <Problem sessionId={sessionId} message={t('editSession.facilitatorOnly')} />;
  }
  // Written by a newer Bouwplaats: never half-written by this one (also when that arrives mid-edit).
  if (readOnlyKey) return <Problem sessionId={sessionId} message={t(readOnlyKey)} />;
  return <EditSessionForm sessionId={sessionId} stored={status.stored} />;
}

/** This device's role in the session's live room: null when it never went live, undefined while loading. */
function useMembershipRole(sessionId: string): Membership['role'] | null | undefined {
  const [role, setRole] = useState<{ sessionId: string; role: Membership['role'] | null }>();
  useEffect(() => {
    let alive = true;
    void loadMembership(sessionId).then(
      (m) => alive && setRole({ sessionId, role: m?.role ?? null }),
      () => alive && setRole({ sessionId, role: null }),
    );
    return () => {
      alive = false;
    };
  }, [sessionId]);
  return role?.sessionId === sessionId ? role.role : undefined;
}

function Problem({ sessionId, message }: { sessionId: string; message: string }) {
  const { t } = useTranslation();
  return (
    <main className="page">
      <p role="alert" className="banner error">
        {message}
      </p>
      <a href={routeHref({ name: 'session', sessionId })}>← {t('editSession.backToSession')}</a>
    </main>
  );
}

type Removal = { row: GroupRow; notes: number };

function EditSessionForm({ sessionId, stored }: { sessionId: string; stored: StoredDoc }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'nl';
  const template = templateById(readSessionMeta(stored.doc)?.templateId ?? 'house');
  // What the form opened with: saving writes only what differs from it.
  const [before] = useState(() => readSessionForm(stored.doc, template));
  const [details, setDetails] = useState<Details>(() => ({
    title: before?.title ?? '',
    date: before?.date ?? '',
    place: before?.place ?? '',
    organiser: before?.organiser ?? '',
    intro: before?.intro ?? '',
  }));
  const [rows, setRows] = useState<GroupRow[]>(() => (before?.groups ?? []).map((g) => ({ key: g.id ?? '', id: g.id, name: g.name })));
  const [questions, setQuestions] = useState<Record<string, string>>(() => ({ ...before?.questions }));
  const [errors, setErrors, clearError] = useFieldErrors();
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [saveFailed, setSaveFailed] = useState(false);
  const [removal, setRemoval] = useState<Removal | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, attempt);
  const [cameFromSession] = useState(() => {
    const came = openedFromSession === sessionId;
    openedFromSession = null;
    return came;
  });

  if (!before) return <Problem sessionId={sessionId} message={t('session.notFound')} />;

  const zoneLabel = (zoneId: string) => template.zones.find((z) => z.id === zoneId)?.label[lang] ?? zoneId;
  // Opened from the session page: go Back to it. Opened by its address: replace this form by the
  // session page, so browser Back does not show the form again.
  const backToSession = () => (cameFromSession ? window.history.back() : navigate({ name: 'session', sessionId }, { replace: true }));

  const remove = async (row: GroupRow) => {
    // Only a group that already has a board can lose notes; ask before those go.
    const notes = row.id ? await countBoardNotes(sessionId, row.id).catch(() => 0) : 0;
    if (notes > 0) setRemoval({ row, notes });
    else dropRow(row);
  };

  const dropRow = (row: GroupRow) => {
    setRows((old) => old.filter((r) => r.key !== row.key));
    clearError(groupRowField(row));
    // The row and its button are gone: keep focus in the list rather than on the page.
    requestAnimationFrame(() => focusField(FIELD.groups));
  };

  const submit = async () => {
    const orderedQuestions = Object.fromEntries(zonesInFormOrder(template).map((z) => [z.id, questions[z.id] ?? '']));
    const after: SessionForm = {
      ...details,
      groups: rows.map((r) => (r.id ? { id: r.id, name: r.name } : { name: r.name })),
      questions: orderedQuestions,
    };
    const parsed = SessionFormSchema.safeParse(after);
    if (!parsed.success) {
      setErrors(
        sessionFormErrors(parsed.error.issues, t, {
          groupField: (i) => (rows[i] ? groupRowField(rows[i]) : FIELD.groups),
          zoneOrder: Object.keys(orderedQuestions),
          zoneLabel,
        }),
      );
      setAttempt((a) => a + 1);
      return;
    }
    setErrors({});
    setSaveFailed(false);
    setBusy(true);
    try {
      await saveSessionEdit(sessionId, stored, template, before, parsed.data);
      // Back from the session then goes where the user was before editing, not to this form.
      backToSession();
    } catch {
      setSaveFailed(true);
      setBusy(false);
    }
  };

  return (
    <main className="page">
      <a
        className="back"
        href={routeHref({ name: 'session', sessionId })}
        onClick={(e) => {
          e.preventDefault();
          backToSession();
        }}
      >
        ← {t('editSession.backToSession')}
      </a>
      <h1>{t('editSession.title')}</h1>
      <form
        ref={formRef}
        className="session-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <ErrorSummary errors={errors} />
        <DetailsFields
          value={details}
          errors={errors}
          onChange={(field, value) => {
            setDetails((old) => ({ ...old, [field]: value }));
            clearError(FIELD[field]);
          }}
        />
        <GroupListFields
          rows={rows}
          onChange={(next) => {
            setRows(next);
            for (const row of next) if (row.name.trim()) clearError(groupRowField(row));
          }}
          onRemove={(row) => void remove(row)}
          errors={errors}
        />
        <QuestionFields
          template={template}
          lang={lang}
          questions={questions}
          errors={errors}
          onChange={(zoneId, text) => {
            setQuestions((old) => ({ ...old, [zoneId]: text }));
            clearError(FIELD.question(zoneId));
          }}
        />
        {saveFailed && (
          <p role="alert" className="banner error">
            {t('editSession.saveFailed')}
          </p>
        )}
        <div className="form-actions">
          <button type="button" onClick={backToSession}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {t('editSession.save')}
          </button>
        </div>
      </form>
      {removal && (
        <Dialog
          title={t('editSession.removeTitle')}
          onClose={() => setRemoval(null)}
          onSubmit={() => {
            dropRow(removal.row);
            setRemoval(null);
          }}
          actions={
            <>
              <button type="button" onClick={() => setRemoval(null)}>
                {t('common.cancel')}
              </button>
              <button type="submit" className="danger-solid">
                {t('editSession.removeConfirm')}
              </button>
            </>
          }
        >
          <p>{t('editSession.removeText', { name: removal.row.name, count: removal.notes })}</p>
        </Dialog>
      )}
    </main>
  );
}
