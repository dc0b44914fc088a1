import i18next from 'i18next';

/** "14 september 2023" (nl) or "14 September 2023" (en); the raw text if it is no ISO date. */
export function formatDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Intl.DateTimeFormat(i18next.language === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'long' }).format(date);
}

/** Today's date on this computer as yyyy-mm-dd (local time: toISOString would give UTC's date). */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
