// Entering a deflate stream at a block boundary inside a byte, with an inflater that has no
// inflatePrime() (Node's zlib): a few empty deflate blocks line the bits up so every later
// byte keeps its position (RFC 1951 §3.2). docs/seekable-index.md.

class BitWriter {
  private readonly bytes: number[] = [];
  private acc = 0;
  private n = 0;

  /** Writes `count` bits of `value`, least significant first (header fields, extra bits). */
  bits(value: number, count: number): void {
    for (let i = 0; i < count; i++) this.bit((value >> i) & 1);
  }

  /** Writes a Huffman code, most significant bit first, as RFC 1951 §3.1.1 packs them. */
  code(value: number, length: number): void {
    for (let i = length - 1; i >= 0; i--) this.bit((value >> i) & 1);
  }

  private bit(b: number): void {
    this.acc |= b << this.n;
    if (++this.n === 8) {
      this.bytes.push(this.acc);
      this.acc = 0;
      this.n = 0;
    }
  }

  get length(): number {
    return this.bytes.length * 8 + this.n;
  }

  done(): Uint8Array {
    if (this.n !== 0) throw new Error(`bit writer ends mid-byte (${this.length} bits)`);
    return Uint8Array.from(this.bytes);
  }
}

/** An empty fixed-Huffman block: BFINAL 0, BTYPE 01, end-of-block (7 zero bits). 10 bits. */
function emptyFixedBlock(w: BitWriter): void {
  w.bits(0, 1);
  w.bits(1, 2);
  w.code(0, 7);
}

// The order in which code-length code lengths are sent (RFC 1951 §3.2.7).
const CL_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/**
 * An empty dynamic-Huffman block, 97 bits (odd, which fixed blocks cannot give): the only
 * literal/length code is end-of-block and there is one distance code, each of length 1, a
 * single incomplete code that zlib accepts. Code-length codes: 18 → "0", 1 → "10", 17 → "11".
 */
function emptyDynamicBlock(w: BitWriter): void {
  w.bits(0, 1);
  w.bits(2, 2);
  w.bits(0, 5); // HLIT: 257 literal/length codes
  w.bits(0, 5); // HDIST: 1 distance code
  w.bits(18 - 4, 4); // HCLEN: 18 code-length code lengths, up to symbol 1
  const clLength: Record<number, number> = { 18: 1, 1: 2, 17: 2 };
  for (const sym of CL_ORDER.slice(0, 18)) w.bits(clLength[sym] ?? 0, 3);
  // 256 zero lengths for literals 0..255: 138 + 115 (code 18) + 3 (code 17).
  w.code(0b0, 1);
  w.bits(138 - 11, 7);
  w.code(0b0, 1);
  w.bits(115 - 11, 7);
  w.code(0b11, 2);
  w.bits(3 - 3, 3);
  w.code(0b10, 2); // end-of-block: length 1
  w.code(0b10, 2); // the distance code: length 1
  w.code(0b0, 1); // end-of-block
}

/**
 * The bytes to give the inflater in place of the checkpoint's first byte `byte`, whose high
 * `bits` bits (1–7) start the next block. Pure; at most 7 bytes.
 */
export function planPrimeBytes(bits: number, byte: number): Uint8Array {
  if (!Number.isInteger(bits) || bits < 1 || bits > 7) throw new RangeError(`bits must be 1..7, not ${bits}`);
  const target = 8 - bits; // L ≡ 8 - bits (mod 8); a dynamic block adds 1, a fixed one 2
  const w = new BitWriter();
  if (target % 2 === 1) emptyDynamicBlock(w);
  for (let i = 0; i < Math.floor(target / 2); i++) emptyFixedBlock(w);
  w.bits((byte & 0xff) >> (8 - bits), bits);
  return w.done();
}
