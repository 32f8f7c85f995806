/**
 * One streamed chat completion: text pieces are handed on as they arrive, tool calls are put back together
 * from their fragments (the API sends a call's id and name first, then its JSON arguments in pieces, each
 * tagged with the call's `index`).
 *
 * Two ways it ends early: the device goes away (the request's signal; the upstream request is aborted too,
 * so nobody pays for tokens no one reads), or the model stays silent for `timeoutMs` — before its first byte
 * or between two chunks. The SDK's own timeout only covers the wait for response headers, hence the watchdog.
 */
import type OpenAI from 'openai';
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import { ClientGone, ModelSilent, modelFailure } from './errors';

export interface ToolCall {
  readonly id: string;
  readonly name: string;
  /** JSON text as the model wrote it (not yet parsed or checked). */
  readonly arguments: string;
}

export interface RoundResult {
  readonly text: string;
  readonly toolCalls: readonly ToolCall[];
  readonly finishReason: string | null;
}

export interface RoundRequest {
  readonly client: OpenAI;
  readonly model: string;
  readonly messages: readonly ChatCompletionMessageParam[];
  readonly tools: readonly ChatCompletionTool[];
  /** 'none' on the last round: the model must answer with what it has. */
  readonly toolChoice: 'auto' | 'none';
  readonly timeoutMs: number;
  /** Aborted (with ClientGone) when the device goes away. */
  readonly signal: AbortSignal;
  readonly onText: (text: string) => Promise<void>;
}

interface PartialCall {
  id: string;
  name: string;
  arguments: string;
}

type Delta = NonNullable<
  OpenAI.Chat.Completions.ChatCompletionChunk['choices'][number]['delta']['tool_calls']
>[number];

function addFragment(calls: Map<number, PartialCall>, fragment: Delta): void {
  const call = calls.get(fragment.index) ?? { id: '', name: '', arguments: '' };
  calls.set(fragment.index, call);
  if (fragment.id) call.id = fragment.id;
  const name = fragment.function?.name;
  // OpenAI sends the name once; some compatible servers repeat it in every fragment.
  if (name && call.name !== name) call.name += name;
  call.arguments += fragment.function?.arguments ?? '';
}

export async function streamRound(request: RoundRequest): Promise<RoundResult> {
  const { client, model, messages, tools, toolChoice, timeoutMs, signal, onText } = request;
  if (signal.aborted) throw signal.reason;
  const controller = new AbortController();
  const relay = (): void => controller.abort(signal.reason);
  signal.addEventListener('abort', relay, { once: true });
  const watchdog = setTimeout(() => controller.abort(new ModelSilent()), timeoutMs);
  let text = '';
  let finishReason: string | null = null;
  const calls = new Map<number, PartialCall>();
  try {
    const stream = await client.chat.completions.create(
      { model, messages: [...messages], tools: [...tools], tool_choice: toolChoice, stream: true },
      { signal: controller.signal },
    );
    for await (const chunk of stream) {
      watchdog.refresh();
      const choice = chunk.choices[0];
      if (!choice) continue;
      if (choice.delta.content) {
        text += choice.delta.content;
        await onText(choice.delta.content);
      }
      for (const fragment of choice.delta.tool_calls ?? []) addFragment(calls, fragment);
      finishReason = choice.finish_reason ?? finishReason;
    }
    // The SDK's stream ends quietly (no throw) when its signal aborts: a silent model or a departed device
    // would otherwise look like a finished answer.
    if (controller.signal.aborted) throw controller.signal.reason;
  } catch (error) {
    if (controller.signal.reason instanceof ClientGone) throw controller.signal.reason;
    throw modelFailure(error, { what: 'language model', timeoutMs, reason: controller.signal.reason });
  } finally {
    clearTimeout(watchdog);
    signal.removeEventListener('abort', relay);
  }
  const toolCalls = [...calls.entries()]
    .sort(([a], [b]) => a - b)
    .map(([index, call]) => ({ id: call.id || `call_${index}`, name: call.name, arguments: call.arguments }));
  return { text, toolCalls, finishReason };
}
