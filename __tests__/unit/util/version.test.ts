import { readFileSync } from 'node:fs';
import { VERSION } from '../../../src/util/version.js';

test("the version stamped into Dockerfiles is package.json's", () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
  expect(VERSION).toBe(pkg.version);
});
