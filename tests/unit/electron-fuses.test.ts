import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

/**
 * The installers' Electron fuses (electron-builder.yml, `electronFuses`): flipped in the binary at
 * packaging time, so no test here can start the packaged app to see them. What each one closes:
 * Electron's security checklist (https://www.electronjs.org/docs/latest/tutorial/fuses) and issue
 * 10. The keys are checked against electron-builder's own schema, so a misspelt fuse (which
 * electron-builder would ignore) fails here.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

async function builderConfig(): Promise<Record<string, unknown>> {
  return parse(await readFile(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
}

describe('the installers’ Electron fuses', () => {
  it('turn Electron into this app only: no Node mode, no inspector, code only from a checked app.asar, no file:// powers, encrypted cookies', async () => {
    expect((await builderConfig()).electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
      enableCookieEncryption: true,
    });
    expect((await builderConfig()).asar).toBe(true);
  });

  it('names only fuses electron-builder knows', async () => {
    const scheme = JSON.parse(await readFile(path.join(ROOT, 'node_modules', 'app-builder-lib', 'scheme.json'), 'utf8')) as {
      definitions: Record<string, { properties?: Record<string, unknown> }>;
    };
    const known = Object.keys(scheme.definitions.FuseOptionsV1?.properties ?? {});
    expect(known.length).toBeGreaterThan(5);
    for (const key of Object.keys((await builderConfig()).electronFuses as object)) expect(known).toContain(key);
  });
});
