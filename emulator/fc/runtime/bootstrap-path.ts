/**
 * Where the shipped bootstrap files live. They are plain .js/.py files under emulator/fc/runtime/,
 * which tsc does not copy to build/: look next to this module first (ts-jest, ts-node), then
 * under the package root found by walking up to package.json (compiled build/emulator/fc/runtime).
 */
import { existsSync } from 'fs';
import { dirname, join } from 'path';

const cache = new Map<string, string>();

export function bootstrapPath(fileName: 'node-bootstrap.js' | 'python-bootstrap.py'): string {
  const known = cache.get(fileName);
  if (known) return known;
  const besideModule = join(__dirname, fileName);
  let found = existsSync(besideModule) ? besideModule : undefined;
  for (let dir = __dirname; !found; dir = dirname(dir)) {
    const candidate = join(dir, 'emulator', 'fc', 'runtime', fileName);
    if (existsSync(join(dir, 'package.json')) && existsSync(candidate)) found = candidate;
    if (dirname(dir) === dir) break;
  }
  if (!found) throw new Error(`emulator: cannot locate the FC bootstrap ${fileName}`);
  cache.set(fileName, found);
  return found;
}
