import { loadPlugin } from '@twilio/flex-plugin';
import AutoAcceptPlugin from './AutoAcceptPlugin';

loadPlugin(AutoAcceptPlugin);
