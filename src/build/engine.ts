// Whether the Docker engine and Buildx answer, asked before a compose that builds with Buildx
// reads anything: without an engine it would otherwise fetch the parts and only fail at the
// build, with an error about the build's output rather than the engine.
import { execBounded } from './exec.js';

/** How long the engine has to answer `docker version`. */
const ENGINE_TIMEOUT_MS = 20_000;

/** The answer's first line that says something (the daemon's words), or the exit code. */
const firstLine = (text: string, exitCode: number): string =>
  text
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l) ?? `exit code ${exitCode}`;

/** What to do when the engine is missing: start one, or let the action write the image itself. */
export const ENGINE_ADVICE =
  'start Docker (or point DOCKER_HOST at a running engine), or compose with push: true and assembly: direct, ' +
  'which writes the image straight to the registry and needs no engine';

/**
 * Checks that the engine answers (`docker version`) and that Buildx is installed (`docker buildx
 * version`); throws a message naming `why` the compose needs them and what to do.
 */
export async function checkDockerEngine(why: string): Promise<void> {
  // Both at once: each is a CLI start (Buildx's plugin the slower, ~0.7 s on a busy machine).
  const [engine, buildx] = await Promise.all([
    execBounded('docker', ['version', '--format', '{{.Server.Version}}'], ENGINE_TIMEOUT_MS),
    execBounded('docker', ['buildx', 'version'], ENGINE_TIMEOUT_MS),
  ]);
  if (engine.exitCode !== 0 || !engine.stdout.trim()) {
    throw new Error(
      `the Docker engine is not reachable (${firstLine(engine.stderr, engine.exitCode)}), and this compose builds with Buildx (${why}): ${ENGINE_ADVICE}`,
    );
  }
  if (buildx.exitCode !== 0) {
    throw new Error(
      `Docker Buildx is not installed (${firstLine(buildx.stderr, buildx.exitCode)}), and this compose builds with Buildx (${why}): ` +
        'install the buildx plugin (in a workflow, docker/setup-buildx-action), or compose with push: true and assembly: direct',
    );
  }
}
