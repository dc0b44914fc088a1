import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import type { Finding } from '../../shared/privacy/personalData';

type Check = (text: string) => Finding[];
let loading: Promise<Check> | null = null;

/**
 * The personal-data check, loaded when the facilitator first needs it: with its name list and
 * phone metadata it is the largest part of the case, and participants' laptops never run it.
 * It runs on this machine only.
 */
export function loadPersonalDataCheck(): Promise<Check> {
  loading ??= import('../../shared/privacy/personalData').then(
    (m) => m.findPersonalData,
    (error: unknown) => {
      loading = null; // try again next time
      throw error;
    },
  );
  return loading;
}

/** What the check found in a text; the offsets are into `text`. */
export interface CheckedText {
  readonly text: string;
  readonly findings: readonly Finding[];
}

/**
 * The findings for `text` while `active`, following the text as it changes (deferred, so typing
 * never waits for the check); null while not active or still loading.
 */
export function usePersonalDataFindings(text: string, active: boolean): CheckedText | null {
  const [check, setCheck] = useState<{ run: Check } | null>(null);
  useEffect(() => {
    if (!active || check) return;
    let alive = true;
    loadPersonalDataCheck().then(
      (run) => alive && setCheck({ run }),
      () => {}, // "Tonen op het scherm" says so; the check simply does not show here
    );
    return () => {
      alive = false;
    };
  }, [active, check]);
  const deferred = useDeferredValue(text);
  return useMemo(() => (active && check ? { text: deferred, findings: check.run(deferred) } : null), [active, check, deferred]);
}
