/**
 * One action at a time in a settings section (invite, remove, delete, export…): which one is running, the
 * last one's failure in words, and a guard so a second click does not start another while one runs.
 */
import { createSignal } from 'solid-js';

export interface TaskRunner<Task extends string, Failure> {
  /** The running action, or `null`. */
  readonly busy: () => Task | null;
  /** The last failure; with `task`, only when it was that action's. */
  readonly error: (task?: Task) => Failure | null;
  readonly clear: () => void;
  /** Runs `work` unless another action is running; `true` when it succeeded. */
  readonly run: (task: Task, work: () => Promise<void>) => Promise<boolean>;
}

/** `describe` turns what an action threw into the words the section shows. */
export function createTaskRunner<Task extends string, Failure>(
  describe: (error: unknown, task: Task) => Failure,
): TaskRunner<Task, Failure> {
  const [busy, setBusy] = createSignal<Task | null>(null);
  const [failed, setFailed] = createSignal<{ task: Task; failure: Failure } | null>(null);
  return {
    busy,
    error: (task) => {
      const last = failed();
      return last && (task === undefined || last.task === task) ? last.failure : null;
    },
    clear: () => setFailed(null),
    async run(task, work) {
      if (busy()) return false;
      setBusy(() => task);
      setFailed(null);
      try {
        await work();
        return true;
      } catch (error) {
        setFailed({ task, failure: describe(error, task) });
        return false;
      } finally {
        setBusy(null);
      }
    },
  };
}
