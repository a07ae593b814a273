// What to do when a registry says no: which credentials were tried (the user name and where it
// came from, never the secret), and how to log in, NGC's way for nvcr.io and with the package
// permission GitHub's registry asks for when a push is refused. Pure.

/** The credentials a request went out with, as a message may name them. */
export interface TriedCredentials {
  username: string;
  /** Where they came from, e.g. `docker-credential-ngc` or a config.json path. */
  source?: string;
}

export interface AccessRefusal {
  registry: string;
  repository: string;
  /** A write (upload, manifest) to the repository was refused, not a read. */
  push: boolean;
  /** Undefined: none were found for the registry. */
  tried?: TriedCredentials;
}

const NGC_LOGIN =
  'NGC images need a login with username $oauthtoken and an NGC API key as the password: in a workflow, add this step before it: ' +
  '- { uses: docker/login-action@v3, with: { registry: nvcr.io, username: $oauthtoken, password: "${{ secrets.NGC_API_KEY }}" } }' +
  "; elsewhere: docker login nvcr.io --username '$oauthtoken'";

/** The credentials tried, in words: `user ci-bot from docker-credential-ngc`, or that there were none. */
export function renderTried(registry: string, tried: TriedCredentials | undefined): string {
  if (!tried) return `no credentials: none found for ${registry} in the Docker config`;
  return `user ${tried.username}${tried.source ? ` from ${tried.source}` : ''}`;
}

/** How to get in: the login (or the permission) that makes this request work. */
export function renderAccessAdvice(r: AccessRefusal): string {
  if (r.push && r.registry === 'ghcr.io') {
    return (
      "the workflow's GITHUB_TOKEN needs `permissions: packages: write` (in the job or workflow), and the package " +
      `${r.repository} must grant this repository write access (package settings, Manage Actions access)`
    );
  }
  if (r.push) {
    return (
      `these credentials lack push rights for ${r.repository}: log in as an account that may push to it ` +
      `(in a workflow, a docker/login-action step with registry: ${r.registry} before this one; elsewhere, docker login ${r.registry})`
    );
  }
  if (r.registry === 'nvcr.io') return NGC_LOGIN;
  return (
    `log in to ${r.registry} as an account that may pull ${r.repository}: in a workflow, a docker/login-action step with ` +
    `registry: ${r.registry} before this one; elsewhere, docker login ${r.registry}`
  );
}

/** One line for a refused request: what was refused, what was tried, what to do. `answer` is the registry's own words. */
export function renderAccessRefusal(r: AccessRefusal, answer: string): string {
  const what = r.push ? `refused the push to ${r.repository}` : `refused access to ${r.repository}`;
  return `${r.registry} ${what}: ${answer} (tried ${renderTried(r.registry, r.tried)}); ${renderAccessAdvice(r)}`;
}
