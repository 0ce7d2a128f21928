// `npm run hostile`: every generated hostile input (2,000+), all batches, heavy cases spawned.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname.replace(/^\/([A-Za-z]:)/, '$1'),
    include: ['test/hostile/full.hostile.ts'],
    testTimeout: 3_600_000,
  },
});
