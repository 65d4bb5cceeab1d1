#!/usr/bin/env node
// Entry point: the compiled CLI lives in dist/ (built by `npm install` through the `prepare` script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/cli/index.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write('dossier: the compiled program is missing (dist/). Run `npm install` or `npm run build` in the dossier folder first.\n');
  process.exit(2);
}
// A reader that stops early (`dossier analyze ... | head`) closes the pipe: stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
const { main } = await import(cli.href);
process.exitCode = await main(process.argv.slice(2));
