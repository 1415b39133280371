import { PauseStore } from '../src/pauseStore';
import { syncPauseToWorker } from '../src/pauseSync';
import { flush, memoryStorage } from './fakes';

function worker(attributes: Record<string, unknown>) {
  const w: { attributes: Record<string, unknown>; setAttributes: jest.Mock } = { attributes, setAttributes: jest.fn() };
  w.setAttributes.mockImplementation(async (next: Record<string, unknown>) => { w.attributes = next; });
  return w;
}

describe('syncPauseToWorker', () => {
  it('writes the pause switch into the worker attributes, keeping the others', () => {
    const store = new PauseStore(memoryStorage());
    const w = worker({ skills: ['support'], autoAccept: { note: 'kept' } });
    syncPauseToWorker(store, w);
    expect(w.setAttributes).not.toHaveBeenCalled(); // not paused, and the attributes say so already

    store.set(true);

    expect(w.setAttributes).toHaveBeenCalledWith({ skills: ['support'], autoAccept: { note: 'kept', paused: true } });
  });

  it('records a pause kept in the browser when Flex starts', () => {
    const store = new PauseStore(memoryStorage());
    store.set(true);
    const w = worker({ skills: [] });

    syncPauseToWorker(store, w);

    expect(w.setAttributes).toHaveBeenCalledWith({ skills: [], autoAccept: { paused: true } });
  });

  it('keeps working when TaskRouter refuses the update', async () => {
    const log = { warn: jest.fn() };
    const store = new PauseStore(memoryStorage());
    const w = { attributes: {}, setAttributes: jest.fn().mockRejectedValue(new Error('403')) };
    syncPauseToWorker(store, w, log);

    store.set(true);
    await flush();

    expect(store.paused).toBe(true);
    expect(log.warn).toHaveBeenCalledTimes(1);
  });
});
