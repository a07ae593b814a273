// Registry credentials as the Docker CLI keeps them: `auths` in config.json (base64
// user:password), or a credential helper (`credHelpers` per registry, `credsStore` for all)
// asked with `docker-credential-<name> get`.
// https://github.com/docker/docker-credential-helpers#usage
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface Credentials {
  username: string;
  password: string;
  /** Where they were found (a helper, a config file), for messages: never the secret. */
  source?: string;
}

interface DockerConfig {
  auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string }>;
  credHelpers?: Record<string, string>;
  credsStore?: string;
}

export type CredentialLookup = (registry: string) => Credentials | undefined;

/** Keys under which Docker may have stored a registry: bare host, or an https URL. */
function candidateKeys(registry: string): string[] {
  const keys = [registry, `https://${registry}`, `http://${registry}`, `https://${registry}/v1/`, `https://${registry}/v2/`];
  if (registry === 'docker.io') keys.push('https://index.docker.io/v1/', 'index.docker.io');
  return keys;
}

/**
 * JSON.parse whose error never quotes the input: V8's messages show the text around a syntax
 * error, which in a Docker config or a helper's answer is a password.
 */
function parseSecretJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${what} is not valid JSON`);
  }
}

export function parseDockerConfig(text: string): DockerConfig {
  const value = parseSecretJson(text, 'the Docker config');
  return value !== null && typeof value === 'object' ? (value as DockerConfig) : {};
}

/** A credential helper's answer to `get`: `{"Username": …, "Secret": …}`. */
export function parseHelperAnswer(text: string, helper: string): Credentials | undefined {
  const value = parseSecretJson(text, `the answer of docker-credential-${helper}`);
  const parsed = (value !== null && typeof value === 'object' ? value : {}) as { Username?: unknown; Secret?: unknown };
  if (typeof parsed.Username !== 'string' || typeof parsed.Secret !== 'string' || !parsed.Username || !parsed.Secret) return undefined;
  return { username: parsed.Username, password: parsed.Secret };
}

/** Finds credentials in a parsed config; helpers are run through `runHelper`. */
export function lookupCredentials(
  config: DockerConfig,
  registry: string,
  runHelper: (helper: string, registry: string) => Credentials | undefined,
): Credentials | undefined {
  const helper = config.credHelpers?.[registry];
  if (helper) return runHelper(helper, registry);
  for (const key of candidateKeys(registry)) {
    const entry = config.auths?.[key];
    if (!entry) continue;
    if (entry.auth) {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
    }
    if (entry.username && entry.password) return { username: entry.username, password: entry.password };
  }
  if (config.credsStore) return runHelper(config.credsStore, registry);
  return undefined;
}

function runCredentialHelper(helper: string, registry: string, env: NodeJS.ProcessEnv): Credentials | undefined {
  if (!/^[A-Za-z0-9._-]+$/.test(helper)) return undefined;
  const out = spawnSync(`docker-credential-${helper}`, ['get'], { input: registry, encoding: 'utf8', timeout: 30_000, env });
  if (out.status !== 0 || !out.stdout) return undefined;
  return parseHelperAnswer(out.stdout, helper);
}

/** Reads $DOCKER_CONFIG/config.json (default ~/.docker) once and answers lookups from it; helpers run with `env`. */
export function readDockerCredentials(env: NodeJS.ProcessEnv = process.env): CredentialLookup {
  const dir = env.DOCKER_CONFIG ?? join(homedir(), '.docker');
  let config: DockerConfig = {};
  try {
    config = parseDockerConfig(readFileSync(join(dir, 'config.json'), 'utf8'));
  } catch {
    config = {};
  }
  const file = join(dir, 'config.json');
  return (registry) => {
    let helperUsed: string | undefined;
    const found = lookupCredentials(config, registry, (helper, r) => {
      helperUsed = helper;
      return runCredentialHelper(helper, r, env);
    });
    return found && { ...found, source: helperUsed ? `docker-credential-${helperUsed}` : file };
  };
}
