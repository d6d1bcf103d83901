#!/usr/bin/env node
// The `taizhang` command. The sources are TypeScript run through tsx, so a checkout needs no build.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
