import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { binPath } from './run-cli.js';

/**
 * A small driver for end-to-end tests of the interactive `servqual audit` in a real terminal: each
 * run gets its own tmux server (its own socket), a fixed 120x50 pane, NO_COLOR=1, and writes its
 * exit code to a `status` file when the CLI ends. Synchronisation is always by polling the pane
 * (every 50 ms) for what the next step needs, never by fixed sleeps.
 */

/** Whether tmux can be run here; suites skip with a message when it cannot. */
export const tmuxAvailable: boolean = (() => {
  try {
    return spawnSync('tmux', ['-V'], { encoding: 'utf8' }).status === 0;
  } catch {
    return false;
  }
})();

export const tmuxSkipReason = 'tmux is not installed: skipping the interactive audit end-to-end tests (CI installs it)';

const POLL_MS = 50;
/** How long a wait may take before the test fails: a safety net on a busy machine, not a speed check. */
const DEFAULT_TIMEOUT_MS = 60_000;
const COLS = 120;
const ROWS = 50;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Quotes one word for /bin/sh. */
function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

let counter = 0;

export interface StartOptions {
  /** Working directory of the CLI (the test's temp dir). */
  cwd: string;
  /** Arguments after `servqual`. */
  args: string[];
  /** Extra environment variables. */
  env?: Record<string, string>;
  /** Leave colour to the CLI (no NO_COLOR), to test colour switches; NO_COLOR=1 otherwise. */
  allowColor?: boolean;
}

export class TmuxSession {
  /** tmux session name, unique per run. */
  readonly name: string;
  /** Directory holding the socket, the wrapper script, `status` and `node.pid` (not the CLI's cwd). */
  readonly controlDir: string;
  readonly cwd: string;
  private readonly socket: string;
  private closed = false;

  constructor(options: StartOptions) {
    counter += 1;
    this.name = `sq-${process.pid}-${counter}`;
    this.cwd = options.cwd;
    this.controlDir = mkdtempSync(join(tmpdir(), 'sq-tmux-'));
    this.socket = join(this.controlDir, 'sock');
    const statusFile = join(this.controlDir, 'status');
    const pidFile = join(this.controlDir, 'node.pid');
    const command = [process.execPath, binPath, ...options.args].map(shellQuote).join(' ');
    const exports = Object.entries({ ...(options.allowColor ? {} : { NO_COLOR: '1' }), ...options.env })
      .map(([key, value]) => `export ${key}=${shellQuote(value)}`)
      .join('\n');
    // The inner sh writes its own pid and execs node, so node.pid is the CLI's pid; the outer script
    // then records the exit code (137 after kill -9) and keeps the pane open for capture.
    const script = [
      '#!/bin/sh',
      'unset FORCE_COLOR TMUX NO_COLOR',
      exports,
      `cd ${shellQuote(options.cwd)} || exit 99`,
      `sh -c ${shellQuote(`echo $$ > ${shellQuote(pidFile)}; exec ${command}`)}`,
      `echo $? > ${shellQuote(`${statusFile}.tmp`)} && mv ${shellQuote(`${statusFile}.tmp`)} ${shellQuote(statusFile)}`,
      'exec sleep 600',
      '',
    ].join('\n');
    const scriptFile = join(this.controlDir, 'run.sh');
    writeFileSync(scriptFile, script, { mode: 0o755 });
    this.tmux([
      'new-session',
      '-d',
      '-s',
      this.name,
      '-x',
      String(COLS),
      '-y',
      String(ROWS),
      `/bin/sh ${shellQuote(scriptFile)}`,
    ]);
  }

  private tmux(args: string[]): string {
    const env = { ...process.env };
    delete env.TMUX;
    // -u: UTF-8 whatever the locale; -f /dev/null: no user configuration (the default scrollback of
    // 2000 lines holds any audit here).
    const result = spawnSync('tmux', ['-u', '-f', '/dev/null', '-S', this.socket, ...args], { encoding: 'utf8', env });
    if (result.status !== 0) throw new Error(`tmux ${args.join(' ')} failed: ${result.stderr}`);
    return result.stdout;
  }

  /** Sends tmux key names (Enter, Left, Right, C-c, ...) or single characters, one after another. */
  send(...keys: string[]): void {
    for (const key of keys) this.tmux(['send-keys', '-t', this.name, key]);
  }

  /** Sends literal text (no key-name lookup), e.g. a respondent id or a comment. */
  type(text: string): void {
    this.tmux(['send-keys', '-t', this.name, '-l', text]);
  }

  /** Pastes text as a terminal does (bracketed, when the program asked for it), line ends included. */
  paste(text: string, options: { raw?: boolean } = {}): void {
    this.tmux(['set-buffer', '-b', 'paste', text]);
    // Without raw, tmux sends each LF as CR, as a terminal does for a typed Enter.
    this.tmux(['paste-buffer', '-p', '-d', ...(options.raw ? ['-r'] : []), '-b', 'paste', '-t', this.name]);
  }

  /** Types text and presses Enter. */
  enter(text = ''): void {
    if (text !== '') this.type(text);
    this.send('Enter');
  }

  /** The pane, with its scrollback, as text (wrapped lines joined); with `escapes`, colours and attributes as escape sequences. */
  screen(escapes = false): string {
    return this.tmux(['capture-pane', '-p', '-J', ...(escapes ? ['-e'] : []), '-S', '-', '-t', this.name]).replace(
      /[ \t]+$/gm,
      '',
    );
  }

  /**
   * The active question: the text from the last line starting with "? " (inquirer's prefix of a
   * prompt that waits for an answer) to the end. Empty when no question is waiting.
   */
  currentPrompt(): string {
    const lines = this.screen().split('\n');
    for (let i = lines.length - 1; i >= 0; i--) {
      if ((lines[i] as string).startsWith('? ')) return lines.slice(i).join('\n').trimEnd();
    }
    return '';
  }

  /** The exit code once the CLI has ended, else null. */
  exitCode(): number | null {
    const file = join(this.controlDir, 'status');
    if (!existsSync(file)) return null;
    const text = readFileSync(file, 'utf8').trim();
    return text === '' ? null : Number(text);
  }

  private async poll(what: string, read: () => string, re: RegExp, timeoutMs: number): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = read();
      if (re.test(text)) return text;
      const code = this.exitCode();
      if (code !== null) {
        // The CLI has ended: one last look, then fail at once instead of waiting for the timeout.
        const last = read();
        if (re.test(last)) return last;
        throw new Error(`${what} ${re} never appeared: the CLI exited with ${code}. Screen:\n${this.screen()}`);
      }
      if (Date.now() > deadline)
        throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} ${re}. Screen:\n${this.screen()}`);
      await sleep(POLL_MS);
    }
  }

  /** Waits until the pane (with scrollback) matches `re`; returns the pane text. */
  waitFor(re: RegExp, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<string> {
    return this.poll('text', () => this.screen(), re, timeoutMs);
  }

  /** Waits until the question now waiting for an answer matches `re`; returns that question's text. */
  waitForPrompt(re: RegExp, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<string> {
    return this.poll('prompt', () => this.currentPrompt(), re, timeoutMs);
  }

  /** The pid of the CLI's node process. */
  nodePid(): number {
    const file = join(this.controlDir, 'node.pid');
    if (!existsSync(file)) throw new Error('the CLI has not started yet');
    const pid = Number(readFileSync(file, 'utf8').trim());
    const args = spawnSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).stdout;
    if (!args.includes('servqual.js')) throw new Error(`pid ${pid} is not the CLI (${args.trim() || 'gone'})`);
    return pid;
  }

  /** Kills the CLI with SIGKILL (a crash: no handler runs) and waits until it is gone. */
  async kill9(): Promise<void> {
    process.kill(this.nodePid(), 'SIGKILL');
    await this.waitForExit();
  }

  /** Waits for the CLI to end and returns its exit code (128 + signal when killed). */
  async waitForExit(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const code = this.exitCode();
      if (code !== null) return code;
      if (Date.now() > deadline)
        throw new Error(`timed out after ${timeoutMs} ms waiting for the CLI to exit. Screen:\n${this.screen()}`);
      await sleep(POLL_MS);
    }
  }

  /** Ends the tmux server of this run (and with it anything still running in the pane). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // If the CLI is still running, kill it and let the pane's shell record that, so nothing writes
    // into the directories while they are removed.
    if (this.exitCode() === null) {
      try {
        process.kill(this.nodePid(), 'SIGKILL');
        await this.waitForExit();
      } catch {
        // never started, or already gone
      }
    }
    try {
      this.tmux(['kill-server']);
    } catch {
      // the server may already have gone
    }
    rmSync(this.controlDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  }
}

const open = new Set<TmuxSession>();

/** Starts the CLI in a new tmux session; closed by `closeAllSessions` (see `useTmuxSessions`). */
export function startCli(options: StartOptions): TmuxSession {
  const session = new TmuxSession(options);
  open.add(session);
  return session;
}

export async function closeAllSessions(): Promise<void> {
  const sessions = [...open];
  open.clear();
  // Close every session even if one fails, then report the first failure.
  const results = await Promise.allSettled(sessions.map((session) => session.close()));
  const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw failed.reason;
}

/** Registers an afterEach that closes every session the test started, even when it failed. */
export function useTmuxSessions(): void {
  afterEach(async () => {
    await closeAllSessions();
  });
}
