import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` (quick feedback, `npm run test:unit`) and `e2e` (spawned
 * processes, whole-batch runs, the hostile sample, a browser, LibreOffice:
 * `npm run test:e2e`). `npm test` runs both. The global setup compiles dist/
 * when a source file is newer, so the batch's worker threads (which load
 * dist/) run the code under test (test/global-setup.ts).
 */
const E2E = [
  'test/batch/interrupted.test.ts', // SIGKILL and --resume
  'test/batch/run-batch.test.ts', // whole batches, worker threads, the CLI
  'test/batch/pdf-version-warning.test.ts', // a whole batch with PDFs, the pdfkit version mocked
  'test/hostile/hostile.test.ts', // the 250-input hostile sample
  'test/pipeline/score-one.test.ts', // score against a whole batch, station by station
  'test/report/engine-results.test.ts', // every demo station through the reports and pdftotext
  'test/report/libreoffice.test.ts', // recalculation by LibreOffice
  'test/cli/pipe.test.ts', // spawned CLI with a closed pipe
  'test/cli/serve.test.ts', // the web page's server as a process
  'test/serve/server.test.ts', // the web page's API, county runs
  'test/serve/page.test.ts', // the web page in headless Chromium
  'test/compare/batch-year.test.ts', // a whole batch with --previous, PDFs and pdftotext
  'test/report/pdf/backend.e2e.test.ts', // 13 demo stations rendered fast and reference, pdftotext
  'test/xlsx/read-cells-sax.e2e.test.ts', // the CLI spawned under three time zones
  'test/cli/report.test.ts', // reports re-rendered from a batch's results.jsonl, pdftotext
  'test/cli/batch.test.ts', // the batch command on worker threads (parties), pdftotext
];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ['test/global-setup.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: E2E } },
      { extends: true, test: { name: 'e2e', include: E2E } },
    ],
  },
});
