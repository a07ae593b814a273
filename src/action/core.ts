// The part of @actions/core the action's steps use, as an interface: the real module by
// default, a recording stand-in in the unit tests (no runner, no files, no environment).
import * as actionsCore from '@actions/core';

export interface ActionCore {
  getInput(name: string): string;
  setOutput(name: string, value: string): void;
  setFailed(message: string): void;
  setSecret(secret: string): void;
  saveState(name: string, value: string): void;
  getState(name: string): string;
  info(message: string): void;
  warning(message: string): void;
  startGroup(name: string): void;
  endGroup(): void;
  summary: { addRaw(text: string): { write(): Promise<unknown> } };
}

export const realCore: ActionCore = actionsCore;
