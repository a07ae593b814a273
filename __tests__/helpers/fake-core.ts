// A recording stand-in for @actions/core: inputs and state from plain objects, and every call
// the action makes, in order, so a test can check what came before what and what was logged.
import type { ActionCore } from '../../src/action/core.js';

export type CoreCall =
  | { kind: 'info' | 'warning' | 'setFailed' | 'setSecret' | 'startGroup'; text: string }
  | { kind: 'endGroup' }
  | { kind: 'setOutput' | 'saveState'; name: string; value: string }
  | { kind: 'summary'; text: string };

export interface FakeCore extends ActionCore {
  calls: CoreCall[];
  /** Every line that reached the log: info, warning, group names, the failure and the summary. */
  lines(): string[];
  of(kind: CoreCall['kind']): CoreCall[];
}

export function fakeCore(inputs: Record<string, string> = {}, state: Record<string, string> = {}, summaryFails = false): FakeCore {
  const calls: CoreCall[] = [];
  const core: FakeCore = {
    calls,
    lines: () => calls.flatMap((c) => ('text' in c && c.kind !== 'setSecret' ? [c.text] : [])),
    of: (kind) => calls.filter((c) => c.kind === kind),
    getInput: (name) => inputs[name] ?? '',
    getState: (name) => state[name] ?? '',
    setOutput: (name, value) => void calls.push({ kind: 'setOutput', name, value }),
    saveState: (name, value) => void calls.push({ kind: 'saveState', name, value }),
    setFailed: (text) => void calls.push({ kind: 'setFailed', text }),
    setSecret: (text) => void calls.push({ kind: 'setSecret', text }),
    info: (text) => void calls.push({ kind: 'info', text }),
    warning: (text) => void calls.push({ kind: 'warning', text }),
    startGroup: (text) => void calls.push({ kind: 'startGroup', text }),
    endGroup: () => void calls.push({ kind: 'endGroup' }),
    summary: {
      addRaw: (text) => ({
        write: async () => {
          if (summaryFails) throw new Error('GITHUB_STEP_SUMMARY is not set');
          calls.push({ kind: 'summary', text });
        },
      }),
    },
  };
  return core;
}
