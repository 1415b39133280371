import { AutoAcceptConfig, ConfigurationSet, DEFAULT_CONFIG, DEFAULT_WRAP_UP_SECONDS, RequiredAttribute } from './autoAccept';

export const MAX_WRAP_UP_SECONDS = 3600;
export const MAX_SETS = 20;

/**
 * Reads agent automation from Flex UI attributes (`ui_attributes.autoAccept` in the Flex Configuration API):
 *
 *   {"autoAccept": {"configurationSets": [{"name": "Support calls", "channel": "voice",
 *     "requiredAttributes": [{"key": "type", "value": "support"}],
 *     "autoAccept": true, "autoSelect": true, "autoWrapUp": true, "wrapUpSeconds": 30}]}}
 *
 * The older `{"autoAccept": {"channels": ["voice", "chat"]}}` still reads, as one accept-and-select set per channel.
 * Anything malformed falls back to the defaults (voice: accept and select, no auto-wrap-up), with a console warning
 * that says what was wrong. The dashboard's Flex page runs this same function before it saves.
 */
export function readConfig(uiAttributes: unknown, log: Pick<Console, 'warn'> = console): AutoAcceptConfig {
  const section = (uiAttributes as { autoAccept?: unknown } | null | undefined)?.autoAccept;
  if (section === undefined || section === null) return DEFAULT_CONFIG;
  try {
    if (typeof section !== 'object' || Array.isArray(section)) throw new ConfigError('ui_attributes.autoAccept must be an object');
    const { configurationSets, channels } = section as { configurationSets?: unknown; channels?: unknown };
    if (configurationSets !== undefined) return { configurationSets: readSets(configurationSets) };
    if (channels !== undefined) return { configurationSets: readChannels(channels) };
    return DEFAULT_CONFIG;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    log.warn(`[auto-accept] ${error.message}; using the defaults (voice: accept and select, no auto-wrap-up).`);
    return DEFAULT_CONFIG;
  }
}

class ConfigError extends Error {}

function readChannels(channels: unknown): ConfigurationSet[] {
  if (!Array.isArray(channels) || channels.length === 0 || !channels.every((c) => typeof c === 'string' && c.trim() !== '')) {
    throw new ConfigError('ui_attributes.autoAccept.channels must be a non-empty list of channel names such as ["voice"]');
  }
  const names = [...new Set(channels.map((c: string) => c.trim().toLowerCase()))];
  return names.map((channel) => ({ ...DEFAULT_CONFIG.configurationSets[0], name: channel, channel }));
}

function readSets(sets: unknown): ConfigurationSet[] {
  if (!Array.isArray(sets) || sets.length === 0 || sets.length > MAX_SETS) {
    throw new ConfigError(`ui_attributes.autoAccept.configurationSets must be a list of 1 to ${MAX_SETS} sets`);
  }
  return sets.map((raw, index) => readSet(raw, `configurationSets[${index}]`, index));
}

function readSet(raw: unknown, at: string, index: number): ConfigurationSet {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ConfigError(`${at} must be an object`);
  const s = raw as Record<string, unknown>;
  if (typeof s.channel !== 'string' || s.channel.trim() === '') throw new ConfigError(`${at}.channel must be a task channel name such as "voice"`);
  if (s.name !== undefined && typeof s.name !== 'string') throw new ConfigError(`${at}.name must be text`);
  const flag = (key: string, fallback: boolean): boolean => {
    if (s[key] === undefined) return fallback;
    if (typeof s[key] !== 'boolean') throw new ConfigError(`${at}.${key} must be true or false`);
    return s[key] as boolean;
  };
  const seconds = s.wrapUpSeconds === undefined ? DEFAULT_WRAP_UP_SECONDS : s.wrapUpSeconds;
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 1 || seconds > MAX_WRAP_UP_SECONDS) {
    throw new ConfigError(`${at}.wrapUpSeconds must be a whole number of seconds from 1 to ${MAX_WRAP_UP_SECONDS}`);
  }
  const name = typeof s.name === 'string' && s.name.trim() !== '' ? s.name.trim() : `Set ${index + 1}`;
  return {
    name,
    channel: s.channel.trim().toLowerCase(),
    requiredAttributes: readRequired(s.requiredAttributes, `${at}.requiredAttributes`),
    autoAccept: flag('autoAccept', true),
    autoSelect: flag('autoSelect', true),
    autoWrapUp: flag('autoWrapUp', false),
    wrapUpSeconds: seconds,
  };
}

function readRequired(raw: unknown, at: string): RequiredAttribute[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new ConfigError(`${at} must be a list of {"key", "value"} pairs`);
  return raw.map((pair, i) => {
    const p = pair as { key?: unknown; value?: unknown } | null;
    if (typeof p !== 'object' || p === null || typeof p.key !== 'string' || p.key.trim() === '' || typeof p.value !== 'string') {
      throw new ConfigError(`${at}[${i}] must be {"key": "<attribute>", "value": "<text>"} with a key`);
    }
    return { key: p.key.trim(), value: p.value };
  });
}
