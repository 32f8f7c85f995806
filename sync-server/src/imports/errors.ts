/** Why a server-side import was refused, with words for a person; nothing was written when one is thrown. */
export type ImportErrorCode = 'unknown-tenant' | 'unknown-user' | 'forbidden' | 'blocking-errors';

export class ImportError extends Error {
  constructor(
    readonly code: ImportErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ImportError';
  }
}
