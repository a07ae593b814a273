// zlib's own inflate, compiled to WebAssembly (scripts/zlib-wasm/), for the one pass that needs
// what Node's zlib binding does not give: stopping at each deflate block boundary (Z_BLOCK) and
// the bit position there (data_type). It inflates real layers about twice as fast as pako, the
// JavaScript port used before, and within a fifth of native zlib. Each stream is an instance of
// its own (its own memory); the module is compiled once per thread.
import { ZLIB_WASM_BASE64 } from './zlib-wasm-module.js';

// The few WebAssembly types used here (the compile's lib has no DOM, where TypeScript keeps them).
interface WasmModule {
  readonly kind?: 'module';
}
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { exports: object };
};

export const Z_OK = 0;
export const Z_STREAM_END = 1;
export const Z_NEED_DICT = 2;
export const Z_BUF_ERROR = -5;
export const Z_BLOCK = 5;

interface Exports {
  memory: { buffer: ArrayBuffer };
  _initialize?: () => void;
  start(windowBits: number, inputSize: number, outputSize: number): number;
  input_at(): number;
  output_at(): number;
  step(inOff: number, inLen: number, outOff: number, outLen: number, flush: number): number;
  avail_in(): number;
  avail_out(): number;
  data_type(): number;
  message(): number;
  end(): number;
}

let compiled: WasmModule | undefined;
const moduleOf = (): WasmModule => (compiled ??= new WebAssembly.Module(Buffer.from(ZLIB_WASM_BASE64, 'base64')));

/**
 * One inflate stream. Input is copied in up to `inputSize` bytes at a time; output lands in a
 * buffer of `outputSize` bytes inside the module, which the caller reads through output() and
 * which the next calls overwrite.
 */
export class WasmInflate {
  private readonly x: Exports;
  private readonly inputAt: number;
  private readonly outputAt: number;

  constructor(
    windowBits: number,
    readonly inputSize: number,
    readonly outputSize: number,
  ) {
    this.x = new WebAssembly.Instance(moduleOf(), {}).exports as unknown as Exports;
    this.x._initialize?.();
    const ret = this.x.start(windowBits, inputSize, outputSize);
    if (ret !== Z_OK) throw new Error(`zlib could not start an inflate stream (${ret})`);
    this.inputAt = this.x.input_at();
    this.outputAt = this.x.output_at();
  }

  /** Copies `data` (at most inputSize bytes) into the input buffer. */
  setInput(data: Uint8Array): void {
    if (data.length > this.inputSize) throw new RangeError(`${data.length} bytes of input; at most ${this.inputSize} at a time`);
    this.bytes().set(data, this.inputAt);
  }

  /** inflate() over input[inOff, inOff + inLen) into output[outOff, outputSize); zlib's return code. */
  step(inOff: number, inLen: number, outOff: number, flush: number): number {
    return this.x.step(inOff, inLen, outOff, this.outputSize - outOff, flush);
  }

  /** Output bytes [from, to) as a view into the module's memory (valid until the next step). */
  output(from: number, to: number): Uint8Array {
    return this.bytes().subarray(this.outputAt + from, this.outputAt + to);
  }

  get availIn(): number {
    return this.x.avail_in();
  }

  get availOut(): number {
    return this.x.avail_out();
  }

  /** zlib's data_type: unused bits of the last input byte (& 7), after a block (128), in the last block (64). */
  get dataType(): number {
    return this.x.data_type();
  }

  /** zlib's message for the last error, or ''. */
  get message(): string {
    const bytes = this.bytes();
    const at = this.x.message();
    const end = bytes.indexOf(0, at);
    return Buffer.from(bytes.subarray(at, end < 0 ? at : end)).toString('latin1');
  }

  /** Frees zlib's state (the instance's memory goes with it once unreferenced). */
  end(): void {
    this.x.end();
  }

  // The memory may grow while zlib allocates (its window, at the first output): a fresh view each time.
  private bytes(): Uint8Array {
    return new Uint8Array(this.x.memory.buffer);
  }
}
