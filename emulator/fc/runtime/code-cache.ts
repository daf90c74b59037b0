/**
 * Extracted function code on disk: one directory per code checksum under a temp root owned by one
 * emulator, removed on `dispose()` (or when the process exits).
 */
import AdmZip from 'adm-zip';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { FunctionCode } from '../state';

export class CodeCache {
  private root: string | undefined;
  private readonly onExit = (): void => this.dispose();

  /** The directory holding the extracted code; extracts it on first use. */
  ensureCodeDir(code: FunctionCode): string {
    const dir = join(this.getRoot(), code.checksum);
    if (existsSync(dir)) return dir;
    const staging = `${dir}.tmp-${process.pid}-${Date.now()}`;
    mkdirSync(staging, { recursive: true });
    new AdmZip(code.zip).extractAllTo(staging, true);
    renameSync(staging, dir);
    return dir;
  }

  /** Removes every extracted code directory. Safe to call more than once. */
  dispose(): void {
    if (!this.root) return;
    rmSync(this.root, { recursive: true, force: true });
    this.root = undefined;
    process.removeListener('exit', this.onExit);
  }

  private getRoot(): string {
    if (!this.root) {
      this.root = mkdtempSync(join(tmpdir(), 'fc3-role-emulator-code-'));
      process.once('exit', this.onExit);
    }
    return this.root;
  }
}
