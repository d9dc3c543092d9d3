import { startSession, buildRenderer } from './lib/browser-session';
import { createCore } from '../electron/core/core';
import { randomUUID } from 'node:crypto';
function seed(count: number) {
  return async (dataDir: string) => {
    const core = createCore({ dataDir, user: 'perf', demo: true, log: () => {} });
    const cae = core.referentials.get('cae');
    const targets = cae.nodes.filter((n) => n.depth > cae.actionLevel);
    for (let i = 0; i < count; i++) {
      const node = targets[(i * 7919) % targets.length]!;
      if (i % 2 === 0) core.preuves.addFile({ referentialId: 'cae', nodeId: node.id, fileName: `cr-${i}.txt`, bytes: new TextEncoder().encode(`P ${i} ${randomUUID()}`), titre: `CR ${i}` });
      else core.preuves.addLink({ referentialId: 'cae', nodeId: node.id, url: `https://x.example/doc/${i}`, titre: `Page ${i}` });
    }
    core.close();
  };
}
async function main() {
  if (!process.argv.includes('nobuild')) await buildRenderer();
  const s = await startSession({ demo: false, seed: seed(2000) });
  const { page, url } = s;
  const ids = ['cae_1.1.1', 'cae_2.2.1', 'cae_3.1.2', 'cae_4.1.1', 'cae_5.2.1'];
  for (const id of ids) {
    const [axe, sousAxe] = [id.split('.')[0]!, id.split('.').slice(0, 2).join('.')];
    await page.goto(`${url}#/referentiel/cae`);
    await page.click('[data-testid="tree-collapse-all"]');
    await page.click(`[data-testid="node-toggle-${axe}"]`);
    await page.click(`[data-testid="node-toggle-${sousAxe}"]`);
    await page.waitForSelector(`[data-testid="node-${id}"]`);
    await page.evaluate(`new Promise((r) => setTimeout(r, 300))`);
    const r = await page.evaluate(`new Promise((resolve) => {
      const marks = [];
      const lt = new PerformanceObserver((l) => { for (const e of l.getEntries()) marks.push(['longtask', Math.round(e.startTime - t0), Math.round(e.duration)]); });
      lt.observe({ type: 'longtask' });
      const t0 = performance.now();
      const ro = new PerformanceObserver((l) => { for (const e of l.getEntries()) marks.push([e.name.split('/').pop().slice(0,60), Math.round(e.startTime - t0), Math.round(e.responseEnd - t0), e.transferSize]); });
      ro.observe({ type: 'resource' });
      document.querySelector('[data-testid="node-${id}"]').click();
      marks.push(['clicked', Math.round(performance.now() - t0)]);
      const check = () => {
        if (document.querySelector('[data-testid="criterion-panel"] [data-testid="statut-computed"]')) {
          const tDom = performance.now() - t0;
          requestAnimationFrame(() => { setTimeout(() => { lt.disconnect(); ro.disconnect(); resolve({ dom: Math.round(tDom), marks, nodes: document.querySelectorAll('*').length }); }, 300); });
        } else requestAnimationFrame(check);
      };
      check();
    })`);
    console.log(id, JSON.stringify(r));
  }
  await s.close();
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
