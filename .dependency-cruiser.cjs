// The dependency direction of src/ (checked by `npm run lint:deps`): each area folder may import
// only the areas below it, and nothing may form a cycle.
//
//   util ← oci ← {registry, spec} ← layer ← {plan, build, cache} ← {selective ← direct} ← compose ← {action, cli}
//   report (types and renderers) sees only util; every stage may use report/types.
const ALLOWED = {
  util: [],
  oci: ['util'],
  registry: ['util', 'oci'],
  spec: ['util', 'oci'],
  report: ['util'],
  layer: ['util', 'oci', 'registry'],
  plan: ['util', 'oci', 'registry', 'layer', 'spec', 'report'],
  build: ['util', 'oci', 'registry', 'layer', 'spec', 'plan', 'report'],
  cache: ['util', 'oci', 'registry', 'layer', 'spec', 'report', 'build'],
  selective: ['util', 'oci', 'registry', 'layer', 'spec', 'plan', 'report'],
  direct: ['util', 'oci', 'registry', 'layer', 'spec', 'plan', 'report', 'selective'],
  compose: ['util', 'oci', 'registry', 'layer', 'spec', 'plan', 'report', 'build', 'cache', 'selective', 'direct'],
  action: ['util', 'oci', 'registry', 'spec', 'report', 'cache', 'compose'],
  cli: ['util', 'oci', 'registry', 'spec', 'report', 'compose'],
};
const AREAS = Object.keys(ALLOWED);

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'an import cycle hides which module is the lower one',
      from: {},
      to: { circular: true },
    },
    ...AREAS.map((area) => ({
      name: `direction-${area}`,
      severity: 'error',
      comment: `src/${area}/ may import only ${ALLOWED[area].join(', ') || 'node and npm modules'}`,
      from: { path: `^src/${area}/` },
      to: { path: `^src/(?!(?:${[area, ...ALLOWED[area]].join('|')})/)` },
    })),
    {
      name: 'entries-are-thin',
      severity: 'error',
      comment: 'the bundle entries call the action or the CLI, nothing else',
      from: { path: '^src/[^/]+\\.ts$', pathNot: '^src/inflate-worker\\.ts$' },
      to: { path: '^src/(?!(?:action|cli)/)' },
    },
    {
      name: 'worker-entry-is-thin',
      severity: 'error',
      comment: "the worker thread's entry serves the index pass's inflate, nothing else",
      from: { path: '^src/inflate-worker\\.ts$' },
      to: { path: '^src/(?!layer/inflate-port\\.ts$)' },
    },
    {
      name: 'no-orphans',
      severity: 'error',
      comment: 'a module nothing imports is dead code',
      from: { orphan: true, path: '^src/', pathNot: '^src/[^/]+\\.ts$' },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
