/**
 * The plugin's decision rules alone, built into rules/auto-accept-rules.js (a plain script that sets the global
 * AutoAcceptRules). The dashboard's Sandbox runs that file to decide what an agent's Flex does with a test call, so
 * the rules exist once: here, in autoAccept.ts and config.ts.
 */
export { decide, DEFAULT_CONFIG } from './autoAccept';
export { readConfig } from './config';
