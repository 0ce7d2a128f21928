#!/usr/bin/env node
// Thin entry: the CLI returns an exit code; only this file sets it.
import { main } from '../dist/cli/main.js';

// `station-eval … | head` closes the pipe early: stop writing quietly instead of
// crashing with a stack trace (EPIPE). Other stream errors are still bugs.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err && err.code === 'EPIPE') return;
    throw err;
  });
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    // main() handles user errors itself; anything reaching here is a bug.
    console.error(err);
    process.exitCode = 70;
  },
);
