import { AutoAcceptConfig, AutoAcceptor, ConfigurationSet, decide, DEFAULT_CONFIG, DEFAULT_SET, matchSet } from '../src/autoAccept';
import { quietLog, reservation } from './fakes';

const set = (overrides: Partial<ConfigurationSet>): ConfigurationSet => ({ ...DEFAULT_SET, ...overrides });
const accepted = { accept: true, select: true, wrapUpSeconds: null, set: 'Voice calls' };

describe('decide', () => {
  it('accepts and selects an inbound voice task by default, leaving wrap-up to the agent', () => {
    expect(decide(reservation(), DEFAULT_CONFIG, false)).toEqual(accepted);
  });

  it.each([
    ['an outbound call', reservation({ attributes: { direction: 'outbound' } }), 'outbound'],
    ['a transfer', reservation({ transfers: { incoming: { mode: 'COLD' } } }), 'transfer'],
    ['a chat task when only voice is configured', reservation({ taskChannelUniqueName: 'chat' }), 'channel'],
    ['a task without a channel', reservation({ taskChannelUniqueName: undefined }), 'channel'],
  ])('leaves %s to the agent', (_name, r, reason) => {
    expect(decide(r, DEFAULT_CONFIG, false)).toEqual({ accept: false, reason, wrapUpSeconds: null, set: null });
  });

  it('accepts nothing while paused', () => {
    expect(decide(reservation(), DEFAULT_CONFIG, true)).toEqual({ accept: false, reason: 'paused', wrapUpSeconds: null, set: null });
  });

  it('treats missing attributes as inbound', () => {
    expect(decide(reservation({ attributes: null, transfers: null }), DEFAULT_CONFIG, false)).toEqual(accepted);
  });

  it('applies the first set whose channel and required attributes fit, in order', () => {
    const config: AutoAcceptConfig = {
      configurationSets: [
        set({ name: 'Support', requiredAttributes: [{ key: 'type', value: 'support' }], autoWrapUp: true, wrapUpSeconds: 20 }),
        set({ name: 'Other calls', autoSelect: false }),
      ],
    };
    expect(decide(reservation({ attributes: { type: 'support' } }), config, false))
      .toEqual({ accept: true, select: true, wrapUpSeconds: 20, set: 'Support' });
    expect(decide(reservation({ attributes: { type: 'troubleshooting' } }), config, false))
      .toEqual({ accept: true, select: false, wrapUpSeconds: null, set: 'Other calls' });
  });

  it('needs every required attribute, compared as text', () => {
    const config = { configurationSets: [set({ requiredAttributes: [{ key: 'type', value: 'support' }, { key: 'vip', value: 'true' }] })] };
    expect(matchSet(reservation({ attributes: { type: 'support', vip: true } }).task, config)).toBeDefined();
    expect(matchSet(reservation({ attributes: { type: 'support' } }).task, config)).toBeUndefined();
  });

  it('leaves the accept to the agent but still wraps up when a set only automates wrap-up', () => {
    const config = { configurationSets: [set({ name: 'Chat', channel: 'chat', autoAccept: false, autoWrapUp: true, wrapUpSeconds: 45 })] };
    expect(decide(reservation({ taskChannelUniqueName: 'chat' }), config, false))
      .toEqual({ accept: false, reason: 'manual', wrapUpSeconds: 45, set: 'Chat' });
  });
});

describe('AutoAcceptor', () => {
  function acceptor(invokeAction: jest.Mock, paused = false, config: AutoAcceptConfig = DEFAULT_CONFIG) {
    const notifyFailure = jest.fn();
    const a = new AutoAcceptor({ config, isPaused: () => paused, invokeAction, notifyFailure, log: quietLog });
    return { a, notifyFailure };
  }

  it('accepts, then selects, with the reservation sid', async () => {
    const invoke = jest.fn().mockResolvedValue(undefined);
    const { a } = acceptor(invoke);
    const r = reservation();

    await a.handle(r);

    expect(invoke.mock.calls).toEqual([['AcceptTask', { sid: r.sid }], ['SelectTask', { sid: r.sid }]]);
  });

  it('accepts without selecting when the set turns auto-select off', async () => {
    const invoke = jest.fn().mockResolvedValue(undefined);
    const { a } = acceptor(invoke, false, { configurationSets: [set({ autoSelect: false })] });
    const r = reservation();

    await a.handle(r);

    expect(invoke.mock.calls).toEqual([['AcceptTask', { sid: r.sid }]]);
  });

  it('reports a failed accept once and never retries', async () => {
    const invoke = jest.fn().mockRejectedValue(new Error('reservation rescinded'));
    const { a, notifyFailure } = acceptor(invoke);
    const r = reservation();

    await a.handle(r);
    await a.handle(r); // the same reservation again (a duplicate event)

    expect(invoke).toHaveBeenCalledTimes(1);
    expect(invoke).toHaveBeenCalledWith('AcceptTask', { sid: r.sid });
    expect(notifyFailure).toHaveBeenCalledTimes(1);
    expect(notifyFailure).toHaveBeenCalledWith(r.sid, expect.any(Error));
  });

  it('keeps an accepted task when selecting it fails', async () => {
    const invoke = jest.fn().mockResolvedValueOnce(undefined).mockRejectedValueOnce(new Error('no such task'));
    const { a, notifyFailure } = acceptor(invoke);

    await a.handle(reservation());

    expect(invoke).toHaveBeenCalledTimes(2);
    expect(notifyFailure).not.toHaveBeenCalled();
  });

  it('does nothing while paused', async () => {
    const invoke = jest.fn();
    const { a } = acceptor(invoke, true);

    await a.handle(reservation());

    expect(invoke).not.toHaveBeenCalled();
  });
});
