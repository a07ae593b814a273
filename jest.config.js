// Five projects: `unit` runs anywhere in seconds; the others need the test bed (scripts/testbed.sh
// up), the fixture releases (npm run fixtures and fixtures:real) and dist/. `metered` holds the
// tests that count registry bytes or reset the engine (on fixture images of their own), `builds`
// those that build with the engine's BuildKit, which a reset's prune may pull cache out from
// under: one lane, the metered tests one file at a time, then the builds two at a time (they
// reset nothing). `integration` and `drills` never build with the engine nor count a byte
// another test could add to: .ci/run runs them in a lane beside.
const common = {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
};

export default {
  // A global option: jest ignores testTimeout inside a project. Integration tests build images.
  testTimeout: 600_000,
  // One temp root per run (TMPDIR), removed at the end.
  globalSetup: '<rootDir>/__tests__/global-setup.js',
  globalTeardown: '<rootDir>/__tests__/global-teardown.js',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/__tests__/unit/**/*.test.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/__tests__/integration/**/*.test.ts'],
    },
    { ...common, displayName: 'metered', testMatch: ['<rootDir>/__tests__/metered/**/*.test.ts'] },
    { ...common, displayName: 'builds', testMatch: ['<rootDir>/__tests__/builds/**/*.test.ts'] },
    // Reliability drills on the test bed: concurrency, kills, a registry restart (npm run test:drills).
    { ...common, displayName: 'drills', testMatch: ['<rootDir>/__tests__/drills/**/*.test.ts'] },
  ],
};
