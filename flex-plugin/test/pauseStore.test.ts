import { PauseStore } from '../src/pauseStore';
import { memoryStorage } from './fakes';

describe('PauseStore', () => {
  it('is on by default', () => {
    expect(new PauseStore(memoryStorage()).paused).toBe(false);
  });

  it('keeps the pause across a reload (a new store on the same storage)', () => {
    const storage = memoryStorage();
    new PauseStore(storage).set(true);

    expect(new PauseStore(storage).paused).toBe(true);
  });

  it('tells subscribers, and stops after unsubscribe', () => {
    const store = new PauseStore(memoryStorage());
    const listener = jest.fn();
    const unsubscribe = store.subscribe(listener);

    store.set(true);
    unsubscribe();
    store.set(false);

    expect(listener.mock.calls).toEqual([[true]]);
  });

  it('survives a browser that blocks storage', () => {
    const blocked = { getItem: () => { throw new Error('SecurityError'); }, setItem: () => { throw new Error('SecurityError'); } };
    const store = new PauseStore(blocked);

    store.set(true);

    expect(store.paused).toBe(false);
  });
});
