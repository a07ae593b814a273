import { planWriteOrder } from '../../../src/direct/assemble.js';

const job = (...files: number[]) => ({
  entries: [
    { type: 'dir', size: 0 },
    ...files.map((size) => ({ type: 'file', size })),
    { type: 'symlink', size: 999_999 }, // a link's size is no data
  ] as never[],
});

test('the pieces with the most file data are written first; ties keep Dockerfile order', () => {
  // runtime-deps (many small files), core, onnxruntime (one large file), python, serve
  expect(planWriteOrder([job(10, 20, 30), job(5), job(400), job(5), job()])).toEqual([2, 0, 1, 3, 4]);
  expect(planWriteOrder([])).toEqual([]);
});
