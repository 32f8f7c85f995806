/**
 * The core of every merge: a document is a set of registers (a field, a KPI value, a playbook step), each a
 * value written at a hybrid-clock time. Merging pools the registers and earlier values of both copies; per
 * register the newest value wins, and the next newest stay as its history.
 *
 * Why every device converges: the result depends only on the *set* of (register, time, value) triples seen,
 * never on which copy is "local" or the order merges happen in. Taking the newest k+1 per register of a union
 * is commutative, associative and idempotent (the newest k+1 of A ∪ B are among the newest k+1 of A and of B);
 * two different values at the same time (impossible from honest clocks, which include the node id) are
 * settled by comparing their canonical JSON, which is a total order too.
 */
import { canonicalJson } from './canonical';
import type { Hlc } from './hlc';

/** A value nobody edits (an id, a creation time) has no clock: it loses to any clocked write, never enters history. */
export type Stamp = Hlc | '';

export interface Register {
  readonly key: string;
  readonly value: unknown;
  readonly hlc: Stamp;
}

/** A value that lost to a newer one, and the time of the value that replaced it. */
export interface Replaced {
  readonly key: string;
  readonly value: unknown;
  readonly hlc: Hlc;
  readonly replacedBy: Hlc;
}

export interface MergedRegisters {
  readonly winners: readonly Register[];
  /** Oldest first (by time, then key): appended to as values are replaced. */
  readonly history: readonly Replaced[];
  /** The newest time of any value: a delete must be at least this new to win. */
  readonly latest: Stamp;
}

interface Version {
  readonly register: Register;
  readonly canonical: string;
}

function byTimeThenKey(a: Replaced, b: Replaced): number {
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

export function mergeRegisters(pool: Iterable<Register>, historyPerKey: number): MergedRegisters {
  const versionsByKey = new Map<string, Map<Stamp, Version>>();
  let latest: Stamp = '';
  for (const register of pool) {
    if (register.hlc > latest) latest = register.hlc;
    let versions = versionsByKey.get(register.key);
    if (!versions) versionsByKey.set(register.key, (versions = new Map()));
    const canonical = canonicalJson(register.value);
    const existing = versions.get(register.hlc);
    if (!existing || canonical > existing.canonical) versions.set(register.hlc, { register, canonical });
  }

  const winners: Register[] = [];
  const history: Replaced[] = [];
  const keys = [...versionsByKey.keys()].sort();
  for (const key of keys) {
    const newestFirst = [...(versionsByKey.get(key)?.values() ?? [])].sort((a, b) =>
      a.register.hlc < b.register.hlc ? 1 : a.register.hlc > b.register.hlc ? -1 : 0,
    );
    const [winner, ...earlier] = newestFirst;
    if (!winner) continue;
    winners.push(winner.register);
    let successor = winner.register.hlc;
    for (const version of earlier.slice(0, historyPerKey)) {
      const { hlc, value } = version.register;
      // Sorted newest first, so a clockless version is last and its successor is clocked.
      if (hlc === '' || successor === '') break;
      history.push({ key, value, hlc, replacedBy: successor });
      successor = hlc;
    }
  }
  history.sort(byTimeThenKey);
  return { winners, history, latest };
}
