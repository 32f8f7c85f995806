/**
 * The Google service account FCM is called as: its JSON key (as downloaded from the Firebase console, "Project
 * settings → Service accounts → Generate new private key"), given inline or as a path in FCM_SERVICE_ACCOUNT.
 * Only the fields the OAuth grant and the send URL need are read; a key missing one is refused with its name.
 */
import { createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';

export interface ServiceAccount {
  readonly projectId: string;
  readonly clientEmail: string;
  /** PEM (PKCS #8), as in the key file. */
  readonly privateKey: string;
  readonly privateKeyId: string | null;
  /** Where the signed JWT is exchanged for an access token (https://oauth2.googleapis.com/token). */
  readonly tokenUri: string;
}

export class ServiceAccountError extends Error {
  override name = 'ServiceAccountError';
}

const field = (json: Record<string, unknown>, name: string): string => {
  const value = json[name];
  if (typeof value !== 'string' || value.trim() === '')
    throw new ServiceAccountError(`FCM_SERVICE_ACCOUNT: the service account key has no "${name}".`);
  return value;
};

/** The key's JSON text → the account; throws ServiceAccountError naming what is wrong. */
export function parseServiceAccount(text: string): ServiceAccount {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ServiceAccountError('FCM_SERVICE_ACCOUNT: the service account key is not valid JSON.');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new ServiceAccountError('FCM_SERVICE_ACCOUNT: the service account key must be a JSON object.');
  const record = json as Record<string, unknown>;
  if (record.type !== undefined && record.type !== 'service_account')
    throw new ServiceAccountError(
      `FCM_SERVICE_ACCOUNT: the key is of type "${String(record.type)}"; FCM needs a "service_account" key.`,
    );
  const tokenUri = field(record, 'token_uri');
  if (!/^https?:\/\//.test(tokenUri))
    throw new ServiceAccountError('FCM_SERVICE_ACCOUNT: "token_uri" must be an http(s) URL.');
  const privateKey = field(record, 'private_key');
  try {
    createPrivateKey(privateKey);
  } catch {
    throw new ServiceAccountError('FCM_SERVICE_ACCOUNT: "private_key" is not a PEM private key.');
  }
  return {
    projectId: field(record, 'project_id'),
    clientEmail: field(record, 'client_email'),
    privateKey,
    privateKeyId: typeof record.private_key_id === 'string' ? record.private_key_id : null,
    tokenUri,
  };
}

/** FCM_SERVICE_ACCOUNT as given: the JSON itself when it starts with `{`, else the path of the key file. */
export async function loadServiceAccount(setting: string): Promise<ServiceAccount> {
  if (setting.trimStart().startsWith('{')) return parseServiceAccount(setting);
  let text: string;
  try {
    text = await readFile(setting, 'utf8');
  } catch (error) {
    throw new ServiceAccountError(
      `FCM_SERVICE_ACCOUNT: cannot read the key file ${setting} (${error instanceof Error ? error.message : String(error)}).`,
      { cause: error },
    );
  }
  return parseServiceAccount(text);
}
