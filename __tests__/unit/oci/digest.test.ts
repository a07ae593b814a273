import { ANY_DIGEST, DIGEST, sha256 } from '../../../src/oci/digest.js';

describe('sha256', () => {
  test('is the digest OCI writes: sha256 and 64 lowercase hex digits', () => {
    expect(sha256('')).toBe('sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256(Buffer.from('abc'))).toBe('sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(DIGEST.test(sha256('x'))).toBe(true);
    expect(ANY_DIGEST.exec(sha256('x'))?.[1]).toBe('sha256');
  });

  test('hashes a buffer in slices to the same digest (a hash update takes at most 2 GiB - 1)', () => {
    const data = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
    for (const slice of [1, 7, 999, 1000, 4096]) expect(sha256(data, slice)).toBe(sha256(data));
    expect(sha256(Buffer.alloc(0), 7)).toBe(sha256(''));
  });
});
