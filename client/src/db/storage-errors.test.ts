import { describe, expect, it } from 'vitest';
import { storageErrorMessage } from './database';

describe('device storage failures', () => {
  it('explains a full disk, however it is wrapped', () => {
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    expect(storageErrorMessage(quota)).toMatch(/out of storage space/);
    expect(storageErrorMessage(new Error('Dexie: QuotaExceededError: write failed'))).toMatch(/out of storage space/);
  });

  it('says what failed otherwise, and what to do', () => {
    expect(storageErrorMessage(new Error('IndexedDB is disabled'))).toMatch(/could not open its data on this device \(IndexedDB is disabled\)\. Reload/);
  });
});
