import type { Platform } from '../../shared/platform';
import { browserPlatform } from './browserPlatform';

declare global {
  interface Window {
    /** Set by Electron's preload; absent in a plain browser. */
    bouwplaats?: Platform;
  }
}

export const platform: Platform = window.bouwplaats ?? browserPlatform;
