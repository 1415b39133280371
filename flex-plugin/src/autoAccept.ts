/**
 * The rules of agent automation, free of Flex so they can be tested: which configuration set a reservation falls
 * under, and whether its task is accepted, selected and wrapped up automatically.
 * The reservation is a twilio-taskrouter Reservation (what `workerClient.on('reservationCreated')` passes).
 */

export interface ReservationLike {
  sid: string;
  task: {
    sid: string;
    taskChannelUniqueName?: string;
    attributes?: Record<string, unknown> | null;
    transfers?: { incoming?: unknown } | null;
  };
}

/** A task attribute a set requires: `key` is a top-level task attribute, compared as text with `value`. */
export interface RequiredAttribute {
  key: string;
  value: string;
}

/**
 * One configuration set, after the agent-automation feature of Twilio Professional Services' flex-project-template:
 * tasks on `channel` whose attributes carry every `requiredAttributes` pair get this set's automation.
 */
export interface ConfigurationSet {
  name: string;
  channel: string;
  requiredAttributes: readonly RequiredAttribute[];
  autoAccept: boolean;
  autoSelect: boolean;
  autoWrapUp: boolean;
  /** Seconds of wrap-up before the task is completed for the agent (when autoWrapUp). */
  wrapUpSeconds: number;
}

export interface AutoAcceptConfig {
  /** Matched in order; the first set whose channel and attributes fit the task applies. */
  configurationSets: readonly ConfigurationSet[];
}

export const DEFAULT_WRAP_UP_SECONDS = 30;

/** How much time the agent's "extend" button adds to an auto-wrap-up countdown. */
export const EXTEND_SECONDS = 30;

/** Today's behaviour: voice tasks accepted and selected, wrap-up left to the agent. */
export const DEFAULT_SET: ConfigurationSet = {
  name: 'Voice calls',
  channel: 'voice',
  requiredAttributes: [],
  autoAccept: true,
  autoSelect: true,
  autoWrapUp: false,
  wrapUpSeconds: DEFAULT_WRAP_UP_SECONDS,
};

export const DEFAULT_CONFIG: AutoAcceptConfig = { configurationSets: [DEFAULT_SET] };

export type Reason = 'paused' | 'channel' | 'outbound' | 'transfer' | 'manual';

/**
 * What the agent's Flex does with one reservation. `set` names the configuration set that matched (null: none did);
 * `wrapUpSeconds` is the automatic wrap-up time, or null when wrap-up stays with the agent.
 */
export type Decision =
  | { accept: true; select: boolean; wrapUpSeconds: number | null; set: string }
  | { accept: false; reason: Reason; wrapUpSeconds: number | null; set: string | null };

/** The first set that fits the task's channel and required attributes, or undefined. */
export function matchSet(task: ReservationLike['task'], config: AutoAcceptConfig): ConfigurationSet | undefined {
  const channel = (task.taskChannelUniqueName ?? '').toLowerCase();
  const attributes = task.attributes ?? {};
  return config.configurationSets.find(
    (set) => set.channel === channel && set.requiredAttributes.every((r) => attributeText(attributes[r.key]) === r.value),
  );
}

function attributeText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Decide for one reservation. Outbound calls (Flex accepts those itself) and transfers stay with the agent. */
export function decide(reservation: ReservationLike, config: AutoAcceptConfig, paused: boolean): Decision {
  const task = reservation.task;
  if (paused) return { accept: false, reason: 'paused', wrapUpSeconds: null, set: null };
  if (task.attributes?.direction === 'outbound') return { accept: false, reason: 'outbound', wrapUpSeconds: null, set: null };
  if (task.transfers?.incoming) return { accept: false, reason: 'transfer', wrapUpSeconds: null, set: null };
  const set = matchSet(task, config);
  if (set === undefined) return { accept: false, reason: 'channel', wrapUpSeconds: null, set: null };
  const wrapUpSeconds = set.autoWrapUp ? set.wrapUpSeconds : null;
  if (!set.autoAccept) return { accept: false, reason: 'manual', wrapUpSeconds, set: set.name };
  return { accept: true, select: set.autoSelect, wrapUpSeconds, set: set.name };
}

export interface AcceptorDeps {
  config: AutoAcceptConfig;
  isPaused(): boolean;
  /** Flex's Actions.invokeAction. */
  invokeAction(name: 'AcceptTask' | 'SelectTask', payload: { sid: string }): Promise<unknown>;
  /** Tells the agent (a Flex notification) that a task needs a manual accept. */
  notifyFailure(reservationSid: string, error: unknown): void;
  log?: Pick<Console, 'info' | 'warn' | 'error'>;
}

/**
 * Accepts, then (when the set says so) selects, each qualifying reservation once. A failed accept is logged and
 * reported once and never retried: the reservation may have been rescinded or accepted elsewhere, and a loop would
 * fight the agent.
 */
export class AutoAcceptor {
  private readonly handled = new Set<string>();

  constructor(private readonly deps: AcceptorDeps) {}

  async handle(reservation: ReservationLike): Promise<Decision> {
    const decision = decide(reservation, this.deps.config, this.deps.isPaused());
    const log = this.deps.log ?? console;
    if (!decision.accept) {
      log.info(`[auto-accept] left ${reservation.sid} to the agent (${decision.reason})`);
      return decision;
    }
    if (this.handled.has(reservation.sid)) return decision;
    this.handled.add(reservation.sid);

    try {
      await this.deps.invokeAction('AcceptTask', { sid: reservation.sid });
    } catch (error) {
      log.error(`[auto-accept] could not accept ${reservation.sid}`, error);
      this.deps.notifyFailure(reservation.sid, error);
      return decision;
    }
    if (!decision.select) return decision;
    try {
      await this.deps.invokeAction('SelectTask', { sid: reservation.sid });
    } catch (error) {
      // Accepted but not selected: the task is the agent's, just not in focus. Worth a log line, not an alarm.
      log.warn(`[auto-accept] accepted ${reservation.sid} but could not select it`, error);
    }
    return decision;
  }
}
