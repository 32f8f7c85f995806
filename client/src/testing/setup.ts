/** Client logic tests run in Node: a real IndexedDB implementation (fake-indexeddb) and a Map-backed localStorage. */
import 'fake-indexeddb/auto';

class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  clear(): void {
    this.items.clear();
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  setItem(key: string, value: string): void {
    this.items.set(key, String(value));
  }
}

if (!('localStorage' in globalThis)) Object.defineProperty(globalThis, 'localStorage', { value: new MemoryStorage() });
