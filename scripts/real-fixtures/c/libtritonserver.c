/* The fixture's libtritonserver.so: a Triton-like server core. It needs libb64 and tcmalloc
 * (real Debian libraries) and, in GPU builds, libcudart. Models are loaded by dlopen()ing
 * backends/<name>/libtriton_<name>.so with the real dynamic loader; a model that cannot load
 * is reported with the loader's own text (dlerror()), in a status table like Triton's. */
#define _GNU_SOURCE
#include <b64/cencode.h>
#include <dirent.h>
#include <dlfcn.h>
#include <gperftools/tcmalloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "fixture_backend.h"

#define ROOT "/opt/tritonserver"
#ifndef TRITON_VERSION
#define TRITON_VERSION "0.0.0"
#endif
extern int cudaGetDeviceCount(int *count);

typedef int (*init_fn)(const char *, void **, char *, size_t);
typedef int (*init_from_fn)(const char *, const char *, void **, char *, size_t);
typedef int (*exec_fn)(void *, const float *, float *, size_t, char *, size_t);

struct model {
  char name[256], backend[64], status[2048];
  void *state;
  exec_fn exec;
};

static void logline(char level, const char *where, const char *msg) {
  fprintf(stderr, "%c0101 00:00:00.000000 1 %s] %s\n", level, where, msg);
}

static const char *platform_backend(const char *p) {
  if (!strcmp(p, "onnxruntime_onnx")) return "onnxruntime";
  if (!strcmp(p, "pytorch_libtorch")) return "pytorch";
  if (!strcmp(p, "tensorrt_plan")) return "tensorrt";
  if (!strcmp(p, "tensorflow_savedmodel") || !strcmp(p, "tensorflow_graphdef")) return "tensorflow";
  return p;
}

/* backend: "x" or platform: "y" from config.pbtxt; empty when neither */
static void read_backend(const char *cfg, char *out, size_t len) {
  FILE *f = fopen(cfg, "r");
  char line[512], val[128];
  out[0] = 0;
  if (!f) return;
  while (fgets(line, sizeof line, f)) {
    if (sscanf(line, " backend: \"%127[^\"]\"", val) == 1) { snprintf(out, len, "%s", val); break; }
    if (sscanf(line, " platform: \"%127[^\"]\"", val) == 1) snprintf(out, len, "%s", platform_backend(val));
  }
  fclose(f);
}

static void load_model(const char *repo, struct model *m) {
  char path[4096], dir[4096], err[1536] = "";
  if (!strcmp(m->backend, "ensemble")) { strcpy(m->status, "READY"); return; }
  snprintf(path, sizeof path, ROOT "/backends/%s/libtriton_%s.so", m->backend, m->backend);
  struct stat st;
  char runtime[4096];
  snprintf(runtime, sizeof runtime, ROOT "/backends/%s/model.py", m->backend);
  /* a Python-based backend (vllm): its model.py run by the python backend, as Triton does */
  int python_based = stat(path, &st) != 0 && stat(runtime, &st) == 0;
  if (python_based) snprintf(path, sizeof path, ROOT "/backends/python/libtriton_python.so");
  if (stat(path, &st) != 0) {
    snprintf(m->status, sizeof m->status, "UNAVAILABLE: Invalid argument: unable to find backend library for backend '%s', try specifying runtime on the model configuration.", m->backend);
    return;
  }
  void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (!h) { snprintf(m->status, sizeof m->status, "UNAVAILABLE: Not found: unable to load shared library: %s", dlerror()); return; }
  init_fn init = (init_fn)dlsym(h, "TRITONBACKEND_ModelInitialize");
  m->exec = (exec_fn)dlsym(h, "TRITONBACKEND_ModelInstanceExecute");
  if (!init || !m->exec) { snprintf(m->status, sizeof m->status, "UNAVAILABLE: Not found: %s", dlerror()); return; }
  snprintf(dir, sizeof dir, "%s/%s", repo, m->name);
  if (python_based) {
    init_from_fn from = (init_from_fn)dlsym(h, "TRITONBACKEND_ModelInitializeFrom");
    snprintf(runtime, sizeof runtime, ROOT "/backends/%s", m->backend);
    if (!from || from(runtime, dir, &m->state, err, sizeof err) != 0) {
      snprintf(m->status, sizeof m->status, "UNAVAILABLE: Internal: %s", from ? err : dlerror());
      return;
    }
    strcpy(m->status, "READY");
    return;
  }
  if (init(dir, &m->state, err, sizeof err) != 0) { snprintf(m->status, sizeof m->status, "UNAVAILABLE: Internal: %s", err); return; }
  strcpy(m->status, "READY");
}

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void table(struct model *ms, int n) {
  size_t w = 5, s = 6;
  for (int i = 0; i < n; i++) {
    if (strlen(ms[i].name) > w) w = strlen(ms[i].name);
    if (strlen(ms[i].status) > s) s = strlen(ms[i].status);
  }
  char line[4096] = "+-";
  size_t k = 2;
  for (size_t i = 0; i < w; i++) line[k++] = '-';
  k += (size_t)sprintf(line + k, "-+---------+-");
  for (size_t i = 0; i < s; i++) line[k++] = '-';
  sprintf(line + k, "-+");
  fprintf(stderr, "%s\n| %-*s | Version | %-*s |\n%s\n", line, (int)w, "Model", (int)s, "Status", line);
  for (int i = 0; i < n; i++) fprintf(stderr, "| %-*s | 1       | %-*s |\n", (int)w, ms[i].name, (int)s, ms[i].status);
  fprintf(stderr, "%s\n", line);
}

static int enable_cache(const char *cfg) {
  char name[64], path[4096], msg[4096];
  snprintf(name, sizeof name, "%s", cfg);
  char *comma = strchr(name, ',');
  if (comma) *comma = 0;
  snprintf(path, sizeof path, ROOT "/caches/%s/libtritoncache_%s.so", name, name);
  struct stat st;
  if (stat(path, &st) != 0) {
    snprintf(msg, sizeof msg, "failed to enable response cache: unable to find '%s' cache in " ROOT "/caches", name);
    logline('E', "main.cc:230", msg);
    fprintf(stderr, "error: creating server: Internal - failed to load cache '%s'\n", name);
    return 1;
  }
  if (!dlopen(path, RTLD_NOW | RTLD_LOCAL)) {
    fprintf(stderr, "error: creating server: Not found - unable to load shared library: %s\n", dlerror());
    return 1;
  }
  logline('I', "cache_manager.cc:480", "Create CacheManager with cache_dir: '" ROOT "/caches'");
  return 0;
}

int TRITONSERVER_Main(int argc, char **argv) {
  const char *repo = NULL, *cache = NULL;
  int infer = 0;
  for (int i = 1; i < argc; i++) {
    if (!strncmp(argv[i], "--model-repository=", 19)) repo = argv[i] + 19;
    else if (!strncmp(argv[i], "--model-store=", 14)) repo = argv[i] + 14;
    else if (!strncmp(argv[i], "--cache-config=", 15)) cache = argv[i] + 15;
    else if (!strcmp(argv[i], "--fixture-infer")) infer = 1;
    else if (!strcmp(argv[i], "--version")) {
      int major, minor;
      tc_version(&major, &minor, NULL);
      base64_encodestate b64;
      char enc[64];
      base64_init_encodestate(&b64);
      int k = base64_encode_block(TRITON_VERSION, (int)strlen(TRITON_VERSION), enc, &b64);
      k += base64_encode_blockend(enc + k, &b64);
      enc[k] = 0;
      printf("tritonserver " TRITON_VERSION " (tcmalloc %d.%d, b64 %s)", major, minor, enc);
      return 0;
    }
  }
  logline('I', "server.cc:677", "Triton Inference Server version " TRITON_VERSION);
  int devices = 0;
  if (cudaGetDeviceCount(&devices) != 0)
    logline('W', "pinned_memory_manager.cc:237", "Unable to allocate pinned system memory, pinned memory pool will not be available: CUDA driver version is insufficient for CUDA runtime version");
  if (cache && enable_cache(cache)) return 1;
  if (!repo) { fprintf(stderr, "error: --model-repository must be specified\n"); return 1; }
  DIR *d = opendir(repo);
  if (!d) { fprintf(stderr, "error: creating server: Internal - failed to stat file %s\n", repo); return 1; }
  char *names[256];
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)) && n < 256) {
    char cfg[4096];
    struct stat st;
    if (e->d_name[0] == '.') continue;
    snprintf(cfg, sizeof cfg, "%s/%s/config.pbtxt", repo, e->d_name);
    if (stat(cfg, &st) == 0) names[n++] = strdup(e->d_name);
  }
  closedir(d);
  qsort(names, (size_t)n, sizeof *names, cmp);
  struct model *ms = calloc((size_t)n + 1, sizeof *ms);
  int failed = 0;
  for (int i = 0; i < n; i++) {
    char cfg[4096], msg[4096];
    snprintf(ms[i].name, sizeof ms[i].name, "%s", names[i]);
    snprintf(cfg, sizeof cfg, "%s/%s/config.pbtxt", repo, names[i]);
    read_backend(cfg, ms[i].backend, sizeof ms[i].backend);
    load_model(repo, &ms[i]);
    if (!strcmp(ms[i].status, "READY")) {
      snprintf(msg, sizeof msg, "successfully loaded '%s'", ms[i].name);
      logline('I', "model_lifecycle.cc:838", msg);
    } else {
      snprintf(msg, sizeof msg, "failed to load '%s' version 1: %s", ms[i].name, ms[i].status + 13);
      logline('E', "model_lifecycle.cc:641", msg);
      failed = 1;
    }
  }
  table(ms, n);
  if (failed) { fprintf(stderr, "error: creating server: Internal - failed to load all models\n"); return 1; }
  if (infer) {
    for (int i = 0; i < n; i++) {
      if (!ms[i].exec) continue;
      const float in[4] = {1, 2, 3, 4};
      float out[4] = {0};
      char err[1024] = "";
      if (ms[i].exec(ms[i].state, in, out, 4, err, sizeof err) != 0) {
        fprintf(stderr, "infer '%s': error: %s\n", ms[i].name, err);
        failed = 1;
      } else {
        fprintf(stderr, "infer '%s': [1 2 3 4] -> [%g %g %g %g]\n", ms[i].name, out[0], out[1], out[2], out[3]);
      }
    }
  }
  logline('I', "grpc_server.cc:2466", "Started GRPCInferenceService at 0.0.0.0:8001");
  logline('I', "http_server.cc:4692", "Started HTTPService at 0.0.0.0:8000");
  return failed;
}
