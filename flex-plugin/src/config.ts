import { AutoAcceptConfig, DEFAULT_CONFIG } from './autoAccept';

/**
 * Reads the channel list from Flex UI attributes (`ui_attributes.autoAccept.channels` in the Flex Configuration API),
 * for example `{"autoAccept": {"channels": ["voice", "chat"]}}`. A missing or malformed value falls back to voice only,
 * with a console warning that says what was wrong.
 */
export function readConfig(uiAttributes: unknown, log: Pick<Console, 'warn'> = console): AutoAcceptConfig {
  const section = (uiAttributes as { autoAccept?: { channels?: unknown } } | null | undefined)?.autoAccept;
  if (section === undefined || section.channels === undefined) return DEFAULT_CONFIG;

  const channels = section.channels;
  if (!Array.isArray(channels) || channels.length === 0 || !channels.every((c) => typeof c === 'string' && c.trim() !== '')) {
    log.warn('[auto-accept] ui_attributes.autoAccept.channels must be a non-empty list of channel names such as ["voice"]; using ["voice"].');
    return DEFAULT_CONFIG;
  }
  return { channels: [...new Set(channels.map((c: string) => c.trim().toLowerCase()))] };
}
