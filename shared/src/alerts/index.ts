/** Alerts: rules, evaluation, recipients and escalation, push payloads and preferences, webhook views. */
export * from './types';
export * from './rules';
export * from './state';
export * from './alert-text';
export * from './evaluate';
export * from './documents';
export * from './recipients';
export * from './push-payload';
export * from './prefs';
export * from './webhook-events';
export * from './push-devices';
