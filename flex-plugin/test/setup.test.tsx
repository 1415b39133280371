import type * as Flex from '@twilio/flex-ui';
import { FAILURE_NOTIFICATION, setUpAutoAccept } from '../src/setup';
import { PauseStore } from '../src/pauseStore';
import { FakeWorkerClient, flush, liveReservation, memoryStorage, reservation } from './fakes';

function fakeFlex(invokeAction: jest.Mock) {
  return {
    Actions: { invokeAction },
    Notifications: { registerNotification: jest.fn(), showNotification: jest.fn() },
    NotificationType: { error: 'error' },
    MainHeader: { Content: { add: jest.fn() } },
    TaskCanvasHeader: { Content: { add: jest.fn() } },
  };
}

function fakeManager(worker: FakeWorkerClient, uiAttributes: unknown = {}) {
  return { workerClient: worker, serviceConfiguration: { ui_attributes: uiAttributes } } as unknown as Flex.Manager;
}

describe('setUpAutoAccept (wired to a fake Flex)', () => {
  beforeAll(() => jest.spyOn(console, 'info').mockImplementation(() => undefined));

  it('accepts and selects an inbound voice reservation from the worker client', async () => {
    const invoke = jest.fn().mockResolvedValue(undefined);
    const flex = fakeFlex(invoke);
    const worker = new FakeWorkerClient();
    setUpAutoAccept(flex as never, fakeManager(worker), memoryStorage());
    const r = reservation();

    worker.emit('reservationCreated', r);
    await flush();

    expect(invoke.mock.calls).toEqual([['AcceptTask', { sid: r.sid }], ['SelectTask', { sid: r.sid }]]);
    expect(flex.MainHeader.Content.add).toHaveBeenCalledTimes(1);
  });

  it('leaves outbound calls, transfers and other channels alone', async () => {
    const invoke = jest.fn().mockResolvedValue(undefined);
    const worker = new FakeWorkerClient();
    setUpAutoAccept(fakeFlex(invoke) as never, fakeManager(worker), memoryStorage());

    worker.emit('reservationCreated', reservation({ attributes: { direction: 'outbound' } }));
    worker.emit('reservationCreated', reservation({ transfers: { incoming: { mode: 'WARM' } } }));
    worker.emit('reservationCreated', reservation({ taskChannelUniqueName: 'sms' }));
    await flush();

    expect(invoke).not.toHaveBeenCalled();
  });

  it('honours channels configured in ui_attributes', async () => {
    const invoke = jest.fn().mockResolvedValue(undefined);
    const worker = new FakeWorkerClient();
    setUpAutoAccept(fakeFlex(invoke) as never, fakeManager(worker, { autoAccept: { channels: ['chat'] } }), memoryStorage());

    worker.emit('reservationCreated', reservation({ taskChannelUniqueName: 'voice' }));
    worker.emit('reservationCreated', reservation({ taskChannelUniqueName: 'chat' }));
    await flush();

    expect(invoke).toHaveBeenCalledTimes(2); // AcceptTask + SelectTask for the chat task only
  });

  it('accepts nothing when the agent paused auto-accept before a reload', async () => {
    const invoke = jest.fn().mockResolvedValue(undefined);
    const storage = memoryStorage();
    new PauseStore(storage).set(true);
    const worker = new FakeWorkerClient();
    setUpAutoAccept(fakeFlex(invoke) as never, fakeManager(worker), storage);

    worker.emit('reservationCreated', reservation());
    await flush();

    expect(invoke).not.toHaveBeenCalled();
  });

  it('records the header switch in the worker attributes for supervisors', () => {
    const flex = fakeFlex(jest.fn());
    const worker = new FakeWorkerClient();
    setUpAutoAccept(flex as never, fakeManager(worker), memoryStorage());
    const toggle = flex.MainHeader.Content.add.mock.calls[0][0] as { props: { store: PauseStore } };

    toggle.props.store.set(true);

    expect(worker.setAttributes).toHaveBeenCalledWith({ skills: ['support'], autoAccept: { paused: true } });
  });

  it('completes a task after the configured wrap-up time, with the countdown in the task canvas header', async () => {
    jest.useFakeTimers();
    try {
      const invoke = jest.fn().mockResolvedValue(undefined);
      const flex = fakeFlex(invoke);
      const worker = new FakeWorkerClient();
      const uiAttributes = { autoAccept: { configurationSets: [{ name: 'Voice', channel: 'voice', autoWrapUp: true, wrapUpSeconds: 20 }] } };
      const { timers } = setUpAutoAccept(flex as never, fakeManager(worker, uiAttributes), memoryStorage());
      const r = liveReservation();

      worker.emit('reservationCreated', r);
      await Promise.resolve();
      await Promise.resolve();
      await Promise.resolve();
      r.emit('wrapup');
      expect(timers.remaining(r.sid)).toBe(20);
      jest.advanceTimersByTime(20_000);
      await Promise.resolve();

      expect(invoke.mock.calls.map((c) => c[0])).toEqual(['AcceptTask', 'SelectTask', 'CompleteTask']);
      expect(flex.TaskCanvasHeader.Content.add).toHaveBeenCalledTimes(1);
    } finally {
      jest.useRealTimers();
    }
  });

  it('starts no countdown when the agent completes before wrap-up, or when no set automates wrap-up', async () => {
    const invoke = jest.fn().mockResolvedValue(undefined);
    const worker = new FakeWorkerClient();
    const { timers } = setUpAutoAccept(fakeFlex(invoke) as never, fakeManager(worker), memoryStorage());
    const r = liveReservation();

    worker.emit('reservationCreated', r);
    await flush();
    r.emit('wrapup');

    expect(timers.remaining(r.sid)).toBeNull();
  });

  it('shows the registered notification once when accepting fails', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const flex = fakeFlex(jest.fn().mockRejectedValue(new Error('rescinded')));
    const worker = new FakeWorkerClient();
    setUpAutoAccept(flex as never, fakeManager(worker), memoryStorage());
    const r = reservation();

    worker.emit('reservationCreated', r);
    worker.emit('reservationCreated', r);
    await flush();

    expect(flex.Notifications.registerNotification).toHaveBeenCalledWith(expect.objectContaining({ id: FAILURE_NOTIFICATION, type: 'error' }));
    expect(flex.Notifications.showNotification).toHaveBeenCalledTimes(1);
    expect(flex.Actions.invokeAction).toHaveBeenCalledTimes(1);
  });
});
