import type * as Flex from '@twilio/flex-ui';
import { FlexPlugin } from '@twilio/flex-plugin';
import { setUpAutoAccept } from './setup';

const PLUGIN_NAME = 'AutoAcceptPlugin';

export default class AutoAcceptPlugin extends FlexPlugin {
  constructor() {
    super(PLUGIN_NAME);
  }

  init(flex: typeof Flex, manager: Flex.Manager): void {
    setUpAutoAccept(flex, manager, typeof window === 'undefined' ? undefined : window.localStorage);
  }
}
