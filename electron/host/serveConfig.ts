import path from 'node:path';
import { ID_PATTERN } from '../../shared/ids';
import { normaliseJoinCode } from '../../shared/live';

/** How `npm run serve` is configured: environment variables only, checked before anything starts. */
export interface ServeConfig {
  readonly rootDir: string;
  readonly port: number;
  readonly host: string;
}

export const DEFAULT_PORT = 4173;
export const DEFAULT_HOST = '127.0.0.1';

export function parseServeConfig(env: NodeJS.ProcessEnv, defaultRootDir: string): ServeConfig {
  const rawPort = env.PORT?.trim();
  const port = rawPort ? Number(rawPort) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`PORT moet een getal van 0 tot en met 65535 zijn, niet "${env.PORT}"`);
  }
  const host = env.HOST?.trim() || DEFAULT_HOST;
  const rootDir = path.resolve(env.BOUWPLAATS_RENDERER_DIR?.trim() || defaultRootDir);
  return { rootDir, port, host };
}

export const listensOnAllInterfaces = (host: string): boolean => host === '0.0.0.0' || host === '::';

/** A live session started by `npm run serve` itself (BOUWPLAATS_LIVE_SESSION and friends). */
export interface LiveServeConfig {
  readonly sessionId: string;
  readonly title: string;
  readonly code?: string;
  readonly dataDir: string;
}

export const DEFAULT_DATA_DIR = 'bouwplaats-data';

/** Where the host keeps session docs: BOUWPLAATS_DATA_DIR, default ./bouwplaats-data. */
export function parseDataDir(env: NodeJS.ProcessEnv, cwd: string = process.cwd()): string {
  return path.resolve(cwd, env.BOUWPLAATS_DATA_DIR?.trim() || DEFAULT_DATA_DIR);
}

export function parseLiveConfig(env: NodeJS.ProcessEnv, cwd: string = process.cwd()): LiveServeConfig | null {
  const sessionId = env.BOUWPLAATS_LIVE_SESSION?.trim();
  if (!sessionId) return null;
  if (!ID_PATTERN.test(sessionId)) {
    throw new Error(`BOUWPLAATS_LIVE_SESSION moet een sessie-id zijn (6–32 tekens a–z, 0–9), niet "${sessionId}"`);
  }
  const title = env.BOUWPLAATS_LIVE_TITLE?.trim() || 'Bouwplaats';
  if (title.length > 200) throw new Error('BOUWPLAATS_LIVE_TITLE is langer dan 200 tekens');
  const rawCode = env.BOUWPLAATS_LIVE_CODE?.trim();
  let code: string | undefined;
  if (rawCode) {
    const normalised = normaliseJoinCode(rawCode);
    if (!normalised) throw new Error(`BOUWPLAATS_LIVE_CODE is geen geldige code (6 tekens uit 2–9 en A–Z zonder I, L, O), niet "${rawCode}"`);
    code = normalised;
  }
  return { sessionId, title, dataDir: parseDataDir(env, cwd), ...(code ? { code } : {}) };
}
