import * as React from 'react';
import type * as Flex from '@twilio/flex-ui';
import { AutoAcceptor, ReservationLike } from './autoAccept';
import { AutoAcceptToggle } from './AutoAcceptToggle';
import { readConfig } from './config';
import { PauseStore } from './pauseStore';
import { syncPauseToWorker, WorkerLike } from './pauseSync';
import { WrapUpCountdown } from './WrapUpCountdown';
import { WrapUpTimers } from './wrapUp';

export const FAILURE_NOTIFICATION = 'PluginAutoAcceptFailed';
export const WRAP_UP_FAILURE_NOTIFICATION = 'PluginAutoWrapUpFailed';

type FlexApi = Pick<typeof Flex, 'Actions' | 'Notifications' | 'NotificationType' | 'MainHeader' | 'TaskCanvasHeader'>;

/** A reservation as the worker client emits it: the task, and its own events (wrapup, completed, …). */
type LiveReservation = ReservationLike & { on?(event: string, listener: () => void): unknown };

export interface AutoAcceptSetup {
  acceptor: AutoAcceptor;
  timers: WrapUpTimers;
}

/** Wires the automation into Flex. Kept apart from the plugin class so tests can pass a fake Flex and Manager. */
export function setUpAutoAccept(flex: FlexApi, manager: Flex.Manager, storage: Storage | undefined): AutoAcceptSetup {
  const config = readConfig(manager.serviceConfiguration?.ui_attributes);
  const store = new PauseStore(storage);

  flex.Notifications.registerNotification({
    id: FAILURE_NOTIFICATION,
    type: flex.NotificationType.error,
    closeButton: true,
    timeout: 0,
    content: 'Auto-accept could not accept an incoming task. Accept it yourself from the task list.',
  });
  flex.Notifications.registerNotification({
    id: WRAP_UP_FAILURE_NOTIFICATION,
    type: flex.NotificationType.error,
    closeButton: true,
    timeout: 0,
    content: 'Auto wrap-up could not complete a task. Complete it yourself.',
  });

  const acceptor = new AutoAcceptor({
    config,
    isPaused: () => store.paused,
    invokeAction: (name, payload) => flex.Actions.invokeAction(name, payload),
    notifyFailure: () => flex.Notifications.showNotification(FAILURE_NOTIFICATION),
  });
  const timers = new WrapUpTimers({
    invokeAction: (name, payload) => flex.Actions.invokeAction(name, payload),
    notifyFailure: () => flex.Notifications.showNotification(WRAP_UP_FAILURE_NOTIFICATION),
  });

  manager.workerClient?.on('reservationCreated', (reservation: LiveReservation) => {
    void acceptor.handle(reservation).then((decision) => {
      const seconds = decision.wrapUpSeconds;
      if (seconds === null || !reservation.on) return;
      reservation.on('wrapup', () => timers.start(reservation.sid, seconds));
      for (const end of ['completed', 'canceled', 'rescinded', 'timeout']) reservation.on(end, () => timers.cancel(reservation.sid));
    });
  });
  syncPauseToWorker(store, manager.workerClient as unknown as WorkerLike | undefined);
  flex.MainHeader.Content.add(<AutoAcceptToggle key="auto-accept-toggle" store={store} />, { sortOrder: -1, align: 'end' });
  flex.TaskCanvasHeader.Content.add(<WrapUpCountdown key="auto-wrap-up-countdown" timers={timers} />, { sortOrder: 1 });
  return { acceptor, timers };
}
