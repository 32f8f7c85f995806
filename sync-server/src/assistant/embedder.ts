/**
 * Text → vector, for retrieval. Two kinds: the configured OpenAI-compatible embedding model, or the
 * deterministic lexical embedding (lexical-embedding.ts) when none is configured.
 */
import type OpenAI from 'openai';
import { modelFailure } from './errors';
import { LEXICAL_EMBEDDER_ID, lexicalEmbedding } from './lexical-embedding';

export interface Embedder {
  /**
   * Names the vector space. Vectors of different ids are never compared: the index keeps them apart
   * (rows keyed by it, a Qdrant collection per id), so changing the model re-indexes instead of mixing.
   */
  readonly id: string;
  /** Cosine similarity below which a hit is noise for this embedder. */
  readonly minScore: number;
  embed(texts: readonly string[], signal?: AbortSignal): Promise<number[][]>;
}

export const lexicalEmbedder: Embedder = {
  id: LEXICAL_EMBEDDER_ID,
  // One shared content word between a short question and a note already scores ~0.2; collisions stay well below.
  minScore: 0.12,
  embed: (texts) => Promise.resolve(texts.map(lexicalEmbedding)),
};

/** Inputs per request: well under every provider's limit, and few round trips for a tenant's runs. */
const EMBEDDING_BATCH = 96;

export function openaiEmbedder(client: OpenAI, options: { model: string; timeoutMs: number }): Embedder {
  const { model, timeoutMs } = options;
  return {
    id: `openai-${model}`,
    // Learned embeddings rate unrelated texts around 0.1–0.2; related passages sit clearly above.
    minScore: 0.25,
    async embed(texts, signal) {
      const vectors: number[][] = [];
      for (let start = 0; start < texts.length; start += EMBEDDING_BATCH) {
        const input = texts.slice(start, start + EMBEDDING_BATCH);
        try {
          // 'float' explicitly: the SDK's default (base64) is not spoken by every compatible server.
          const response = await client.embeddings.create(
            { model, input, encoding_format: 'float' },
            { signal },
          );
          const ordered = [...response.data].sort((a, b) => a.index - b.index);
          if (ordered.length !== input.length)
            throw new Error(`Expected ${input.length} embeddings, got ${ordered.length}`);
          vectors.push(...ordered.map((d) => d.embedding));
        } catch (error) {
          throw modelFailure(error, { what: 'embedding model', timeoutMs, reason: signal?.reason });
        }
      }
      return vectors;
    },
  };
}
