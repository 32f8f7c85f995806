/**
 * The assistant's external services, built once per app from the configuration: the language model (or
 * none), the embedder (the model's embeddings, or the lexical one) and the vector index (Qdrant, or the
 * table in PostgreSQL). The route and the tests use the same code; only URLs and keys differ.
 */
import OpenAI from 'openai';
import type { AssistantConfig } from '../config';
import type { Sql } from '../db/connect';
import type { Logger } from '../logger';
import type { ModelSettings } from './analytical';
import { createEmbeddedIndex } from './embedded-index';
import { lexicalEmbedder, openaiEmbedder } from './embedder';
import { createQdrantIndex } from './qdrant-index';
import { createRetriever, type Retriever } from './retrieval';

export interface AssistantServices {
  /** `null`: no OPENAI_API_KEY, so analytical questions get a plain "not configured" answer. */
  readonly model: ModelSettings | null;
  readonly retriever: Retriever;
}

/**
 * One retry: a transient 5xx or 429 before the stream starts is worth one more try; more would keep the
 * user waiting longer than an error they can retry themselves.
 */
const MAX_RETRIES = 1;

export function createAssistantServices(config: AssistantConfig, sql: Sql, log: Logger): AssistantServices {
  const { openai, qdrant } = config;
  const client = openai
    ? new OpenAI({
        apiKey: openai.apiKey,
        baseURL: openai.baseUrl ?? undefined,
        timeout: openai.timeoutMs,
        maxRetries: MAX_RETRIES,
      })
    : null;
  const embedder =
    client && openai
      ? openaiEmbedder(client, { model: openai.embeddingModel, timeoutMs: openai.timeoutMs })
      : lexicalEmbedder;
  const index = qdrant
    ? createQdrantIndex({ url: qdrant.url, apiKey: qdrant.apiKey, space: embedder.id })
    : createEmbeddedIndex(sql, embedder.id);
  if (
    qdrant?.apiKey &&
    qdrant.url.startsWith('http://') &&
    !/^http:\/\/(localhost|127\.0\.0\.1)[:/]/.test(qdrant.url)
  ) {
    log.warn('QDRANT_API_KEY is sent over plain http; use an https:// QDRANT_URL outside a private network', {
      url: qdrant.url,
    });
  }
  log.debug('assistant services', {
    model: openai?.chatModel ?? 'none (deterministic answers only)',
    embeddings: embedder.id,
    index: index.description,
  });
  return {
    model: client && openai ? { client, chatModel: openai.chatModel, timeoutMs: openai.timeoutMs } : null,
    retriever: createRetriever({ index, embedder, log }),
  };
}
