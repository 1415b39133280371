/**
 * The rules of auto-accept, free of Flex so they can be tested: which reservations to accept, and how.
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

export type Decision =
  | { accept: true }
  | { accept: false; reason: 'paused' | 'channel' | 'outbound' | 'transfer' };

export interface AutoAcceptConfig {
  /** Task channels whose reservations are accepted automatically (unique names such as "voice", "chat"). */
  channels: readonly string[];
}

export const DEFAULT_CONFIG: AutoAcceptConfig = { channels: ['voice'] };

/** Decide for one reservation. Outbound calls (Flex accepts those itself) and transfers stay with the agent. */
export function decide(reservation: ReservationLike, config: AutoAcceptConfig, paused: boolean): Decision {
  if (paused) return { accept: false, reason: 'paused' };
  const task = reservation.task;
  if (!config.channels.includes(task.taskChannelUniqueName ?? '')) return { accept: false, reason: 'channel' };
  if (task.attributes?.direction === 'outbound') return { accept: false, reason: 'outbound' };
  if (task.transfers?.incoming) return { accept: false, reason: 'transfer' };
  return { accept: true };
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
 * Accepts, then selects, each qualifying reservation once. A failed accept is logged and reported once and never
 * retried: the reservation may have been rescinded or accepted elsewhere, and a loop would fight the agent.
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
    try {
      await this.deps.invokeAction('SelectTask', { sid: reservation.sid });
    } catch (error) {
      // Accepted but not selected: the task is the agent's, just not in focus. Worth a log line, not an alarm.
      log.warn(`[auto-accept] accepted ${reservation.sid} but could not select it`, error);
    }
    return decision;
  }
}
