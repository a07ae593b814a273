// The model repository the real-fixture tests serve: one model per backend, each with what its
// backend really reads (model.onnx, model.py, model.pt), and the answers one request gets.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function varint(n: number): Buffer {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return Buffer.from(out);
}
const num = (field: number, n: number) => Buffer.concat([varint(field << 3), varint(n)]);
const msg = (field: number, ...parts: (Buffer | string)[]) => {
  const body = Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));
  return Buffer.concat([varint((field << 3) | 2), varint(body.length), body]);
};

/** A float tensor of shape [4] named `name`, as an ONNX ValueInfoProto. */
const valueInfo = (field: number, name: string) => msg(field, msg(1, name), msg(2, msg(1, num(1, 1), msg(2, msg(1, num(1, 4))))));

/** An ONNX model (IR 8, opset 13) with one node: y = Add(x, x), x and y float[4]. */
export function onnxAddModel(): Buffer {
  const node = msg(1, msg(1, 'x'), msg(1, 'x'), msg(2, 'y'), msg(3, 'add'), msg(4, 'Add'));
  const graph = msg(7, node, msg(2, 'fixture'), valueInfo(11, 'x'), valueInfo(12, 'y'));
  return Buffer.concat([num(1, 8), msg(2, 'triton-compose'), graph, msg(8, msg(1, ''), num(2, 13))]);
}

export const MODEL_PY = `import json

import numpy as np


class TritonPythonModel:
    def initialize(self, args):
        self.args = json.loads(json.dumps(args))
        self.scale = np.float32(3)

    def execute(self, inputs):
        x = np.asarray(inputs, dtype=np.float32)
        return (x * self.scale + 1).tolist()
`;

/** What one request [1 2 3 4] answers, per backend (the op each one runs). */
export const ANSWERS: Record<string, string> = {
  onnxruntime: '[2 4 6 8]',
  python: '[4 7 10 13]',
  pytorch: '[2 4 6 8]',
  identity: '[1 2 3 4]',
  repeat: '[1 2 3 4]',
  square: '[1 4 9 16]',
};

/** A model repository with one model `m_<backend>` per backend, readable by any user. */
export function writeModelRepository(dir: string, backends: string[]): string {
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o755);
  for (const b of backends) {
    const m = join(dir, `m_${b}`);
    mkdirSync(join(m, '1'), { recursive: true });
    writeFileSync(join(m, 'config.pbtxt'), `name: "m_${b}"\nbackend: "${b}"\n`);
    if (b === 'onnxruntime') writeFileSync(join(m, '1', 'model.onnx'), onnxAddModel());
    if (b === 'python') writeFileSync(join(m, '1', 'model.py'), MODEL_PY);
    if (b === 'pytorch') writeFileSync(join(m, '1', 'model.pt'), 'fixture TorchScript: y = x * 2\n');
  }
  return dir;
}
