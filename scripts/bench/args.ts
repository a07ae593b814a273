// `npm run bench` flags → options. Pure; errors name the flag.

import { DEFAULT_LINK, type LinkShape, parseLink } from '../lib/link.js';
import type { ProfileName } from './scenarios.js';

const PROFILE_NAMES: ProfileName[] = ['default', 'scale', 'busybox', 'large'];

export interface BenchOptions {
  profile: ProfileName;
  repeat: number;
  /** scenario ids asked for; undefined: all */
  scenarios?: string[];
  out: string;
  smoke: boolean;
  /** stop starting new rounds once the run is projected past this many seconds */
  budgetSeconds: number;
  /** the links every scenario runs over, in order (each a column of its own) */
  links: LinkShape[];
}

export const BENCH_HELP = `Usage: npm run bench -- [flags]

  --profile NAME           fixture images: default (the real-binary family, ~180 MB full image),
                           scale (the same at a quarter of NGC's size, ~11 GB), busybox (the
                           busybox family, ~220 MB) or large (the busybox family, ~2 GB)
  --repeat N               rounds of every scenario (default 3; fewer when --budget is reached)
  --scenarios a,b          only these scenarios (and the baselines they are compared with)
  --out DIR                where the JSON, Markdown and SVG go (default bench-results/)
  --budget SECONDS         start no new round past this projected time (default 900; large: 3600)
  --link SHAPE             the link between the runner and the registry: BANDWIDTH[:UPLOAD],RTT
                           (e.g. 100MB/s,20ms; units KB/s MB/s GB/s Mbit/s Gbit/s) or loopback
                           (straight to the registry); repeat it to run every scenario over each
                           (default ${DEFAULT_LINK})
  --smoke                  one tiny scenario pair, once (what the integration test runs)
`;

export function parseBenchArgs(argv: string[]): BenchOptions {
  const o: BenchOptions = { profile: 'default', repeat: 3, out: 'bench-results', smoke: false, budgetSeconds: 0, links: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      const v = eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : argv[++i];
      if (v === undefined || v === '' || v.startsWith('--')) throw new Error(`${flag} needs a value`);
      return v;
    };
    const count = (min: number): number => {
      const v = value();
      if (!/^\d+$/.test(v) || Number(v) < min) throw new Error(`${flag}: "${v}" is not a whole number of at least ${min}`);
      return Number(v);
    };
    switch (flag) {
      case '--profile': {
        const v = value();
        const name = PROFILE_NAMES.find((n) => n === v);
        if (!name) throw new Error(`--profile: "${v}" is not a profile: use ${PROFILE_NAMES.join(', ')}`);
        o.profile = name;
        break;
      }
      case '--repeat':
        o.repeat = count(1);
        break;
      case '--scenarios':
        o.scenarios = value()
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        break;
      case '--out':
        o.out = value();
        break;
      case '--budget':
        o.budgetSeconds = count(1);
        break;
      case '--link': {
        const shape = parseLink(value());
        if (o.links.some((l) => l.name === shape.name)) throw new Error(`--link ${shape.name}: given twice`);
        o.links.push(shape);
        break;
      }
      case '--smoke':
        o.smoke = true;
        break;
      default:
        throw new Error(`${arg}: unknown flag\n${BENCH_HELP}`);
    }
  }
  if (o.smoke) o.repeat = 1;
  if (!o.links.length) o.links.push(parseLink(DEFAULT_LINK));
  if (!o.budgetSeconds) o.budgetSeconds = o.profile === 'large' || o.profile === 'scale' ? 3600 : 900;
  return o;
}

/**
 * Whether another round fits: the rounds so far took `elapsed` seconds, and one more is
 * assumed to take as long as the slowest of them.
 */
export function roundFits(elapsedSeconds: number, roundSeconds: number[], budgetSeconds: number): boolean {
  if (!roundSeconds.length) return true;
  return elapsedSeconds + Math.max(...roundSeconds) <= budgetSeconds;
}
