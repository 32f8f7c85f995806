/**
 * The playbook screens, in one lazily loaded module: the overview, a run, the thresholds form and the
 * account screen's card load together on first use (and are precached for offline), never at start-up.
 */
export { PlaybooksOverview } from './Overview';
export { RunPage } from './RunPage';
export { ConfigurePage } from './Configure';
export { AccountPlaybooksCard } from './AccountPlaybooksCard';
