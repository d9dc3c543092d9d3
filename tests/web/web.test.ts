/**
 * Browser mode: the HTTP server of electron/web.ts on a free port with a temporary data dir (demo seeded) and a
 * small fixture renderer folder. Raw node:http requests, because fetch normalises `..` and cannot set Host.
 */
import { request } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY as DESKTOP_CSP } from '../../electron/shell/security';
import { CONTENT_SECURITY_POLICY, startWebServer, type WebServer } from '../../electron/web';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let server: WebServer;
let tmp = '';
let dataDir = '';

/** One raw HTTP request to the server (path sent as is). */
function http(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, method: opts.method ?? 'GET', headers: opts.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

function postJson(path: string, input: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return http(path, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(input) });
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'label-audit-web-'));
  dataDir = join(tmp, 'data');
  const renderer = join(tmp, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Label Audit</title><script type="module" src="/assets/app.js"></script>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log("ok");');
  writeFileSync(join(tmp, 'secret.txt'), 'secret');
  server = await startWebServer({ dataDir, port: 0, rendererDir: renderer, user: 'Testeur' });
}, 60_000);

afterAll(async () => {
  await server?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('browser mode server', () => {
  it('listens on 127.0.0.1 and gives its URL', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    expect(server.port).toBeGreaterThan(0);
  });

  it('serves /trpc/referentials.list with the Label NR grid of the demo', async () => {
    const r = await http('/trpc/referentials.list');
    expect(r.status).toBe(200);
    const list = (JSON.parse(r.body) as { result: { data: Array<{ id: string; points: number; model: string }> } }).result.data;
    expect(list.find((x) => x.id === 'label-nr')).toMatchObject({ model: 'points', points: 1000 });
  });

  it('runs a mutation over HTTP and the next query sees it', async () => {
    const r = await postJson('/trpc/workspace.update', { nom: 'Commune de Saint-Test' }, { Origin: `http://127.0.0.1:${server.port}` });
    expect(r.status).toBe(200);
    const get = await http('/trpc/workspace.get');
    expect((JSON.parse(get.body) as { result: { data: { nom: string } } }).result.data.nom).toBe('Commune de Saint-Test');
  });

  it('carries a user error as error.data.userError with the French message', async () => {
    const r = await postJson('/trpc/statuts.set', { referentialId: 'label-nr', nodeId: 'label-nr_99.99', statut: 'fait' });
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    const err = (JSON.parse(r.body) as { error: { data: { userError: { code: string; message: string } } } }).error;
    expect(err.data.userError.code).toBe('NODE_UNKNOWN');
    expect(err.data.userError.message).toContain('label-nr_99.99');
  });

  it('refuses a request whose Host is not 127.0.0.1/localhost:port (DNS rebinding)', async () => {
    const r = await http('/trpc/referentials.list', { headers: { Host: `attaquant.example:${server.port}` } });
    expect(r.status).toBe(403);
    expect(r.body).not.toContain('label-nr');
    expect((await http('/', { headers: { Host: '127.0.0.1:1' } })).status).toBe(403);
    expect((await http('/', { headers: { Host: `localhost:${server.port}` } })).status).toBe(200);
  });

  it('refuses a mutation posted from another origin (CSRF)', async () => {
    const r = await postJson('/trpc/workspace.update', { nom: 'Piraté' }, { Origin: 'http://attaquant.example' });
    expect(r.status).toBe(403);
    const r2 = await postJson('/trpc/workspace.update', { nom: 'Piraté' }, { 'Sec-Fetch-Site': 'cross-site' });
    expect(r2.status).toBe(403);
    const get = await http('/trpc/workspace.get');
    expect((JSON.parse(get.body) as { result: { data: { nom: string } } }).result.data.nom).toBe('Commune de Saint-Test');
  });

  it('serves index.html with the CSP, assets with their content type, and falls back to index.html for app routes', async () => {
    const index = await http('/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect(index.body).toContain('<title>Label Audit</title>');
    const js = await http('/assets/app.js');
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.body).toBe('console.log("ok");');
    expect((await http('/referentiels/cae')).body).toContain('<title>Label Audit</title>');
    const absent = await http('/assets/absent.js');
    expect(absent.status).toBe(404);
    // French then English: the server cannot know the interface's language (issue 8 item 2).
    expect(absent.body).toBe('Introuvable : /assets/absent.js\nNot found: /assets/absent.js\n');
  });

  it.each(['/../package.json', '/%2e%2e/package.json', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt', '/%00'])('refuses path traversal %s', async (path) => {
    const r = await http(path);
    expect(r.status).toBe(403);
    expect(r.body).not.toContain('"name"');
    expect(r.body).not.toContain('secret');
  });

  it('downloads a file of <dataDir>/exports as an attachment, and nothing outside it', async () => {
    mkdirSync(join(dataDir, 'exports'), { recursive: true });
    writeFileSync(join(dataDir, 'exports', 'paquet-été.zip'), 'PK-fake');
    const r = await http(`/exports/${encodeURIComponent('paquet-été.zip')}`);
    expect(r.status).toBe(200);
    expect(r.body).toBe('PK-fake');
    expect(r.headers['content-type']).toBe('application/zip');
    expect(r.headers['content-disposition']).toBe(`attachment; filename="paquet-_t_.zip"; filename*=UTF-8''paquet-%C3%A9t%C3%A9.zip`);
    expect((await http('/exports/absent.zip')).status).toBe(404);
    expect((await http('/exports/..%2fsettings.json')).status).toBe(403);
    expect((await http('/exports/../settings.json')).status).toBe(403);
  });

  it('answers the batched GET the renderer sends (httpBatchLink)', async () => {
    const input = encodeURIComponent(JSON.stringify({ 0: {}, 1: { referentialId: 'label-nr' } }));
    const r = await http(`/trpc/workspace.get,scores.get?batch=1&input=${input}`);
    expect(r.status).toBe(200);
    const [ws, score] = JSON.parse(r.body) as [{ result: { data: { nom: string } } }, { result: { data: { root: { pointReferentiel: number } } } }];
    expect(ws.result.data.nom).toBe('Commune de Saint-Test');
    expect(score.result.data.root.pointReferentiel).toBe(1000);
  });

  it('exports an audit pack over HTTP, then serves it from /exports/<fileName> byte for byte', async () => {
    const r = await postJson('/trpc/pack.export', { referentialId: 'label-nr' });
    expect(r.status).toBe(200);
    const pack = (JSON.parse(r.body) as { result: { data: { fileName: string; bytes: number; path: string } } }).result.data;
    expect(pack.path).toBe(join(dataDir, 'exports', pack.fileName));
    const head = await http(`/exports/${encodeURIComponent(pack.fileName)}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(pack.bytes));
    expect(head.body).toBe('');
    const download = await fetch(`${server.url}exports/${encodeURIComponent(pack.fileName)}`);
    expect(download.headers.get('content-type')).toBe('application/zip');
    expect(Buffer.from(await download.arrayBuffer()).equals(readFileSync(pack.path))).toBe(true);
  });

  it('downloads a file preuve byte for byte under its original name (accents, colon), and 404s in French then English otherwise', async () => {
    const origin = { Origin: `http://127.0.0.1:${server.port}` };
    const bytes = Buffer.from(Array.from({ length: 600 }, (_, i) => (i * 7) % 256));
    const name = 'Délibération n°12 : été 2026 (v2).pdf';
    const added = await postJson('/trpc/preuves.addFile', { referentialId: 'label-nr', nodeId: 'label-nr_1.4', fileName: name, contentBase64: bytes.toString('base64') }, origin);
    expect(added.status).toBe(200);
    const id = (JSON.parse(added.body) as { result: { data: { id: string } } }).result.data.id;

    const download = await fetch(`${server.url}preuves/${id}/fichier`);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-length')).toBe('600');
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="D_lib_ration n_12 : _t_ 2026 (v2).pdf"; filename*=UTF-8''D%C3%A9lib%C3%A9ration%20n%C2%B012%20%3A%20%C3%A9t%C3%A9%202026%20%28v2%29.pdf`,
    );

    const unknown = await http('/preuves/00000000-0000-0000-0000-000000000000/fichier');
    expect(unknown.status).toBe(404);
    // French then English: the server cannot know the interface's language (issue 8 item 2).
    expect(unknown.body).toBe("La preuve « 00000000-0000-0000-0000-000000000000 » n'existe pas.\nThe evidence “00000000-0000-0000-0000-000000000000” does not exist.\n");

    const link = await postJson('/trpc/preuves.addLink', { referentialId: 'label-nr', nodeId: 'label-nr_1.4', url: 'https://example.org/charte', titre: 'Charte' }, origin);
    const linkId = (JSON.parse(link.body) as { result: { data: { id: string } } }).result.data.id;
    const r = await http(`/preuves/${linkId}/fichier`);
    expect(r.status).toBe(404);
    expect(r.body).toBe("La preuve « Charte » est un lien, pas un fichier : il n'y a rien à télécharger.\nThe evidence “Charte” is a link, not a file: there is nothing to download.\n");
  });

  it('guards preuve downloads like the rest: foreign Host, another site, and only GET/HEAD', async () => {
    const bytes = Buffer.from('rapport');
    const added = await postJson('/trpc/preuves.addFile', { referentialId: 'label-nr', nodeId: 'label-nr_1.4', fileName: 'rapport.txt', contentBase64: bytes.toString('base64') });
    const id = (JSON.parse(added.body) as { result: { data: { id: string } } }).result.data.id;
    expect((await http(`/preuves/${id}/fichier`, { headers: { Host: `attaquant.example:${server.port}` } })).status).toBe(403);
    const crossSite = await http(`/preuves/${id}/fichier`, { headers: { 'Sec-Fetch-Site': 'cross-site' } });
    expect(crossSite.status).toBe(403);
    expect(crossSite.body).not.toContain('rapport');
    expect((await http(`/preuves/${id}/fichier`, { headers: { Origin: 'http://attaquant.example' } })).status).toBe(403);
    expect((await http(`/preuves/${id}/fichier`, { method: 'DELETE' })).status).toBe(405);
    const head = await http(`/preuves/${id}/fichier`, { method: 'HEAD', headers: { 'Sec-Fetch-Site': 'same-origin' } });
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe('7');
    expect(head.headers['content-type']).toBe('text/plain');
    expect(head.body).toBe('');
  });

  it('refuses other methods on static files', async () => {
    expect((await http('/', { method: 'DELETE' })).status).toBe(405);
  });
});

describe('startWebServer options', () => {
  it('says how to build the interface when the renderer folder is missing, and still serves /trpc', async () => {
    const bare = await startWebServer({ dataDir: join(tmp, 'bare'), demo: false, rendererDir: join(tmp, 'pas-construit') });
    try {
      const r = await fetch(bare.url);
      expect(r.status).toBe(503);
      // French then English: the server cannot know the interface's language (issue 8 item 2).
      const index = join(tmp, 'pas-construit', 'index.html');
      expect(await r.text()).toBe(`Interface non construite (${index} absent) : lancez « npm run web » qui la construit.\nInterface not built (${index} missing): run “npm run web”, which builds it.\n`);
      expect((await fetch(`${bare.url}trpc/workspace.get`)).status).toBe(200);
    } finally {
      await bare.close();
    }
  });

  it('uses the same CSP as the desktop app', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(DESKTOP_CSP);
  });

  it('refuses to bind anything but loopback', async () => {
    await expect(startWebServer({ dataDir: join(tmp, 'autre'), host: '0.0.0.0' })).rejects.toThrow("Hôte refusé : « 0.0.0.0 ». Le mode navigateur n'écoute que sur 127.0.0.1.");
    await expect(startWebServer({ dataDir: join(tmp, 'autre'), host: '0.0.0.0' })).rejects.toMatchObject({ en: 'Host refused: “0.0.0.0”. Browser mode only listens on 127.0.0.1.' });
  });
});

describe('node --import tsx electron/web.ts (command-line entry)', () => {
  it('prints the URL, serves, and stops cleanly on SIGTERM', async () => {
    const { spawn } = await import('node:child_process');
    const root = join(__dirname, '../..');
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'electron/web.ts'), '--data-dir', join(tmp, 'entry'), '--port', '0', '--no-demo'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL after 30 s: ${out} ${err}`)), 30_000);
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /^Label Audit \(mode navigateur\) : (http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(out);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
    });
    const r = await fetch(`${url}trpc/workspace.get`);
    expect(r.status).toBe(200);
    // --no-demo: the empty workspace (core.ts: "Ma collectivité"), not the demo town.
    expect(((await r.json()) as { result: { data: { nom: string } } }).result.data.nom).toBe('Ma collectivité');
    const code = await new Promise<number | null>((resolve) => {
      child.on('exit', (c) => resolve(c));
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
    expect(err).toBe('');
  }, 60_000);

  it('refuses a bad --port with one line, exit 1', async () => {
    const { spawnSync } = await import('node:child_process');
    const root = join(__dirname, '../..');
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'electron/web.ts'), '--port', 'quatre'], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("Option --port : « quatre » n'est pas un numéro de port (0 à 65535).\n");
  });
});
