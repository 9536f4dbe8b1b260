import { SingleBar } from 'cli-progress';

/** How far a scoring pass has got. */
export interface Progress {
  bytes: number;
  /** The total size of the input files, or 0 when unknown (stdin). */
  totalBytes: number;
  rows: number;
}

/**
 * A progress bar on a terminal's stderr: rows, MB/s, percent and ETA from the file sizes. It draws
 * at most ten times a second and clears itself at the end, so nothing of it is left in the output.
 */
export function progressBar(stream: NodeJS.WriteStream): { update(progress: Progress): void; stop(): void } {
  const started = Date.now();
  let known = false;
  const bar = new SingleBar({
    stream,
    clearOnComplete: true,
    hideCursor: true,
    fps: 10,
    barsize: 24,
    format: (options, params, payload: { rows: string; speed: string; eta: string }) => {
      const width = options.barsize ?? 24;
      const filled = Math.round(params.progress * width);
      const bar = known
        ? `${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${Math.floor(params.progress * 100)}% `
        : '';
      return `scoring ${bar}${payload.rows} rows · ${payload.speed} MB/s${known ? ` · ETA ${payload.eta}` : ''}`;
    },
  });
  bar.start(1, 0, { rows: '0', speed: '0.0', eta: '–' });
  return {
    update({ bytes, totalBytes, rows }: Progress) {
      known = totalBytes > 0;
      const seconds = Math.max(0.001, (Date.now() - started) / 1000);
      const rate = bytes / seconds;
      const eta = known && rate > 0 ? `${Math.max(0, Math.round((totalBytes - bytes) / rate))}s` : '–';
      bar.setTotal(known ? totalBytes : 1);
      bar.update(known ? Math.min(bytes, totalBytes) : 0, {
        rows: rows.toLocaleString('en'),
        speed: (rate / 1e6).toFixed(1),
        eta,
      });
    },
    stop() {
      bar.stop();
    },
  };
}
