// Six projects: `unit` runs anywhere in seconds; the others need the test bed (scripts/testbed.sh
// up), the fixture releases (npm run fixtures and fixtures:real) and dist/. `metered` and
// `metered-real` hold the tests that count registry bytes or reset the engine (on fixture images
// of their own), `builds` those that build with the engine's BuildKit, which a reset's prune may
// pull cache out from under: one lane, the metered tests one file at a time, then the builds two
// at a time (they reset nothing). `integration` and `drills` never build with the engine nor
// count a byte another test could add to: .ci/run runs them in a lane beside.
const common = {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
};

/** The metered test files that use the real-binary fixtures (npm run fixtures:real). */
const METERED_REAL = [
  '/__tests__/metered/selective-compose.test.ts',
  '/__tests__/metered/dlopen-rules.test.ts',
  '/__tests__/metered/bench.test.ts',
];

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
    // The metered tests on the real-binary family are a project of their own, so that .ci/run can
    // start the others while that family is still building.
    {
      ...common,
      displayName: 'metered',
      testMatch: ['<rootDir>/__tests__/metered/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', ...METERED_REAL],
    },
    { ...common, displayName: 'metered-real', testMatch: METERED_REAL.map((f) => `<rootDir>${f}`) },
    { ...common, displayName: 'builds', testMatch: ['<rootDir>/__tests__/builds/**/*.test.ts'] },
    // Reliability drills on the test bed: concurrency, kills, a registry restart (npm run test:drills).
    { ...common, displayName: 'drills', testMatch: ['<rootDir>/__tests__/drills/**/*.test.ts'] },
  ],
};
