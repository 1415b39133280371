/** Whether this agent has paused auto-accept; kept in the browser's localStorage so it survives a reload. */
export class PauseStore {
  static readonly KEY = 'plugin-auto-accept:paused';
  private readonly listeners = new Set<(paused: boolean) => void>();

  constructor(private readonly storage: Pick<Storage, 'getItem' | 'setItem'> | undefined) {}

  get paused(): boolean {
    try {
      return this.storage?.getItem(PauseStore.KEY) === 'true';
    } catch {
      return false; // storage blocked by the browser: auto-accept stays on
    }
  }

  set(paused: boolean): void {
    try {
      this.storage?.setItem(PauseStore.KEY, paused ? 'true' : 'false');
    } catch {
      // storage blocked: the switch still works until the page reloads
    }
    this.listeners.forEach((listener) => listener(paused));
  }

  subscribe(listener: (paused: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
