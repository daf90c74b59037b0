/**
 * Extracted function code on disk: one directory per code checksum under a per-process temp
 * root, removed when the process exits (or on `disposeCodeCache`).
 */
import AdmZip from 'adm-zip';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { FunctionCode } from '../state';

let root: string | undefined;

function cacheRoot(): string {
  if (!root) {
    root = mkdtempSync(join(tmpdir(), 'fc3-role-emulator-code-'));
    process.once('exit', disposeCodeCache);
  }
  return root;
}

/** The directory holding the extracted code; extracts it on first use. */
export function ensureCodeDir(code: FunctionCode): string {
  const dir = join(cacheRoot(), code.checksum);
  if (existsSync(dir)) return dir;
  const staging = `${dir}.tmp-${process.pid}-${Date.now()}`;
  mkdirSync(staging, { recursive: true });
  new AdmZip(code.zip).extractAllTo(staging, true);
  renameSync(staging, dir);
  return dir;
}

/** Removes every extracted code directory. Safe to call more than once. */
export function disposeCodeCache(): void {
  if (!root) return;
  rmSync(root, { recursive: true, force: true });
  root = undefined;
}
