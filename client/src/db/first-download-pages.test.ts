import { describe, expect, it } from 'vitest';
import { HttpError, whenSessionEnds } from '../api/http';
import { fromCrossingError, toCrossingError } from './first-download-pages';
import { storageErrorMessage } from './storage-errors';

/** Errors cross from the download worker as plain data (structuredClone, as postMessage does) and are rebuilt. */
const cross = (error: unknown): Error => fromCrossingError(structuredClone(toCrossingError(error)));

describe('a failure of the download worker, as the page sees it', () => {
  it('is the same HttpError, and an ended session still asks to sign in again', () => {
    const ended: string[] = [];
    whenSessionEnds((code) => ended.push(code));
    const error = cross(new HttpError(401, 'session-expired', 'Your session has expired.'));
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 401, code: 'session-expired', message: 'Your session has expired.' });
    expect(ended).toEqual(['session-expired']);
  });

  it('keeps the offline error recognisable', () => {
    const error = cross(new HttpError(0, 'offline', 'No connection to the server.'));
    expect(error instanceof HttpError && error.offline).toBe(true);
  });

  it('keeps a full disk recognisable, so the screen gives the storage advice', () => {
    const error = cross(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    expect(error.name).toBe('QuotaExceededError');
    expect(storageErrorMessage(error)).toMatch(/out of storage space/);
  });

  it('keeps the message of anything else', () => {
    expect(cross(new Error('Could not open the database.')).message).toBe('Could not open the database.');
  });
});
