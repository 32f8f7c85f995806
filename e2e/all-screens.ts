/** Every screen of the app, in the order a person meets them: what axe checks and what the screenshots show. */
import { IMPORT, IMPORT_CHECKED } from './fixtures/import';
import { WELCOME_SCREENS } from './fixtures/welcome';
import {
  ACCOUNT,
  ALERTS,
  ASSISTANT,
  ASSISTANT_THREAD,
  MEETING,
  PLAYBOOK_RUN,
  PLAYBOOK_RUN_COMPLETED,
  PLAYBOOK_THRESHOLDS,
  PLAYBOOKS,
  PORTFOLIO,
  SETTINGS,
  SETTINGS_WEBHOOKS,
  SIGN_IN,
  type Screen,
} from './screens';

export const ALL_SCREENS: readonly Screen[] = [
  SIGN_IN,
  PORTFOLIO,
  ACCOUNT,
  SETTINGS,
  SETTINGS_WEBHOOKS,
  MEETING,
  IMPORT,
  IMPORT_CHECKED,
  ASSISTANT,
  ASSISTANT_THREAD,
  PLAYBOOKS,
  PLAYBOOK_RUN,
  PLAYBOOK_RUN_COMPLETED,
  PLAYBOOK_THRESHOLDS,
  ALERTS,
  ...WELCOME_SCREENS,
];
