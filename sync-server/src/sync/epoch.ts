/**
 * The sync epoch (migration 12, shared/src/sync/protocol.ts `Checkpoint`): every checkpoint the server hands
 * out carries it, and a restore starts a new one, so a device can tell that the sequence it holds belongs to a
 * history the server no longer has.
 */
import type { Checkpoint } from '@vitals/shared';
import type { Sql, TransactionSql } from '../db/connect';
import { syncFailure } from './errors';

export async function currentEpoch(sql: Sql | TransactionSql): Promise<string> {
  const [row] = await sql<{ epoch: string }[]>`select epoch from sync_epoch`;
  if (!row) throw new Error('The sync epoch is missing: the database was not migrated (migration 12).');
  return row.epoch;
}

/** Called by a restore, in its transaction: from now on, every earlier checkpoint is of an earlier epoch. */
export async function startNewEpoch(tx: TransactionSql): Promise<string> {
  const [row] = await tx<{ epoch: string }[]>`update sync_epoch set epoch = gen_random_uuid()::text returning epoch`;
  return row!.epoch;
}

/** Refuses a checkpoint of an earlier epoch (one without an epoch predates epochs and is taken as current). */
export function checkEpoch(checkpoint: Checkpoint | null, epoch: string): void {
  if (checkpoint?.epoch !== undefined && checkpoint.epoch !== epoch) throw syncFailure('epoch-changed', { details: { epoch } });
}

export function stamped(checkpoint: Checkpoint, epoch: string): Checkpoint {
  return { id: checkpoint.id, seq: checkpoint.seq, epoch };
}
