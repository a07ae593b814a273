// Waiting between retries, shared by every client that retries.
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
