// The widget's second chunk, loaded when the user opens the help panel or the handoff form (and prefetched once a
// tip is on screen): the tip path stays small and fast, and what only some users reach is paid for only by them.
export { HandoffForm } from './HandoffForm';
export { createHandoff, type Handoff } from './handoff';
export { HelpPanel } from './HelpPanel';
