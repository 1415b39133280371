import type { PauseStore } from './pauseStore';

/** The part of twilio-taskrouter's Worker the plugin needs. */
export interface WorkerLike {
  attributes?: Record<string, unknown> | null;
  setAttributes(attributes: Record<string, unknown>): Promise<unknown>;
}

/**
 * Keeps the agent's pause switch in the worker's attributes (`{"autoAccept": {"paused": true}}`), merged with the
 * attributes the worker has (skills and all), so supervisors see who paused auto-accept — the dashboard reads it.
 */
export function syncPauseToWorker(store: PauseStore, worker: WorkerLike | undefined, log: Pick<Console, 'warn'> = console): () => void {
  if (!worker) return () => undefined;
  const write = (paused: boolean): void => {
    const attributes = worker.attributes ?? {};
    const section = (attributes.autoAccept as Record<string, unknown> | undefined) ?? {};
    if ((section.paused === true) === paused) return;
    worker.setAttributes({ ...attributes, autoAccept: { ...section, paused } }).catch((error: unknown) =>
      log.warn('[auto-accept] could not record the pause switch in the worker attributes', error));
  };
  write(store.paused);
  return store.subscribe(write);
}
