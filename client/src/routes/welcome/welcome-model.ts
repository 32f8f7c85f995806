/**
 * The welcome wizard as data: its four steps (each a URL, so a reload keeps the person's place), the step
 * indicator's words, and what each step says about what happened or went wrong. The screens only render it.
 */
import { ROLE_NAMES, type Role } from '@vitals/shared';
import { HttpError } from '../../api/http';
import type { SampleResult } from '../../api/tenants';
import { limitErrorText } from '../settings/billing-model';
import { problemsFromDetails } from '../settings/server-settings';
import type { NewInvitation } from '../settings/team-api';
import { checkInvitation, type InviteErrors } from '../settings/team-model';

export type WelcomeStepId = 'workspace' | 'data' | 'team' | 'install';

export interface WelcomeStep {
  readonly id: WelcomeStepId;
  readonly path: string;
  /** The page's heading. */
  readonly title: string;
  /** The step's name in the indicator. */
  readonly short: string;
}

export const WELCOME_STEPS: readonly WelcomeStep[] = [
  { id: 'workspace', path: '/welcome', title: 'Name your workspace', short: 'Workspace' },
  { id: 'data', path: '/welcome/data', title: 'Add your data', short: 'Data' },
  { id: 'team', path: '/welcome/team', title: 'Invite your team', short: 'Team' },
  { id: 'install', path: '/welcome/install', title: 'Install Vitals', short: 'Install' },
];

/** Where the wizard ends: the dashboard. */
export const WELCOME_DONE_PATH = '/';

/** The step a path shows (a trailing slash is the same step); `null` outside the wizard. */
export function stepAt(pathname: string): WelcomeStep | null {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  return WELCOME_STEPS.find((s) => s.path === path) ?? null;
}

/** "Step 2 of 4" */
export function stepCount(step: WelcomeStep): string {
  return `Step ${WELCOME_STEPS.indexOf(step) + 1} of ${WELCOME_STEPS.length}`;
}

/** Each step's place relative to `current`, in words for the indicator (never only its colour). */
export function stepState(step: WelcomeStep, current: WelcomeStep): 'done' | 'current' | 'next' {
  const a = WELCOME_STEPS.indexOf(step);
  const b = WELCOME_STEPS.indexOf(current);
  return a < b ? 'done' : a === b ? 'current' : 'next';
}

export const STEP_STATE_TEXT = { done: 'done', current: 'current step', next: 'to do' } as const;

/** The path after `step`; the dashboard after the last. */
export function nextPath(step: WelcomeStepId): string {
  const index = WELCOME_STEPS.findIndex((s) => s.id === step);
  return WELCOME_STEPS[index + 1]?.path ?? WELCOME_DONE_PATH;
}

// --- Step 1: the workspace -------------------------------------------------------------------------------

const WORKSPACE_NAME_MAX = 200;

export function checkWorkspaceName(name: string): string | undefined {
  const trimmed = name.trim();
  if (!trimmed) return 'Enter a name for your workspace.';
  if (trimmed.length > WORKSPACE_NAME_MAX) return `Keep the name under ${WORKSPACE_NAME_MAX} characters.`;
  return undefined;
}

export interface WorkspaceError {
  readonly message: string;
  /** The address is not confirmed yet: offer "check your inbox". */
  readonly unverified?: boolean;
}

export function workspaceError(error: unknown): WorkspaceError {
  if (!(error instanceof HttpError))
    return { message: 'The workspace could not be created. Try again in a moment.' };
  if (error.offline)
    return { message: 'Creating a workspace needs a connection. Try again when you are back online.' };
  if (error.code === 'email-unverified') {
    return {
      message: 'Confirm your email address first: open the link we sent you, then come back here.',
      unverified: true,
    };
  }
  if (error.status === 400) {
    const problem = problemsFromDetails(error.details).find((p) => p.path === 'name' || p.path === '');
    if (problem) return { message: problem.message };
  }
  return { message: error.message };
}

// --- Step 2: the data --------------------------------------------------------------------------------------

export type DataChoice = 'upload' | 'sample' | 'empty';

const count = (n: number, one: string, many = `${one}s`): string =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** What the sample wrote; its documents then arrive here through sync, like any change. */
export function sampleText(result: SampleResult): string {
  return `Sample data added: ${count(result.accounts, 'account')} with their KPI history (${count(result.documents, 'record')}). It appears on this device as it syncs.`;
}

/** The live count under the choices: what this device's database holds now. */
export function accountsText(accounts: number, choice: DataChoice | null): string {
  if (accounts > 0) return `${count(accounts, 'account')} in your workspace.`;
  if (choice === 'empty') return 'Your workspace starts empty: import a spreadsheet any time from Import.';
  if (choice === 'sample') return 'Waiting for the sample accounts to arrive…';
  return 'No accounts in your workspace yet.';
}

export interface StepError {
  readonly message: string;
  /** A plan limit stood in the way: show the link to the plans. */
  readonly upgrade: boolean;
}

/** A plan limit (402 `plan-limit`, with or without the limit's details): the plans are the way on. */
export function isPlanLimit(error: unknown): boolean {
  return (
    error instanceof HttpError &&
    (error.status === 402 || error.code === 'plan-limit' || limitErrorText(error.details) !== null)
  );
}

export function sampleError(error: unknown): StepError {
  if (!(error instanceof HttpError))
    return { message: 'The sample data could not be added. Try again in a moment.', upgrade: false };
  if (error.offline)
    return {
      message: 'Adding the sample data needs a connection. Try again when you are back online.',
      upgrade: false,
    };
  if (isPlanLimit(error)) return { message: limitErrorText(error.details) ?? error.message, upgrade: true };
  return { message: error.message, upgrade: false };
}

// --- Step 3: the team ----------------------------------------------------------------------------------------

export interface InviteRow {
  readonly key: number;
  readonly email: string;
  readonly role: Role;
}

export const DEFAULT_INVITE_ROLE: Role = 'csm';

/**
 * The rows worth sending (blank rows are left out), each checked as Settings → Team checks one; an address
 * listed twice is an error on the second row.
 */
export function checkInviteRows(
  rows: readonly InviteRow[],
  options: { readonly actor: Role; readonly invited: readonly string[] },
): {
  readonly send: readonly (NewInvitation & { readonly key: number })[];
  readonly errors: ReadonlyMap<number, InviteErrors>;
} {
  const send: (NewInvitation & { key: number })[] = [];
  const errors = new Map<number, InviteErrors>();
  const seen = new Set(options.invited.map((e) => e.toLowerCase()));
  for (const row of rows) {
    if (!row.email.trim()) continue;
    const checked = checkInvitation(
      { email: row.email, role: row.role },
      { actor: options.actor, members: [] },
    );
    if (!checked.ok) {
      errors.set(row.key, checked.errors);
      continue;
    }
    const address = checked.input.email.toLowerCase();
    if (seen.has(address)) {
      errors.set(row.key, { email: `${checked.input.email} is already on this list.` });
      continue;
    }
    seen.add(address);
    send.push({ ...checked.input, key: row.key });
  }
  return { send, errors };
}

/** "ana@example.com · CSM" */
export function invitedLine(invitation: NewInvitation): string {
  return `${invitation.email} · ${ROLE_NAMES[invitation.role]}`;
}

export const NO_EMAIL_SERVICE_NOTE =
  'Each person gets an email with a link to join. On a server without an email service, an admin finds the links in Settings → Team (outbox).';

// --- Step 4: install and notifications ----------------------------------------------------------------------

export type InstallHelp =
  | { readonly kind: 'installed'; readonly text: string }
  | { readonly kind: 'button'; readonly text: string }
  | { readonly kind: 'instructions'; readonly text: string };

/** What the install part shows: done, the browser's own offer, or how to do it by hand. */
export function installHelp(env: {
  readonly standalone: boolean;
  readonly appleMobile: boolean;
  readonly offered: boolean;
  readonly installed: boolean;
}): InstallHelp {
  if (env.standalone || env.installed)
    return { kind: 'installed', text: 'Vitals is installed on this device.' };
  if (env.offered)
    return {
      kind: 'button',
      text: 'Install Vitals to open it from your home screen or dock, and to use it offline.',
    };
  if (env.appleMobile)
    return { kind: 'instructions', text: 'On iPhone or iPad: tap Share, then Add to Home Screen.' };
  return {
    kind: 'instructions',
    text: "Use your browser's Install app menu (in Chrome and Edge, the install icon at the end of the address bar). On iPhone or iPad: Share → Add to Home Screen.",
  };
}
