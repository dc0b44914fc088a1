import { useCallback, useEffect, useState } from 'react';

/**
 * Presentation mode: the house on the whole screen (the toolbar and the notes panel hidden), and
 * the browser or app window full screen where it allows it. Leaving full screen by the browser's
 * own Esc leaves presentation mode too. Returns [presenting, setPresenting].
 */
export function usePresentation(): [boolean, (on: boolean) => void] {
  const [presenting, setState] = useState(false);
  const set = useCallback((on: boolean) => {
    setState(on);
    const el = document.documentElement;
    if (on && !document.fullscreenElement && el.requestFullscreen) {
      // Refused without a user gesture or by policy: the window keeps its size, the mode still works.
      el.requestFullscreen().catch(() => {});
    } else if (!on && document.fullscreenElement) {
      document.exitFullscreen().catch(() => {});
    }
  }, []);
  useEffect(() => {
    if (!presenting) return;
    let wasFull = Boolean(document.fullscreenElement);
    const onChange = () => {
      const full = Boolean(document.fullscreenElement);
      if (wasFull && !full) setState(false);
      wasFull = full;
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, [presenting]);
  // Leaving the board while presenting leaves full screen too.
  useEffect(() => () => void (document.fullscreenElement && document.exitFullscreen().catch(() => {})), []);
  return [presenting, set];
}
