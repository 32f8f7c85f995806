/** Vitest global setup of the `e2e` project: one app under test for every file, its URL given to tests as `baseUrl`. */
import type { TestProject } from 'vitest/node';
import { startAppUnderTest } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Origin of the running app, e.g. http://localhost:43123 */
    baseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const app = await startAppUnderTest();
  project.provide('baseUrl', app.url);
  return () => app.stop();
}
