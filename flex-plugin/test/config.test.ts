import { DEFAULT_CONFIG, DEFAULT_SET } from '../src/autoAccept';
import { readConfig } from '../src/config';

describe('readConfig', () => {
  const log = { warn: jest.fn() };
  beforeEach(() => log.warn.mockReset());

  it('defaults to voice when nothing is configured', () => {
    expect(readConfig(undefined, log)).toEqual(DEFAULT_CONFIG);
    expect(readConfig({}, log)).toEqual(DEFAULT_CONFIG);
    expect(readConfig({ autoAccept: {} }, log)).toEqual(DEFAULT_CONFIG);
    expect(log.warn).not.toHaveBeenCalled();
  });

  it('reads the older channel list as one accept-and-select set per channel, normalised and without duplicates', () => {
    expect(readConfig({ autoAccept: { channels: ['Voice', ' chat ', 'voice'] } }, log).configurationSets.map((s) => [s.channel, s.autoAccept, s.autoWrapUp]))
      .toEqual([['voice', true, false], ['chat', true, false]]);
  });

  it('reads configuration sets with defaults for what is left out', () => {
    const config = readConfig({
      autoAccept: {
        configurationSets: [
          { name: ' Support ', channel: ' Voice ', requiredAttributes: [{ key: 'type', value: 'support' }], autoWrapUp: true, wrapUpSeconds: 15 },
          { channel: 'chat', autoSelect: false },
        ],
      },
    }, log);

    expect(config.configurationSets).toEqual([
      { ...DEFAULT_SET, name: 'Support', channel: 'voice', requiredAttributes: [{ key: 'type', value: 'support' }], autoWrapUp: true, wrapUpSeconds: 15 },
      { ...DEFAULT_SET, name: 'Set 2', channel: 'chat', autoSelect: false },
    ]);
    expect(log.warn).not.toHaveBeenCalled();
  });

  it.each([
    [{ channels: [] }, 'channels'],
    [{ channels: 'voice' }, 'channels'],
    [{ channels: [1, 2] }, 'channels'],
    [{ channels: [''] }, 'channels'],
    ['voice', 'must be an object'],
    [{ configurationSets: [] }, 'configurationSets'],
    [{ configurationSets: [{ name: 'x' }] }, 'configurationSets[0].channel'],
    [{ configurationSets: [{ channel: 'voice', autoAccept: 'yes' }] }, 'configurationSets[0].autoAccept must be true or false'],
    [{ configurationSets: [{ channel: 'voice', wrapUpSeconds: 0 }] }, 'wrapUpSeconds'],
    [{ configurationSets: [{ channel: 'voice', wrapUpSeconds: 1.5 }] }, 'wrapUpSeconds'],
    [{ configurationSets: [{ channel: 'voice', wrapUpSeconds: 3601 }] }, 'wrapUpSeconds'],
    [{ configurationSets: [{ channel: 'voice', requiredAttributes: [{ key: '', value: 'x' }] }] }, 'requiredAttributes[0]'],
    [{ configurationSets: [{ channel: 'voice', requiredAttributes: { type: 'x' } }] }, 'requiredAttributes must be a list'],
  ])('warns and falls back to the defaults for autoAccept = %p', (autoAccept, says) => {
    expect(readConfig({ autoAccept }, log)).toEqual(DEFAULT_CONFIG);
    expect(log.warn).toHaveBeenCalledTimes(1);
    expect(log.warn.mock.calls[0][0]).toContain(says);
  });
});
