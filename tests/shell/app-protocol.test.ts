/** The app:// file server: paths inside out/renderer only, correct types, CSP on every response. */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { contentTypeFor, createAppProtocolHandler, resolveAppPath } from '../../electron/shell/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../electron/shell/security';

let root: string;

beforeAll(() => {
  const base = mkdtempSync(join(tmpdir(), 'label-audit-proto-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Label Audit</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(base, 'secret.txt'), 'secret');
});

describe('resolveAppPath', () => {
  it('maps / and files inside the root', () => {
    expect(resolveAppPath(root, 'app://label-audit/')).toBe(join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://label-audit/assets/index-abc.js')).toBe(join(root, 'assets', 'index-abc.js'));
    expect(resolveAppPath(root, 'app://label-audit/assets/index-abc.js?v=1#x')).toBe(join(root, 'assets', 'index-abc.js'));
  });

  it('keeps dot segments the URL parser normalises inside the root', () => {
    // WHATWG URL drops leading `..` and decodes `%2e%2e` as `..`: both stay inside the root.
    expect(resolveAppPath(root, 'app://label-audit/../secret.txt')).toBe(join(root, 'secret.txt'));
    expect(resolveAppPath(root, 'app://label-audit/%2e%2e/secret.txt')).toBe(join(root, 'secret.txt'));
  });

  it.each([
    'app://label-audit/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://label-audit/..%5csecret.txt',
    'app://label-audit/index.html%00.js',
    'app://label-audit/%E0%A4%A',
    'app://other-host/index.html',
    'https://label-audit/index.html',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(root, url)).toBeNull();
  });
});

describe('createAppProtocolHandler', () => {
  const handler = () => createAppProtocolHandler(root);

  it('serves index.html with its type and the CSP', async () => {
    const res = await handler()(new Request('app://label-audit/index.html'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe('<!doctype html><title>Label Audit</title>');
  });

  it('answers 404 for traversal and missing files, 405 for POST', async () => {
    const traversal = await handler()(new Request('app://label-audit/%2e%2e/secret.txt'));
    expect(traversal.status).toBe(404);
    expect(await traversal.text()).toBe('Introuvable');
    expect((await handler()(new Request('app://label-audit/nope.js'))).status).toBe(404);
    expect((await handler()(new Request('app://label-audit/assets'))).status).toBe(404);
    expect((await handler()(new Request('app://label-audit/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });

  it('knows the types it serves', () => {
    expect(contentTypeFor('/a/b.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/a/b.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('/a/b.bin')).toBe('application/octet-stream');
  });
});
