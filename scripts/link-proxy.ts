// The benchmark's link on its own, for timing one command through it: starts the proxy in
// front of the test bed's registry, prints its host:port, and runs until stopped. Name images
// and tags through that host (`HOST/real/tritonserver:24.01-py3-scale`).
//
//   npx tsx scripts/link-proxy.ts [100MB/s,20ms]
import { DEFAULT_LINK, parseLink, startLinkProxy } from './lib/link.js';

const registry = process.env.FIXTURE_REGISTRY ?? '127.0.0.1:5000';
let shape;
try {
  shape = parseLink(process.argv[2] ?? DEFAULT_LINK);
  if (!shape.down) throw new Error('a loopback link is no proxy; give a bandwidth, e.g. 100MB/s,20ms');
} catch (err) {
  console.error(`link-proxy: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(2);
}
const link = await startLinkProxy(`http://${registry}`, shape);
console.log(link.host);
const stop = () => void link.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
