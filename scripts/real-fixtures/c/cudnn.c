/* cuDNN's main library: small, and it opens its sub-libraries (SUBS: cuDNN 8's or 9's) with
 * dlopen() when a handle is created, so a missing sub-library fails at model load, not at
 * server start (as on a GPU). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
static const char *subs[] = {SUBS, NULL};
int cudnnCreate(char *err, size_t len) {
  for (int i = 0; subs[i]; i++) {
    if (!dlopen(subs[i], RTLD_NOW | RTLD_LOCAL)) {
      snprintf(err, len, "Could not load library %s. Error: %s", subs[i], dlerror());
      return 1;
    }
  }
  return 0;
}
