/**
 * Full answers given in this tab, by question id: with their table, chart and follow-up context, which the
 * stored message does not hold (it keeps the sentence and the citations). Kept for as long as the tab lives;
 * a reload rebuilds what is needed (thread.ts).
 */
import type { AssistantAnswer } from '@vitals/shared';
import { createRoot, createSignal } from 'solid-js';

const store = createRoot(() => {
  const byQuestion = new Map<string, AssistantAnswer>();
  // The map is mutated in place; the version makes readers re-run.
  const [version, setVersion] = createSignal(0);
  return { byQuestion, version, setVersion };
});

export function rememberAnswer(questionId: string, answer: AssistantAnswer): void {
  store.byQuestion.set(questionId, answer);
  store.setVersion((v) => v + 1);
}

/** Every answer given in this tab (reactive). */
export function knownAnswers(): ReadonlyMap<string, AssistantAnswer> {
  store.version();
  return store.byQuestion;
}
