/**
 * Entry of the `label-audit` command line (run by bin/label-audit.mjs through tsx). The logic lives in
 * electron/cli/ (args, commands, format, main) so tests can call `runCli` in-process.
 * The import is dynamic so that even a module failing to load gives one line and exit 2, never a stack trace.
 */
try {
  const { runCli } = await import('./cli/main');
  process.exitCode = await runCli(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`Erreur interne : ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}\n`);
  process.exitCode = 2;
}

export {};
