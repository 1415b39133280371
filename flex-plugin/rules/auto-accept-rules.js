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
    decide: () => decide,
    readConfig: () => readConfig
  });

  // src/autoAccept.ts
  var DEFAULT_CONFIG = { channels: ["voice"] };
  function decide(reservation, config, paused) {
    var _a, _b, _c;
    if (paused) return { accept: false, reason: "paused" };
    const task = reservation.task;
    if (!config.channels.includes((_a = task.taskChannelUniqueName) != null ? _a : "")) return { accept: false, reason: "channel" };
    if (((_b = task.attributes) == null ? void 0 : _b.direction) === "outbound") return { accept: false, reason: "outbound" };
    if ((_c = task.transfers) == null ? void 0 : _c.incoming) return { accept: false, reason: "transfer" };
    return { accept: true };
  }

  // src/config.ts
  function readConfig(uiAttributes, log = console) {
    const section = uiAttributes == null ? void 0 : uiAttributes.autoAccept;
    if (section === void 0 || section.channels === void 0) return DEFAULT_CONFIG;
    const channels = section.channels;
    if (!Array.isArray(channels) || channels.length === 0 || !channels.every((c) => typeof c === "string" && c.trim() !== "")) {
      log.warn('[auto-accept] ui_attributes.autoAccept.channels must be a non-empty list of channel names such as ["voice"]; using ["voice"].');
      return DEFAULT_CONFIG;
    }
    return { channels: [...new Set(channels.map((c) => c.trim().toLowerCase()))] };
  }
  return __toCommonJS(rules_exports);
})();
