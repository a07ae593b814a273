// Everything that changes by Triton release and that compose.py reads from the build.py of a
// server-repo checkout, as one typed table by release range (24.01 … 26.08), each fact with the
// branch and file it was read from. The families live in ./releases/; this is their front door.
export type { Era, Release } from './releases/types.js';
export { BUILT_IN_BACKENDS, CACHES, ERAS, REPOAGENTS, VARIANT_SOURCES } from './releases/eras.js';
export { RELEASES, findRelease } from './releases/rows.js';
export {
  aptPackages,
  breaksSystemPackages,
  cpuTorchPackages,
  dcgmKeyring,
  dcgmPackages,
  dcgmRuntimePackage,
  nvshmemPackages,
  pipRequirements,
} from './releases/packages.js';
export { libraryPathFor, loaderConfs, ownerOf, pythonPathFor, removedUsers, tritonEnvFor, TRITON_USER } from './releases/runtime.js';
export { cpuTensorflowLibraries, cpuTorchLibraries, cpuTorchLibraryPath, tripletOf } from './releases/cpu-libs.js';
