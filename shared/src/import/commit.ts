/** The parts of a version every commit (an import, a restore) checks and builds the same way. */
import type { AccountDoc } from '../schemas/accounts';
import type { MeasurementDoc } from '../schemas/measurements';
import type { VersionDoc } from '../schemas/versions';

export interface ImportPlan {
  readonly version: VersionDoc;
  /** New accounts, and existing ones whose attributes changed. */
  readonly accounts: AccountDoc[];
  /** Only the month documents whose values changed or are new, complete. */
  readonly measurements: MeasurementDoc[];
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
const FILE_NAME_MAX_LENGTH = 255;

/** `now` as the stored timestamp form (`toISOString`). */
export function timestampOf(now: string): string {
  const ms = Date.parse(now);
  if (!Number.isFinite(ms)) throw new RangeError(`now must be an ISO timestamp, got ${JSON.stringify(now)}`);
  return new Date(ms).toISOString();
}

export function checkedFileHash(fileHash: string): string {
  const hash = fileHash.toLowerCase();
  if (!SHA256_HEX.test(hash)) throw new RangeError(`fileHash must be a SHA-256 digest in hex, got ${JSON.stringify(fileHash)}`);
  return hash;
}

/** File names come from people's disks: cut to what a version stores, never empty. */
export function storedFileName(fileName: string): string {
  const name = fileName.trim();
  if (name === '') return 'import';
  return name.length > FILE_NAME_MAX_LENGTH ? `${name.slice(0, FILE_NAME_MAX_LENGTH - 1)}…` : name;
}
