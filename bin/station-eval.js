#!/usr/bin/env node
// Thin entry: the CLI returns an exit code; only this file sets it.
import { main } from '../dist/cli/main.js';

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
