/**
 * Entry of the `label-audit` command line (run by bin/label-audit.mjs through tsx). The logic lives in
 * electron/cli/ (args, commands, format, main) so tests can call `runCli` in-process.
 */
import { runCli } from './cli/main';

process.exitCode = await runCli(process.argv.slice(2));
