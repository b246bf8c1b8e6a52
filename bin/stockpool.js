#!/usr/bin/env node
// The `stockpool` command. The code is TypeScript run through tsx (no build step): register its
// loader, then hand over to the CLI. The process ends when its work is done (`start` keeps a
// server open until SIGINT/SIGTERM); the exit status is the command's.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/main.ts');
process.exitCode = await runCli(process.argv);
