#!/usr/bin/env node
// `label-audit` in the checkout, without a build: runs electron/cli.ts through tsx (brief "label-audit command line").
// Exit codes and messages are electron/cli.ts's; a failure to even load it is one line and exit 2, no stack trace.
try {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../electron/cli.ts');
} catch (e) {
  process.stderr.write(`Erreur interne : ${String(e instanceof Error ? e.message : e).split('\n')[0]}\n`);
  process.exitCode = 2;
}
