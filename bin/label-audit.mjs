#!/usr/bin/env node
// `label-audit` in the checkout, without a build: runs electron/cli.ts through tsx (brief "label-audit command line").
import { register } from 'tsx/esm/api';

register();
await import('../electron/cli.ts');
