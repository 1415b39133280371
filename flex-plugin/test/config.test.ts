import { DEFAULT_CONFIG } from '../src/autoAccept';
import { readConfig } from '../src/config';

describe('readConfig', () => {
  const log = { warn: jest.fn() };
  beforeEach(() => log.warn.mockReset());

  it('defaults to voice when nothing is configured', () => {
    expect(readConfig(undefined, log)).toEqual(DEFAULT_CONFIG);
    expect(readConfig({}, log)).toEqual(DEFAULT_CONFIG);
    expect(log.warn).not.toHaveBeenCalled();
  });

  it('reads the channels from ui_attributes, normalised and without duplicates', () => {
    expect(readConfig({ autoAccept: { channels: ['Voice', ' chat ', 'voice'] } }, log)).toEqual({ channels: ['voice', 'chat'] });
  });

  it.each([[[]], ['voice'], [[1, 2]], [['']]])('warns and falls back for channels = %p', (channels) => {
    expect(readConfig({ autoAccept: { channels } }, log)).toEqual(DEFAULT_CONFIG);
    expect(log.warn).toHaveBeenCalledTimes(1);
  });
});
