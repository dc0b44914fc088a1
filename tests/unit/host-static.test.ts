import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyPath, mimeTypeFor, resolveStaticFile } from '../../electron/host/static';

let base: string;
let root: string;

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'bouwplaats-static-'));
  root = path.join(base, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await mkdir(path.join(root, 'sessions'));
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Bouwplaats</title>');
  await writeFile(path.join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
  await writeFile(path.join(root, 'assets', 'index-abc123.css'), 'body{}');
  await writeFile(path.join(root, 'assets', 'huis plaat.svg'), '<svg/>');
  await writeFile(path.join(root, '.env'), 'SECRET=1');
  await writeFile(path.join(base, 'secret.txt'), 'not for participants');
  await symlink(path.join(base, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('resolveStaticFile: what a browser participant can fetch', () => {
  it('serves files of the build with their MIME type', async () => {
    const js = await resolveStaticFile(root, '/assets/index-abc123.js');
    expect(js).toEqual({ path: path.join(root, 'assets', 'index-abc123.js'), mimeType: 'text/javascript; charset=utf-8', fallback: false });
    expect((await resolveStaticFile(root, '/assets/index-abc123.css'))?.mimeType).toBe('text/css; charset=utf-8');
    expect((await resolveStaticFile(root, '/index.html'))?.fallback).toBe(false);
  });

  it('decodes percent-encoded names once', async () => {
    const svg = await resolveStaticFile(root, '/assets/huis%20plaat.svg');
    expect(svg?.path).toBe(path.join(root, 'assets', 'huis plaat.svg'));
    expect(svg?.mimeType).toBe('image/svg+xml');
  });

  it('answers / and app routes with index.html', async () => {
    const index = path.join(root, 'index.html');
    expect(await resolveStaticFile(root, '/')).toMatchObject({ path: index, mimeType: 'text/html; charset=utf-8' });
    expect(await resolveStaticFile(root, '/sessie/abc/bord')).toMatchObject({ path: index, fallback: true });
    expect(await resolveStaticFile(root, '/sessions')).toMatchObject({ path: index, fallback: true });
    expect(await resolveStaticFile(root, '/assets/')).toMatchObject({ path: index, fallback: true });
  });

  it('gives null for a missing asset with an extension (a 404, not index.html)', async () => {
    expect(await resolveStaticFile(root, '/assets/missing.js')).toBeNull();
    expect(await resolveStaticFile(root, '/favicon.ico')).toBeNull();
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/%2e%2e/etc/passwd',
    '/assets%2f..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/assets/..\\..\\secret.txt',
    '/index.html%00.js',
    '/index.html\0',
    '/%E0%A4%A',
    '/C:/Windows/win.ini',
    '/index.html::$DATA',
    '/.env',
    'secret.txt',
    '../secret.txt',
  ])('refuses %j', async (pathname) => {
    expect(await resolveStaticFile(root, pathname)).toBeNull();
  });

  it('reads an absolute file system path as a path inside the build', async () => {
    expect(await resolveStaticFile(root, path.join(base, 'secret.txt'))).toBeNull();
  });

  it('does not follow a symlink out of the build', async () => {
    expect(await resolveStaticFile(root, '/assets/link.txt')).toBeNull();
  });

  it('gives null when the build folder does not exist', async () => {
    expect(await resolveStaticFile(path.join(base, 'nope'), '/')).toBeNull();
  });

  it('an absolute-looking URL path stays inside the build', async () => {
    expect(await resolveStaticFile(root, '//etc/passwd')).toMatchObject({ path: path.join(root, 'index.html') });
    expect(await resolveStaticFile(root, '//etc/passwd.txt')).toBeNull();
  });
});

describe('classifyPath', () => {
  it('tells files, routes and refusals apart without the disk', () => {
    expect(classifyPath('/assets/a.js')).toEqual({ kind: 'file', segments: ['assets', 'a.js'] });
    expect(classifyPath('/bord/3')).toEqual({ kind: 'route', segments: ['bord', '3'] });
    expect(classifyPath('/./assets//a.js')).toEqual({ kind: 'file', segments: ['assets', 'a.js'] });
    expect(classifyPath('/a/../b').kind).toBe('reject');
  });
});

describe('mimeTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['a.js', 'text/javascript; charset=utf-8'],
    ['a.mjs', 'text/javascript; charset=utf-8'],
    ['a.css', 'text/css; charset=utf-8'],
    ['a.svg', 'image/svg+xml'],
    ['a.png', 'image/png'],
    ['a.json', 'application/json; charset=utf-8'],
    ['a.js.map', 'application/json; charset=utf-8'],
    ['a.woff2', 'font/woff2'],
    ['favicon.ico', 'image/x-icon'],
    ['robots.txt', 'text/plain; charset=utf-8'],
    ['A.PNG', 'image/png'],
    ['archive.bin', 'application/octet-stream'],
  ])('%s → %s', (file, mime) => {
    expect(mimeTypeFor(file)).toBe(mime);
  });
});
