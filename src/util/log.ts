// Where the pipeline's progress lines go: the action's log (with collapsible groups) or the
// CLI's stderr. Every stage takes one.
export interface Logger {
  info(message: string): void;
  warning(message: string): void;
  startGroup(name: string): void;
  endGroup(): void;
}
