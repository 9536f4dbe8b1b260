import type { Readable } from 'node:stream';

/** What a command may touch of the outside world; tests pass fakes. */
export interface CommandContext {
  stdout: { write(text: string | Uint8Array): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  stdin: Readable & { isTTY?: boolean };
  env: Record<string, string | undefined>;
  /** Colour is on only on a TTY, never with NO_COLOR or --no-color. */
  color: boolean;
}

/** commander option parser for a repeatable flag: every value, in order. */
export const collect = (value: string, previous: string[]): string[] => [...previous, value];
