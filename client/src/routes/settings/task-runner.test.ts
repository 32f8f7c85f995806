import { createRoot } from 'solid-js';
import { describe, expect, it } from 'vitest';
import { createTaskRunner } from './task-runner';

const run = <T>(fn: (dispose: () => void) => Promise<T>): Promise<T> => createRoot(fn);

describe('createTaskRunner', () => {
  it('runs one action at a time and says which', () =>
    run(async (dispose) => {
      const tasks = createTaskRunner((error: unknown) => String(error));
      let release!: () => void;
      const first = tasks.run('save', () => new Promise<void>((resolve) => (release = resolve)));
      expect(tasks.busy()).toBe('save');
      expect(await tasks.run('delete', async () => undefined)).toBe(false);
      release();
      expect(await first).toBe(true);
      expect(tasks.busy()).toBeNull();
      dispose();
    }));

  it('keeps the last failure in words, for that action only when asked by name, until cleared or run again', () =>
    run(async (dispose) => {
      const tasks = createTaskRunner(
        (error: unknown, task: 'save' | 'delete') => `${task}: ${(error as Error).message}`,
      );
      expect(await tasks.run('delete', () => Promise.reject(new Error('refused')))).toBe(false);
      expect(tasks.error()).toBe('delete: refused');
      expect(tasks.error('delete')).toBe('delete: refused');
      expect(tasks.error('save')).toBeNull();
      tasks.clear();
      expect(tasks.error()).toBeNull();
      await tasks.run('save', () => Promise.reject(new Error('offline')));
      expect(await tasks.run('save', async () => undefined)).toBe(true);
      expect(tasks.error()).toBeNull();
      dispose();
    }));
});
