/**
 * The plugin's decision rules alone, built into rules/auto-accept-rules.js (a plain script that sets the global
 * AutoAcceptRules). The dashboard's Sandbox runs that file to decide what an agent's Flex does with a test call, and
 * its Flex page runs readConfig before it saves, so the rules exist once: here, in autoAccept.ts and config.ts.
 */
export { decide, matchSet, DEFAULT_CONFIG, EXTEND_SECONDS } from './autoAccept';
export { readConfig, MAX_WRAP_UP_SECONDS, MAX_SETS } from './config';
