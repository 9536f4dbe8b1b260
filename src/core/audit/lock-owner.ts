import { z } from 'zod';

/**
 * Who holds a lock file (the responses file's append lock, or an interview's claim): written into
 * the lock file itself, so another process can tell a live holder from one that died.
 */
export interface LockOwner {
  pid: number;
  host: string;
  /** Unique per acquisition: tells this holder from a later one that reused the file name. */
  nonce: string;
  at: string;
}

const ownerSchema = z.object({
  pid: z.number().int().positive(),
  host: z.string(),
  nonce: z.string().min(1),
  at: z.string(),
});

/**
 * The owner written in a lock file, or null when the text is not one (empty, cut off, foreign).
 * @example parseLockOwner('{"pid":7,"host":"a","nonce":"n","at":"t"}')?.pid // 7
 */
export function parseLockOwner(text: string): LockOwner | null {
  try {
    const parsed = ownerSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** What is known about a lock file found in place. */
export interface LockSeen {
  owner: LockOwner | null;
  /** This machine's host name. */
  host: string;
  /** Whether the owner's pid runs here; only asked when the owner is on this host. */
  ownerAlive: boolean | null;
  /** How long ago the lock file was last touched (its holder refreshes it while it works). */
  ageMs: number;
}

/**
 * Whether a lock can be taken over: its holder, on this machine, is gone (a kill -9 or a crash);
 * or, on another machine (a shared drive), the lock has not been refreshed for `staleAfterMs`.
 * An unreadable lock (a holder that died between creating it and writing its name) counts by age.
 * @example isStaleLock({ owner: { pid: 7, host: 'a', nonce: 'n', at: '' }, host: 'a', ownerAlive: false, ageMs: 5 }, 30_000) // true
 */
export function isStaleLock(seen: LockSeen, staleAfterMs: number): boolean {
  if (seen.owner && seen.owner.host === seen.host && seen.ownerAlive !== null) return !seen.ownerAlive;
  return seen.ageMs > staleAfterMs;
}
