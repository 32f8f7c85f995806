/**
 * A fake OpenAI-compatible endpoint: `POST /v1/chat/completions` (plain and streamed as server-sent
 * `chat.completion.chunk`s, tool calls split across chunks the way the real API splits them, `[DONE]` at
 * the end) and `POST /v1/embeddings`. The test scripts each completion with `reply` (a queue, or a function
 * of the request) and asserts on `requests` afterwards. A wrong `Authorization` header gets OpenAI's 401.
 */
import type { ServerResponse } from 'node:http';
import { sendJson, startFakeServer, type FakeServer, type RecordedRequest } from './http-fake';

export interface ScriptedToolCall {
  readonly id: string;
  readonly name: string;
  /** JSON text; streamed in fragments of `fragment` characters. */
  readonly arguments: string;
}

export interface ScriptedReply {
  /** Text pieces, one chunk each. */
  readonly text?: readonly string[];
  readonly toolCalls?: readonly ScriptedToolCall[];
  /** Characters per `function.arguments` fragment (default 7: every call's arguments arrive in pieces). */
  readonly fragment?: number;
  /** Answer with this HTTP status and OpenAI's error body instead. */
  readonly status?: number;
  /** Send this many chunks, then go silent without ending the response. */
  readonly stallAfterChunks?: number;
  /** Wait between chunks. */
  readonly chunkDelayMs?: number;
}

export interface ChatCompletionRequestBody {
  readonly model: string;
  readonly stream?: boolean;
  readonly messages: readonly {
    readonly role: string;
    readonly content?: string | null;
    readonly tool_calls?: readonly { id: string; function: { name: string; arguments: string } }[];
    readonly tool_call_id?: string;
  }[];
  readonly tools?: readonly { type: string; function: { name: string } }[];
  readonly tool_choice?: unknown;
}

interface EmbeddingsBody {
  readonly input: string | string[];
  readonly model: string;
  readonly encoding_format?: 'float' | 'base64';
}

export type Script = (body: ChatCompletionRequestBody, index: number) => ScriptedReply;

export interface FakeOpenAI extends FakeServer {
  /** The base URL to configure (OPENAI_BASE_URL): `<url>/v1`. */
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly requests: RecordedRequest[];
  /** The chat completion requests, in order. */
  chatRequests(): ChatCompletionRequestBody[];
  /** Replaces the script: a queue of replies (one per completion request) or a function. */
  script(replies: readonly ScriptedReply[] | Script): void;
  /** Completion requests whose connection the client closed before the reply ended. */
  readonly abandoned: number[];
}

const DEFAULT_FRAGMENT = 7;

/**
 * The fake's embedding: 256 buckets of hashed words of 4+ letters (a trailing "s" dropped), so texts that share
 * content words get similar vectors. Different from the server's lexical embedding on purpose: a test passing
 * through this endpoint proves the vectors really came from it.
 */
export function fakeEmbedding(text: string): number[] {
  const vector = new Array<number>(256).fill(0);
  for (const raw of text.toLowerCase().match(/[a-z0-9]{4,}/g) ?? []) {
    const word = raw.replace(/s$/, '');
    let h = 7;
    for (const c of word) h = (h * 31 + c.charCodeAt(0)) % 256;
    vector[h]! += 1;
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((x) => x / norm);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function chunk(delta: Record<string, unknown>, finish: string | null = null) {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model: 'fake-model',
    choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
  };
}

/** The chunks of a reply in the order the real API sends them. */
function chunksOf(reply: ScriptedReply): object[] {
  const out: object[] = [chunk({ role: 'assistant', content: '' })];
  for (const text of reply.text ?? []) out.push(chunk({ content: text }));
  const size = reply.fragment ?? DEFAULT_FRAGMENT;
  (reply.toolCalls ?? []).forEach((call, index) => {
    out.push(
      chunk({
        tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }],
      }),
    );
    for (let i = 0; i < call.arguments.length; i += size) {
      out.push(
        chunk({ tool_calls: [{ index, function: { arguments: call.arguments.slice(i, i + size) } }] }),
      );
    }
  });
  out.push(chunk({}, reply.toolCalls?.length ? 'tool_calls' : 'stop'));
  return out;
}

function completion(reply: ScriptedReply) {
  const toolCalls = reply.toolCalls?.map((c) => ({
    id: c.id,
    type: 'function',
    function: { name: c.name, arguments: c.arguments },
  }));
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: 'fake-model',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: (reply.text ?? []).join('') || null,
          ...(toolCalls?.length ? { tool_calls: toolCalls } : {}),
          refusal: null,
        },
        finish_reason: toolCalls?.length ? 'tool_calls' : 'stop',
        logprobs: null,
      },
    ],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
}

async function stream(res: ServerResponse, reply: ScriptedReply, onAbandon: () => void): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  let closed = false;
  res.on('close', () => {
    if (!res.writableFinished) {
      closed = true;
      onAbandon();
    }
  });
  const chunks = chunksOf(reply);
  for (let i = 0; i < chunks.length; i++) {
    if (closed) return;
    if (reply.stallAfterChunks !== undefined && i >= reply.stallAfterChunks) return; // silent until the client gives up
    res.write(`data: ${JSON.stringify(chunks[i])}\n\n`);
    if (reply.chunkDelayMs) await sleep(reply.chunkDelayMs);
  }
  res.end('data: [DONE]\n\n');
}

export async function startFakeOpenAI(options: { apiKey?: string } = {}): Promise<FakeOpenAI> {
  const apiKey = options.apiKey ?? 'sk-test-fake';
  const requests: RecordedRequest[] = [];
  const abandoned: number[] = [];
  let script: Script = () => ({ text: ['(no reply scripted)'] });
  let completions = 0;

  async function handle(request: RecordedRequest, res: ServerResponse): Promise<void> {
    if (request.headers.authorization !== `Bearer ${apiKey}`) {
      return sendJson(res, 401, {
        error: {
          message: 'Incorrect API key provided.',
          type: 'invalid_request_error',
          param: null,
          code: 'invalid_api_key',
        },
      });
    }
    if (request.method === 'POST' && request.path === '/v1/embeddings')
      return embeddings(res, request.body as EmbeddingsBody);
    if (request.method !== 'POST' || request.path !== '/v1/chat/completions') {
      return sendJson(res, 404, {
        error: {
          message: `Unknown request ${request.method} ${request.path}`,
          type: 'invalid_request_error',
        },
      });
    }
    const body = request.body as ChatCompletionRequestBody;
    const index = completions++;
    const reply = script(body, index);
    if (reply.status !== undefined) {
      return sendJson(res, reply.status, {
        error: { message: `Scripted failure ${reply.status}`, type: 'server_error', param: null, code: null },
      });
    }
    if (body.stream) return stream(res, reply, () => abandoned.push(index));
    sendJson(res, 200, completion(reply));
  }

  function embeddings(res: ServerResponse, body: EmbeddingsBody): void {
    const inputs = Array.isArray(body.input) ? body.input : [body.input];
    // The SDK asks for base64 unless told otherwise; the real API then sends little-endian float32s.
    const encode = (v: number[]) =>
      body.encoding_format === 'base64' ? Buffer.from(new Float32Array(v).buffer).toString('base64') : v;
    sendJson(res, 200, {
      object: 'list',
      data: inputs.map((text, index) => ({
        object: 'embedding',
        index,
        embedding: encode(fakeEmbedding(text)),
      })),
      model: body.model,
      usage: { prompt_tokens: inputs.length, total_tokens: inputs.length },
    });
  }

  const server = await startFakeServer(handle, requests);
  return {
    ...server,
    baseUrl: `${server.url}/v1`,
    apiKey,
    requests,
    abandoned,
    chatRequests: () =>
      requests
        .filter((r) => r.path === '/v1/chat/completions')
        .map((r) => r.body as ChatCompletionRequestBody),
    script(replies) {
      completions = 0;
      script = typeof replies === 'function' ? replies : (_body, i) => replies[i] ?? { status: 500 };
    },
  };
}
