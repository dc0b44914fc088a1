import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiscussionPoint } from '../../shared/schema/caseDoc';
import { useFitText } from './useFitText';

interface Props {
  title: string;
  /** The words to show large (the case, the closing words, or the phase's instruction). */
  text: string;
  /** The discussion points captured during the plenary, numbered beside the case. */
  points?: readonly DiscussionPoint[];
}

/** The largest size for the words: 5 % of the screen's height (36 px at 720 lines, 54 px at 1080). */
const largest = () => Math.max(28, window.innerHeight * 0.05);
/** Never smaller than this, however long the case. */
const SMALLEST = 22;

/**
 * A phase in words on the projector: the case (once the facilitator approved it for showing) with
 * the discussion points, or the closing words; the phase's instruction while there is none. The
 * words take the largest size that fits the screen (useFitText).
 */
export function PhaseTextView({ title, text, points = [] }: Props) {
  const { t } = useTranslation();
  const words = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLOListElement>(null);
  useFitText(words, text, largest, SMALLEST);
  useFitText(list, points, largest, SMALLEST);
  return (
    <section className={points.length > 0 ? 'phase-text with-points' : 'phase-text'}>
      <h1>{title}</h1>
      <div className="phase-text-body">
        <div className="phase-text-words" ref={words}>
          {text}
        </div>
        {points.length > 0 && (
          <div className="phase-text-points">
            <h2>{t('projector.points')}</h2>
            <ol ref={list}>
              {points.map((p) => (
                <li key={p.id}>{p.text}</li>
              ))}
            </ol>
          </div>
        )}
      </div>
    </section>
  );
}
