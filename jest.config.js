// Four projects: `unit` runs anywhere in seconds; `integration`, `metered` and `drills` need the
// test bed (scripts/testbed.sh up), the fixture releases (npm run fixtures and fixtures:real) and
// dist/. `metered` holds the tests that count registry bytes or reset the engine, on fixture
// images of their own: one at a time, but beside the others (.ci/run runs the two side by side).
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
    // Reliability drills on the test bed: concurrency, kills, a registry restart (npm run test:drills).
    { ...common, displayName: 'drills', testMatch: ['<rootDir>/__tests__/drills/**/*.test.ts'] },
  ],
};
