// Every id the extension shares with package.json, spelled once. A unit test checks both directions: each
// contributed command, view and when-clause key is here, and each id here is contributed.

/** Commands contributed in package.json (palette, menus, keybindings). */
export const COMMANDS = {
  explainSelection: 'phiLocal.explainSelection',
  refactorSelection: 'phiLocal.refactorSelection',
  fixSelection: 'phiLocal.fixSelection',
  documentSelection: 'phiLocal.documentSelection',
  generateTests: 'phiLocal.generateTests',
  toggleCompletions: 'phiLocal.toggleCompletions',
  showCompletionStats: 'phiLocal.showCompletionStats',
  newChat: 'phiLocal.newChat',
  stopAnswer: 'phiLocal.stopAnswer',
  exportChat: 'phiLocal.exportChat',
  focusChat: 'phiLocal.focusChat',
  selectModel: 'phiLocal.selectModel',
  pullModel: 'phiLocal.pullModel',
  showLog: 'phiLocal.showLog',
  retry: 'phiLocal.retry',
  statusMenu: 'phiLocal.statusMenu',
  acceptProposal: 'phiLocal.acceptProposal',
  rejectProposal: 'phiLocal.rejectProposal',
  setApiKey: 'phiLocal.setApiKey',
  writeCommitMessage: 'phiLocal.writeCommitMessage',
  getStarted: 'phiLocal.getStarted',
  openSample: 'phiLocal.openSample',
  resetGettingStarted: 'phiLocal.resetGettingStarted',
} as const;

/** Commands registered but not contributed: VS Code calls them, users never see them. */
export const INTERNAL_COMMANDS = {
  completionAccepted: 'phiLocal.completionAccepted',
} as const;

export const VIEW_CONTAINER_ID = 'phiLocal';
export const CHAT_VIEW_ID = 'phiLocal.chat';
/** VS Code's generated command that reveals and focuses a view. */
export const CHAT_VIEW_FOCUS = `${CHAT_VIEW_ID}.focus`;

/** Keys set with `setContext` and read by when-clauses in package.json. */
export const CONTEXT_KEYS = {
  proposalActive: 'phiLocal.proposalActive',
  writingCommitMessage: 'phiLocal.writingCommitMessage',
} as const;

export const STATUS_ITEM_ID = 'phiLocal.status';
/** The getting-started walkthrough in package.json (contributes.walkthroughs). */
export const WALKTHROUGH_ID = 'phiLocal.gettingStarted';
/** The settings editor query that shows this extension's settings. */
export const SETTINGS_QUERY = '@ext:phi-local.phi-local';
