/** The welcome wizard's pages: one module, loaded on first use (App.tsx), like the playbooks. */
export { DataStep } from './DataStep';
export { InstallStep } from './InstallStep';
export { TeamStep } from './TeamStep';
export { WelcomeFrame } from './WelcomeFrame';
export { WelcomeTenant } from './WelcomeTenant';
export { WorkspaceStep } from './WorkspaceStep';
