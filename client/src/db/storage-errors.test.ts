import { describe, expect, it } from 'vitest';
import { storageErrorMessage, writeErrorMessage } from './storage-errors';

describe('device storage failures', () => {
  it('explains a full disk, however it is wrapped', () => {
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    expect(storageErrorMessage(quota)).toMatch(/out of storage space/);
    expect(storageErrorMessage(new Error('Dexie: QuotaExceededError: write failed'))).toMatch(/out of storage space/);
  });

  it('says what failed otherwise, and what to do', () => {
    expect(storageErrorMessage(new Error('IndexedDB is disabled'))).toMatch(/could not open its data on this device \(IndexedDB is disabled\)\. Reload/);
  });

  it('explains a write refused for a full disk, and passes other reasons through', () => {
    const quota = new DOMException('Transaction aborted', 'QuotaExceededError');
    expect(writeErrorMessage(quota)).toMatch(/out of storage space, so the change was not saved/);
    expect(writeErrorMessage(new Error('NPS must be between -100 and 100'))).toBe('NPS must be between -100 and 100');
  });
});
