import { readFileSync } from 'fs';
import { join } from 'path';
import { runInNewContext } from 'vm';
import { FakeWorkerClient, flush, liveReservation, memoryStorage, reservation } from './fakes';

// `npm test` builds first; these load the real bundle the way Flex does (a script with Flex's globals on window).
type Plugin = { name: string; uniqueName: string; init(flex: unknown, manager: unknown): void };

/** Runs build/plugin-auto-accept.js against a fake Flex; returns the plugin class it registered and the fake. */
function loadBundle() {
  const code = readFileSync(join(__dirname, '..', 'build', 'plugin-auto-accept.js'), 'utf8');
  const registered: Array<new () => Plugin> = [];
  const invokeAction = jest.fn().mockResolvedValue(undefined);
  const flex = {
    Plugins: { init: (plugin: never) => registered.push(plugin) },
    Actions: { invokeAction },
    Notifications: { registerNotification: jest.fn(), showNotification: jest.fn() },
    NotificationType: { error: 'error' },
    MainHeader: { Content: { add: jest.fn() } },
    TaskCanvasHeader: { Content: { add: jest.fn() } },
  };
  const window = { Twilio: { Flex: flex }, React: require('react'), localStorage: memoryStorage() };
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  runInNewContext(code, { window, Twilio: window.Twilio, console, setTimeout, clearTimeout, setInterval, clearInterval });
  expect(registered).toHaveLength(1);
  return { Plugin: registered[0], flex, invokeAction };
}

describe('build/plugin-auto-accept.js', () => {
  it('registers the plugin with Flex and auto-accepts through the bundled code', async () => {
    const { Plugin, flex, invokeAction } = loadBundle();
    const plugin = new Plugin(); // Flex instantiates the class it was given
    const worker = new FakeWorkerClient();
    jest.spyOn(console, 'info').mockImplementation(() => undefined);
    plugin.init(flex, { workerClient: worker, serviceConfiguration: { ui_attributes: {} } });
    const r = reservation();
    worker.emit('reservationCreated', r);
    await flush();

    expect(plugin.name).toBe('AutoAcceptPlugin');
    expect(plugin.uniqueName).toBe('plugin-auto-accept');
    expect(invokeAction).toHaveBeenCalledWith('AcceptTask', { sid: r.sid });
  });

  it('wraps up through the bundled code after the configured time', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    try {
      const { Plugin, flex, invokeAction } = loadBundle();
      const worker = new FakeWorkerClient();
      const uiAttributes = { autoAccept: { configurationSets: [{ name: 'Calls', channel: 'voice', autoSelect: false, autoWrapUp: true, wrapUpSeconds: 5 }] } };
      new Plugin().init(flex, { workerClient: worker, serviceConfiguration: { ui_attributes: uiAttributes } });
      const r = liveReservation();

      worker.emit('reservationCreated', r);
      await flush();
      r.emit('wrapup');
      jest.advanceTimersByTime(5_000);
      await flush();

      expect(invokeAction.mock.calls).toEqual([['AcceptTask', { sid: r.sid }], ['CompleteTask', { sid: r.sid }]]);
    } finally {
      jest.useRealTimers();
    }
  });
});
