import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocAccess } from '../../shared/schema/docVersion';

/** The i18n key that says why a doc is read-only; null when it is not. */
export function readOnlyReasonKey(access: DocAccess): string | null {
  if (!access.readOnly) return null;
  return access.reason === 'newer' ? 'docVersion.newer' : 'docVersion.otherKind';
}

interface Props {
  access: DocAccess;
  /** For aria-describedby on the controls it explains. */
  id?: string;
  className?: string;
  /**
   * How often something was tried that the doc does not allow; each try says it again (a screen
   * reader hears it as an alert, and the banner flashes) instead of nothing happening in silence.
   */
  tries?: number;
}

/**
 * Says that a doc can be looked at but not changed, and why (a newer Bouwplaats wrote it): on the
 * session page and above a read-only board. Renders nothing for a doc this app may write.
 */
export function ReadOnlyNotice({ access, id, className, tries }: Props) {
  const { t } = useTranslation();
  const key = readOnlyReasonKey(access);
  if (!key) return null;
  return <ReadOnlyBanner reason={t(key)} {...{ id, className, tries }} />;
}

/**
 * The banner of a thing that can be looked at but not changed here: "Alleen bekijken:" and why,
 * said again (flashing, as an alert) at each refused try (`tries`, see Props). `children`: what the
 * person can do instead (a link), after the reason.
 */
export function ReadOnlyBanner({ reason, id, className = '', tries = 0, children }: { reason: string; children?: ReactNode } & Omit<Props, 'access'>) {
  const { t } = useTranslation();
  return (
    <p key={tries} id={id} role={tries > 0 ? 'alert' : 'status'} className={`banner warning read-only ${tries > 0 ? 'flash' : ''} ${className}`.trim()}>
      <strong>{t('docVersion.title')}:</strong> {reason}
      {children && <> {children}</>}
    </p>
  );
}
