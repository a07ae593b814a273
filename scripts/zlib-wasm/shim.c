/*
 * zlib's inflate, as the layer index pass drives it from JavaScript (src/layer/zlib-wasm.ts):
 * one stream per WebAssembly instance, an input and an output buffer set aside once, and the
 * fields of z_stream the caller reads after each call. Nothing here is imported: the module
 * needs no host functions.
 */
#include <stdlib.h>
#include <string.h>
#include "zlib.h"

static z_stream stream;
static unsigned char *input;
static unsigned char *output;

/* Sets the buffers aside and starts a stream; zlib's return code (Z_OK, or Z_MEM_ERROR). */
__attribute__((export_name("start"))) int start(int window_bits, int input_size, int output_size) {
  input = malloc(input_size);
  output = malloc(output_size);
  if (!input || !output) return Z_MEM_ERROR;
  memset(&stream, 0, sizeof stream);
  return inflateInit2(&stream, window_bits);
}

__attribute__((export_name("input_at"))) unsigned char *input_at(void) { return input; }
__attribute__((export_name("output_at"))) unsigned char *output_at(void) { return output; }

/* One inflate() call over input[in_off, in_off + in_len) into output[out_off, out_off + out_len). */
__attribute__((export_name("step"))) int step(int in_off, int in_len, int out_off, int out_len, int flush) {
  stream.next_in = input + in_off;
  stream.avail_in = in_len;
  stream.next_out = output + out_off;
  stream.avail_out = out_len;
  return inflate(&stream, flush);
}

__attribute__((export_name("avail_in"))) int avail_in(void) { return stream.avail_in; }
__attribute__((export_name("avail_out"))) int avail_out(void) { return stream.avail_out; }
__attribute__((export_name("data_type"))) int data_type(void) { return stream.data_type; }
__attribute__((export_name("message"))) const char *message(void) { return stream.msg ? stream.msg : ""; }
__attribute__((export_name("end"))) int end(void) { return inflateEnd(&stream); }
