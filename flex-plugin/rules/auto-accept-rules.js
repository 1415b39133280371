// Generated from flex-plugin/src/autoAccept.ts and config.ts by `npm run build:rules`. Do not edit.
"use strict";
var AutoAcceptRules = (() => {
  var __defProp = Object.defineProperty;
  var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
  var __getOwnPropNames = Object.getOwnPropertyNames;
  var __hasOwnProp = Object.prototype.hasOwnProperty;
  var __export = (target, all) => {
    for (var name in all)
      __defProp(target, name, { get: all[name], enumerable: true });
  };
  var __copyProps = (to, from, except, desc) => {
    if (from && typeof from === "object" || typeof from === "function") {
      for (let key of __getOwnPropNames(from))
        if (!__hasOwnProp.call(to, key) && key !== except)
          __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
    }
    return to;
  };
  var __toCommonJS = (mod) => __copyProps(__defProp({}, "__esModule", { value: true }), mod);

  // src/rules.ts
  var rules_exports = {};
  __export(rules_exports, {
    DEFAULT_CONFIG: () => DEFAULT_CONFIG,
    EXTEND_SECONDS: () => EXTEND_SECONDS,
    MAX_SETS: () => MAX_SETS,
    MAX_WRAP_UP_SECONDS: () => MAX_WRAP_UP_SECONDS,
    decide: () => decide,
    matchSet: () => matchSet,
    readConfig: () => readConfig
  });

  // src/autoAccept.ts
  var DEFAULT_WRAP_UP_SECONDS = 30;
  var EXTEND_SECONDS = 30;
  var DEFAULT_SET = {
    name: "Voice calls",
    channel: "voice",
    requiredAttributes: [],
    autoAccept: true,
    autoSelect: true,
    autoWrapUp: false,
    wrapUpSeconds: DEFAULT_WRAP_UP_SECONDS
  };
  var DEFAULT_CONFIG = { configurationSets: [DEFAULT_SET] };
  function matchSet(task, config) {
    var _a, _b;
    const channel = ((_a = task.taskChannelUniqueName) != null ? _a : "").toLowerCase();
    const attributes = (_b = task.attributes) != null ? _b : {};
    return config.configurationSets.find(
      (set) => set.channel === channel && set.requiredAttributes.every((r) => attributeText(attributes[r.key]) === r.value)
    );
  }
  function attributeText(value) {
    if (value === void 0 || value === null) return void 0;
    return typeof value === "object" ? JSON.stringify(value) : String(value);
  }
  function decide(reservation, config, paused) {
    var _a, _b;
    const task = reservation.task;
    if (paused) return { accept: false, reason: "paused", wrapUpSeconds: null, set: null };
    if (((_a = task.attributes) == null ? void 0 : _a.direction) === "outbound") return { accept: false, reason: "outbound", wrapUpSeconds: null, set: null };
    if ((_b = task.transfers) == null ? void 0 : _b.incoming) return { accept: false, reason: "transfer", wrapUpSeconds: null, set: null };
    const set = matchSet(task, config);
    if (set === void 0) return { accept: false, reason: "channel", wrapUpSeconds: null, set: null };
    const wrapUpSeconds = set.autoWrapUp ? set.wrapUpSeconds : null;
    if (!set.autoAccept) return { accept: false, reason: "manual", wrapUpSeconds, set: set.name };
    return { accept: true, select: set.autoSelect, wrapUpSeconds, set: set.name };
  }

  // src/config.ts
  var MAX_WRAP_UP_SECONDS = 3600;
  var MAX_SETS = 20;
  function readConfig(uiAttributes, log = console) {
    const section = uiAttributes == null ? void 0 : uiAttributes.autoAccept;
    if (section === void 0 || section === null) return DEFAULT_CONFIG;
    try {
      if (typeof section !== "object" || Array.isArray(section)) throw new ConfigError("ui_attributes.autoAccept must be an object");
      const { configurationSets, channels } = section;
      if (configurationSets !== void 0) return { configurationSets: readSets(configurationSets) };
      if (channels !== void 0) return { configurationSets: readChannels(channels) };
      return DEFAULT_CONFIG;
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      log.warn(`[auto-accept] ${error.message}; using the defaults (voice: accept and select, no auto-wrap-up).`);
      return DEFAULT_CONFIG;
    }
  }
  var ConfigError = class extends Error {
  };
  function readChannels(channels) {
    if (!Array.isArray(channels) || channels.length === 0 || !channels.every((c) => typeof c === "string" && c.trim() !== "")) {
      throw new ConfigError('ui_attributes.autoAccept.channels must be a non-empty list of channel names such as ["voice"]');
    }
    const names = [...new Set(channels.map((c) => c.trim().toLowerCase()))];
    return names.map((channel) => ({ ...DEFAULT_CONFIG.configurationSets[0], name: channel, channel }));
  }
  function readSets(sets) {
    if (!Array.isArray(sets) || sets.length === 0 || sets.length > MAX_SETS) {
      throw new ConfigError(`ui_attributes.autoAccept.configurationSets must be a list of 1 to ${MAX_SETS} sets`);
    }
    return sets.map((raw, index) => readSet(raw, `configurationSets[${index}]`, index));
  }
  function readSet(raw, at, index) {
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new ConfigError(`${at} must be an object`);
    const s = raw;
    if (typeof s.channel !== "string" || s.channel.trim() === "") throw new ConfigError(`${at}.channel must be a task channel name such as "voice"`);
    if (s.name !== void 0 && typeof s.name !== "string") throw new ConfigError(`${at}.name must be text`);
    const flag = (key, fallback) => {
      if (s[key] === void 0) return fallback;
      if (typeof s[key] !== "boolean") throw new ConfigError(`${at}.${key} must be true or false`);
      return s[key];
    };
    const seconds = s.wrapUpSeconds === void 0 ? DEFAULT_WRAP_UP_SECONDS : s.wrapUpSeconds;
    if (typeof seconds !== "number" || !Number.isInteger(seconds) || seconds < 1 || seconds > MAX_WRAP_UP_SECONDS) {
      throw new ConfigError(`${at}.wrapUpSeconds must be a whole number of seconds from 1 to ${MAX_WRAP_UP_SECONDS}`);
    }
    const name = typeof s.name === "string" && s.name.trim() !== "" ? s.name.trim() : `Set ${index + 1}`;
    return {
      name,
      channel: s.channel.trim().toLowerCase(),
      requiredAttributes: readRequired(s.requiredAttributes, `${at}.requiredAttributes`),
      autoAccept: flag("autoAccept", true),
      autoSelect: flag("autoSelect", true),
      autoWrapUp: flag("autoWrapUp", false),
      wrapUpSeconds: seconds
    };
  }
  function readRequired(raw, at) {
    if (raw === void 0) return [];
    if (!Array.isArray(raw)) throw new ConfigError(`${at} must be a list of {"key", "value"} pairs`);
    return raw.map((pair, i) => {
      const p = pair;
      if (typeof p !== "object" || p === null || typeof p.key !== "string" || p.key.trim() === "" || typeof p.value !== "string") {
        throw new ConfigError(`${at}[${i}] must be {"key": "<attribute>", "value": "<text>"} with a key`);
      }
      return { key: p.key.trim(), value: p.value };
    });
  }
  return __toCommonJS(rules_exports);
})();
