import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config';

const load = (env: Record<string, string>) => loadConfig({ LOG_LEVEL: 'silent', ...env }).assistant;

describe("the assistant's configuration", () => {
  it('defaults to the embedded services: no model, the PostgreSQL index', () => {
    expect(load({})).toEqual({ openai: null, qdrant: null });
    expect(load({ OPENAI_API_KEY: '', QDRANT_URL: '' })).toEqual({ openai: null, qdrant: null });
  });

  it('turns the model on with a key, with default model names and timeout', () => {
    expect(load({ OPENAI_API_KEY: 'sk-abc' }).openai).toEqual({
      apiKey: 'sk-abc',
      baseUrl: null,
      chatModel: 'gpt-4o-mini',
      embeddingModel: 'text-embedding-3-small',
      timeoutMs: 60_000,
    });
  });

  it('takes an OpenAI-compatible endpoint, model names and Qdrant', () => {
    const config = load({
      OPENAI_API_KEY: 'local',
      OPENAI_BASE_URL: 'http://localhost:11434/v1/',
      OPENAI_CHAT_MODEL: 'llama3.1:8b',
      OPENAI_EMBEDDING_MODEL: 'nomic-embed-text',
      QDRANT_URL: 'http://qdrant:6333',
      QDRANT_API_KEY: 'q-key',
    });
    expect(config.openai).toMatchObject({
      baseUrl: 'http://localhost:11434/v1',
      chatModel: 'llama3.1:8b',
      embeddingModel: 'nomic-embed-text',
    });
    expect(config.qdrant).toEqual({ url: 'http://qdrant:6333', apiKey: 'q-key' });
  });

  it.each<[string, Record<string, string>, RegExp]>([
    [
      'a base URL without a key',
      { OPENAI_BASE_URL: 'http://localhost:11434/v1' },
      /OPENAI_BASE_URL: is set but OPENAI_API_KEY is not/,
    ],
    ['a Qdrant key without a URL', { QDRANT_API_KEY: 'k' }, /QDRANT_API_KEY: is set but QDRANT_URL is not/],
    [
      'a Qdrant host without a scheme',
      { QDRANT_URL: 'qdrant:6333' },
      /QDRANT_URL: must start with http:\/\/ or https:\/\//,
    ],
    [
      'a base URL that is not a URL',
      { OPENAI_API_KEY: 'k', OPENAI_BASE_URL: 'localhost' },
      /OPENAI_BASE_URL: must be a URL/,
    ],
    ['a blank key', { OPENAI_API_KEY: '   ' }, /OPENAI_API_KEY: must not be blank/],
    [
      'a model name with spaces',
      { OPENAI_API_KEY: 'k', OPENAI_CHAT_MODEL: 'gpt 4' },
      /OPENAI_CHAT_MODEL: must be a model name/,
    ],
    [
      'a timeout that is not a number',
      { OPENAI_TIMEOUT_MS: 'soon' },
      /OPENAI_TIMEOUT_MS: must be a whole number/,
    ],
  ])('refuses %s at start, naming the variable', (_case, env, message) => {
    expect(() => load(env)).toThrow(ConfigError);
    expect(() => load(env)).toThrow(message);
  });
});
