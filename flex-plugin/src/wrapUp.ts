/**
 * Auto-wrap-up: when a task the agent handled goes to wrap-up under a set with `autoWrapUp`, a countdown starts; when
 * it runs out, the task is completed through Flex's `CompleteTask` action (so other plugins' listeners still run).
 * The agent can extend the countdown, or complete the task sooner themselves, which ends the countdown.
 */
import { EXTEND_SECONDS } from './autoAccept';

export { EXTEND_SECONDS };

export interface WrapUpDeps {
  invokeAction(name: 'CompleteTask', payload: { sid: string }): Promise<unknown>;
  notifyFailure(reservationSid: string, error: unknown): void;
  now?(): number;
  log?: Pick<Console, 'info' | 'error'>;
}

interface Countdown {
  deadline: number;
  timer: ReturnType<typeof setTimeout>;
}

export class WrapUpTimers {
  private readonly countdowns = new Map<string, Countdown>();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly deps: WrapUpDeps) {}

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  /** Starts (or restarts) the countdown for a reservation in wrap-up. */
  start(reservationSid: string, seconds: number): void {
    this.schedule(reservationSid, this.now() + seconds * 1000);
  }

  /** Gives the agent more time; does nothing once the countdown has ended. */
  extend(reservationSid: string, seconds: number = EXTEND_SECONDS): void {
    const countdown = this.countdowns.get(reservationSid);
    if (countdown) this.schedule(reservationSid, countdown.deadline + seconds * 1000);
  }

  /** The agent completed the task (or it went away): no automatic completion. */
  cancel(reservationSid: string): void {
    const countdown = this.countdowns.get(reservationSid);
    if (!countdown) return;
    clearTimeout(countdown.timer);
    this.countdowns.delete(reservationSid);
    this.changed();
  }

  /** Whole seconds left, or null when no countdown runs for the reservation. */
  remaining(reservationSid: string): number | null {
    const countdown = this.countdowns.get(reservationSid);
    return countdown ? Math.max(0, Math.ceil((countdown.deadline - this.now()) / 1000)) : null;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private schedule(reservationSid: string, deadline: number): void {
    const previous = this.countdowns.get(reservationSid);
    if (previous) clearTimeout(previous.timer);
    const timer = setTimeout(() => void this.complete(reservationSid), Math.max(0, deadline - this.now()));
    this.countdowns.set(reservationSid, { deadline, timer });
    this.changed();
  }

  private async complete(reservationSid: string): Promise<void> {
    this.countdowns.delete(reservationSid);
    this.changed();
    const log = this.deps.log ?? console;
    try {
      await this.deps.invokeAction('CompleteTask', { sid: reservationSid });
      log.info(`[auto-accept] wrap-up time is up: completed ${reservationSid}`);
    } catch (error) {
      log.error(`[auto-accept] could not complete ${reservationSid} after wrap-up`, error);
      this.deps.notifyFailure(reservationSid, error);
    }
  }

  private changed(): void {
    this.listeners.forEach((listener) => listener());
  }
}
