import * as React from 'react';
import type * as Flex from '@twilio/flex-ui';
import { AutoAcceptor, ReservationLike } from './autoAccept';
import { AutoAcceptToggle } from './AutoAcceptToggle';
import { readConfig } from './config';
import { PauseStore } from './pauseStore';

export const FAILURE_NOTIFICATION = 'PluginAutoAcceptFailed';

type FlexApi = Pick<typeof Flex, 'Actions' | 'Notifications' | 'NotificationType' | 'MainHeader'>;

/** Wires the auto-acceptor into Flex. Kept apart from the plugin class so tests can pass a fake Flex and Manager. */
export function setUpAutoAccept(flex: FlexApi, manager: Flex.Manager, storage: Storage | undefined): AutoAcceptor {
  const config = readConfig(manager.serviceConfiguration?.ui_attributes);
  const store = new PauseStore(storage);

  flex.Notifications.registerNotification({
    id: FAILURE_NOTIFICATION,
    type: flex.NotificationType.error,
    closeButton: true,
    timeout: 0,
    content: 'Auto-accept could not accept an incoming task. Accept it yourself from the task list.',
  });

  const acceptor = new AutoAcceptor({
    config,
    isPaused: () => store.paused,
    invokeAction: (name, payload) => flex.Actions.invokeAction(name, payload),
    notifyFailure: () => flex.Notifications.showNotification(FAILURE_NOTIFICATION),
  });

  manager.workerClient?.on('reservationCreated', (reservation: ReservationLike) => {
    void acceptor.handle(reservation);
  });
  flex.MainHeader.Content.add(<AutoAcceptToggle key="auto-accept-toggle" store={store} />, { sortOrder: -1, align: 'end' });
  return acceptor;
}
