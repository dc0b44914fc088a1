import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
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

  it('keeps the whole installer config valid as electron-builder itself checks it before it builds', async () => {
    // app-builder-lib is electron-builder's own package (its dependency): the check `npm run dist` runs first.
    const require = createRequire(import.meta.url);
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration: (config: unknown, logger: { isEnabled: boolean; add: () => void }) => Promise<void>;
    };
    const logger = { isEnabled: false, add: () => {} };
    const config = await builderConfig();
    await expect(validateConfiguration(config, logger)).resolves.toBeUndefined();
    // The check is real: a misspelt key is refused.
    await expect(validateConfiguration({ ...config, nsiss: { oneClick: false } }, logger)).rejects.toThrow(/nsiss/);
  });

  it('gives every installer the house icon at a size electron-builder converts for each (a PNG of at least 512 × 512)', async () => {
    const config = await builderConfig();
    const icons = ['win', 'mac', 'linux'].map((os) => (config[os] as { icon?: string }).icon);
    for (const icon of icons) {
      expect(icon).toBeTruthy();
      const png = await readFile(path.join(ROOT, icon!));
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      // IHDR: width and height, big-endian, at bytes 16 and 20.
      expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
      expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(512);
    }
  });
});
