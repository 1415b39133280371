import { EXTEND_SECONDS, WrapUpTimers } from '../src/wrapUp';
import { flush } from './fakes';

describe('WrapUpTimers (fake timers)', () => {
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['setImmediate'] }));
  afterEach(() => jest.useRealTimers());

  function timers(invokeAction = jest.fn().mockResolvedValue(undefined)) {
    const notifyFailure = jest.fn();
    const t = new WrapUpTimers({ invokeAction, notifyFailure, log: { info: jest.fn(), error: jest.fn() } });
    return { t, invokeAction, notifyFailure };
  }

  it('completes the task through Flex when the wrap-up time is up, not before', async () => {
    const { t, invokeAction } = timers();
    t.start('WR1', 30);

    jest.advanceTimersByTime(29_000);
    expect(t.remaining('WR1')).toBe(1);
    expect(invokeAction).not.toHaveBeenCalled();

    jest.advanceTimersByTime(1_000);
    await flush();
    expect(invokeAction).toHaveBeenCalledWith('CompleteTask', { sid: 'WR1' });
    expect(t.remaining('WR1')).toBeNull();
  });

  it('gives the agent more time when they extend', () => {
    const { t, invokeAction } = timers();
    t.start('WR1', 10);
    jest.advanceTimersByTime(8_000);

    t.extend('WR1');
    jest.advanceTimersByTime(10_000);

    expect(invokeAction).not.toHaveBeenCalled();
    expect(t.remaining('WR1')).toBe(2 + EXTEND_SECONDS - 10);
  });

  it('does nothing once the agent completed the task themselves', () => {
    const { t, invokeAction } = timers();
    const changes = jest.fn();
    t.subscribe(changes);
    t.start('WR1', 10);

    t.cancel('WR1');
    t.extend('WR1');
    jest.advanceTimersByTime(60_000);

    expect(invokeAction).not.toHaveBeenCalled();
    expect(t.remaining('WR1')).toBeNull();
    expect(changes).toHaveBeenCalledTimes(2); // started, cancelled
  });

  it('tells the agent once when completing fails', async () => {
    const { t, notifyFailure } = timers(jest.fn().mockRejectedValue(new Error('task gone')));
    t.start('WR1', 1);

    jest.advanceTimersByTime(1_000);
    await flush();

    expect(notifyFailure).toHaveBeenCalledWith('WR1', expect.any(Error));
  });
});
