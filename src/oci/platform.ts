// Platforms (`os/arch[/variant]`): parsing, printing and matching an index entry.
import type { Platform } from './types.js';

export function platformMatches(p: Platform | undefined, want: Platform): boolean {
  if (!p) return false;
  if (p.os !== want.os || p.architecture !== want.architecture) return false;
  return want.variant === undefined || p.variant === undefined || p.variant === want.variant;
}

export function formatPlatform(p: Platform): string {
  return `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ''}`;
}

/** A platform string that the spec already validated. */
export function requirePlatform(text: string): Platform {
  const p = parsePlatform(text);
  if (!p) throw new Error(`"${text}" is not os/arch[/variant]`);
  return p;
}

export function parsePlatform(text: string): Platform | undefined {
  const m = /^([a-z0-9]+)\/([a-z0-9_]+)(?:\/([a-z0-9]+))?$/.exec(text);
  if (!m) return undefined;
  return m[3] ? { os: m[1], architecture: m[2], variant: m[3] } : { os: m[1], architecture: m[2] };
}
