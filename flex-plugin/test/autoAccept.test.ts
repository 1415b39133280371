import { AutoAcceptor, decide, DEFAULT_CONFIG } from '../src/autoAccept';
import { quietLog, reservation } from './fakes';

describe('decide', () => {
  it('accepts an inbound voice task', () => {
    expect(decide(reservation(), DEFAULT_CONFIG, false)).toEqual({ accept: true });
  });

  it.each([
    ['an outbound call', reservation({ attributes: { direction: 'outbound' } }), 'outbound'],
    ['a transfer', reservation({ transfers: { incoming: { mode: 'COLD' } } }), 'transfer'],
    ['a chat task when only voice is configured', reservation({ taskChannelUniqueName: 'chat' }), 'channel'],
    ['a task without a channel', reservation({ taskChannelUniqueName: undefined }), 'channel'],
  ])('leaves %s to the agent', (_name, r, reason) => {
    expect(decide(r, DEFAULT_CONFIG, false)).toEqual({ accept: false, reason });
  });

  it('accepts chat when chat is configured', () => {
    expect(decide(reservation({ taskChannelUniqueName: 'chat' }), { channels: ['voice', 'chat'] }, false)).toEqual({ accept: true });
  });

  it('accepts nothing while paused', () => {
    expect(decide(reservation(), DEFAULT_CONFIG, true)).toEqual({ accept: false, reason: 'paused' });
  });

  it('treats missing attributes as inbound', () => {
    expect(decide(reservation({ attributes: null, transfers: null }), DEFAULT_CONFIG, false)).toEqual({ accept: true });
  });
});

describe('AutoAcceptor', () => {
  function acceptor(invokeAction: jest.Mock, paused = false) {
    const notifyFailure = jest.fn();
    const a = new AutoAcceptor({ config: DEFAULT_CONFIG, isPaused: () => paused, invokeAction, notifyFailure, log: quietLog });
    return { a, notifyFailure };
  }

  it('accepts, then selects, with the reservation sid', async () => {
    const invoke = jest.fn().mockResolvedValue(undefined);
    const { a } = acceptor(invoke);
    const r = reservation();

    await a.handle(r);

    expect(invoke.mock.calls).toEqual([['AcceptTask', { sid: r.sid }], ['SelectTask', { sid: r.sid }]]);
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
