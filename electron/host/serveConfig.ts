import { networkInterfaces } from 'node:os';
import path from 'node:path';

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

/** The addresses participants can type: every IPv4 address of this machine when listening on all. */
export function joinUrls(host: string, port: number, localUrl: string): string[] {
  if (host !== '0.0.0.0' && host !== '::') return [localUrl];
  const lan = Object.values(networkInterfaces())
    .flatMap((addresses) => addresses ?? [])
    .filter((address) => address.family === 'IPv4' && !address.internal)
    .map((address) => `http://${address.address}:${port}`);
  return [localUrl, ...lan];
}
