import { EventEmitter } from 'events';
import type { ReservationLike } from '../src/autoAccept';

let counter = 0;

export function reservation(overrides: Partial<ReservationLike['task']> = {}): ReservationLike {
  counter += 1;
  return {
    sid: `WR${String(counter).padStart(32, '0')}`,
    task: {
      sid: `WT${String(counter).padStart(32, '0')}`,
      taskChannelUniqueName: 'voice',
      attributes: { direction: 'inbound', from: '+15005550006' },
      transfers: { incoming: null },
      ...overrides,
    },
  };
}

/** The TaskRouter worker client as Flex exposes it: emits reservationCreated, has attributes it can set. */
export class FakeWorkerClient extends EventEmitter {
  attributes: Record<string, unknown> = { skills: ['support'] };
  setAttributes = jest.fn(async (attributes: Record<string, unknown>) => {
    this.attributes = attributes;
    return this;
  });
}

/** A reservation that emits its own events (wrapup, completed, …) the way twilio-taskrouter's Reservation does. */
export function liveReservation(overrides: Partial<ReservationLike['task']> = {}): ReservationLike & EventEmitter {
  return Object.assign(new EventEmitter(), reservation(overrides));
}

export function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() { return items.size; },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (key) => { items.delete(key); },
    setItem: (key, value) => { items.set(key, String(value)); },
  };
}

export const quietLog = { info: jest.fn(), warn: jest.fn(), error: jest.fn() };

/** Lets pending promise callbacks run. */
export const flush = () => new Promise((resolve) => setImmediate(resolve));
