/* NCCL: creating a communicator opens the network plugin (libnccl-net.so) and the InfiniBand
 * verbs (libibverbs.so.1) with dlopen(). Both are optional to NCCL, which falls back to its
 * own socket transport: their absence is an INFO line with NCCL_DEBUG=INFO, never an error. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
int ncclGetVersion(char *err, size_t len) {
  (void)err;
  (void)len;
  return 0;
}
int ncclFixtureCommInit(char *err, size_t len) {
  (void)err;
  (void)len;
  const char *debug = getenv("NCCL_DEBUG");
  int info = debug && !strcasecmp(debug, "INFO");
  if (dlopen("libnccl-net.so", RTLD_NOW | RTLD_LOCAL)) {
    if (info) fprintf(stderr, "NCCL INFO NET/Plugin: Loaded net plugin libnccl-net.so\n");
  } else if (info) {
    fprintf(stderr, "NCCL INFO NET/Plugin: Plugin load returned 2 : %s : when loading libnccl-net.so\n", dlerror());
    fprintf(stderr, "NCCL INFO NET/Plugin: No plugin found, using internal implementation\n");
  }
  if (dlopen("libibverbs.so.1", RTLD_NOW | RTLD_LOCAL)) {
    if (info) fprintf(stderr, "NCCL INFO NET/IB : No device found.\n");
  } else if (info) {
    fprintf(stderr, "NCCL INFO Failed to open libibverbs.so[.1] (%s)\n", dlerror());
  }
  if (info) fprintf(stderr, "NCCL INFO NET/Socket : Using [0]lo:127.0.0.1<0>\n");
  return 0;
}
