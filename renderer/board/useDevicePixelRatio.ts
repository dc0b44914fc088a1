import { useEffect, useState } from 'react';

/**
 * The window's device pixel ratio, kept up to date: it changes when the window moves to a screen
 * with another density (a laptop's hi-DPI panel, the projector) or the browser zoom changes. There
 * is no event for it, only a media query for the current ratio that stops matching, so each change
 * arms a new query for the new ratio.
 */
export function useDevicePixelRatio(): number {
  const [ratio, setRatio] = useState(() => window.devicePixelRatio || 1);
  useEffect(() => {
    let media: MediaQueryList | null = null;
    const follow = () => {
      const now = window.devicePixelRatio || 1;
      setRatio(now);
      media?.removeEventListener('change', follow);
      media = window.matchMedia(`(resolution: ${now}dppx)`);
      media.addEventListener('change', follow);
    };
    // Browser zoom also resizes the window: check there too (a cheap read).
    const onResize = () => setRatio(window.devicePixelRatio || 1);
    follow();
    window.addEventListener('resize', onResize);
    return () => {
      media?.removeEventListener('change', follow);
      window.removeEventListener('resize', onResize);
    };
  }, []);
  return ratio;
}
