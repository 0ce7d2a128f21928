/**
 * Progress of a batch on stderr: a bar (stations done / total, rate, ETA)
 * when stderr is a terminal, nothing otherwise (logs and CI stay clean).
 */
import type { SingleBar } from 'cli-progress';
import { isTerminal } from '../util/terminal.js';

export interface Progress {
  start(stage: string, total: number): void;
  tick(n?: number): void;
  stop(): void;
}

const silent: Progress = { start() {}, tick() {}, stop() {} };

export async function createProgress(stream: NodeJS.WriteStream = process.stderr, enabled = isTerminal(stream)): Promise<Progress> {
  if (!enabled) return silent;
  const { default: cliProgress } = await import('cli-progress');
  let bar: SingleBar | undefined;
  let done = 0;
  let started = 0;
  return {
    start(stage, total) {
      bar?.stop();
      done = 0;
      started = Date.now();
      bar = new cliProgress.SingleBar(
        {
          stream,
          format: `${stage} [{bar}] {value}/{total} 站 | {rate} 站/秒 | 剩余 {eta_formatted}`,
          barCompleteChar: '█',
          barIncompleteChar: '░',
          hideCursor: true,
          etaBuffer: 200,
          fps: 5,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, 0, { rate: '0' });
    },
    tick(n = 1) {
      done += n;
      const seconds = (Date.now() - started) / 1000;
      bar?.update(done, { rate: seconds > 0 ? (done / seconds).toFixed(0) : '0' });
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}
