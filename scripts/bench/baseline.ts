// The baseline's Dockerfile: what compose.py would build for the same parts. It is derived from
// the action's own Dockerfile (from a dry run), so both copy exactly the same files, with what
// compose.py does differently: its sources are the images it pulled, by tag, and its COPY
// lines have no --link. The runtime dependencies are copied from the full image as the action
// does, since compose.py's apt-get needs the internet, which the test bed lacks; that keeps the
// bytes and the result's size comparable. Pure.
// https://github.com/triton-inference-server/server/blob/main/compose.py

export function planBaselineDockerfile(actionDockerfile: string, images: { full: string; min: string }): string {
  const out: string[] = [];
  let seen = { full: false, min: false };
  for (const line of actionDockerfile.split('\n')) {
    const from = /^FROM\s+(\S+)\s+AS\s+(full|min)\s*$/i.exec(line);
    if (from) {
      const stage = from[2].toLowerCase() as 'full' | 'min';
      seen = { ...seen, [stage]: true };
      out.push(`FROM ${images[stage]} AS ${stage}`);
      continue;
    }
    out.push(line.replace(/^COPY --link /, 'COPY '));
  }
  if (!seen.full || !seen.min) throw new Error('the action\'s Dockerfile has no "FROM … AS full" and "FROM … AS min" stages');
  return out.join('\n');
}
