/**
 * The packages a Node.js handler may require without shipping them, like the real FC Node.js runtime:
 * ali-oss only. A temp directory holds `node_modules/ali-oss`, a symlink to the installed package; the
 * child's NODE_PATH points at that `node_modules`. Node resolves a symlinked package by its real path,
 * so ali-oss finds its own dependencies next to it, while the handler sees nothing else of ours.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';

/** The packages the runtime provides (the real Node.js runtimes ship ali-oss). */
export const PROVIDED_PACKAGES = ['ali-oss'] as const;

export class HandlerModules {
  private root: string | undefined;
  /** Real directory of each provided package (Node reports these paths in stack traces). */
  readonly packageDirs = new Map<string, string>();
  private readonly onExit = (): void => this.dispose();

  /** The NODE_PATH for handlers (a `node_modules` holding only the provided packages); created on first use. */
  nodePath(): string {
    if (!this.root) {
      this.root = mkdtempSync(join(tmpdir(), 'fc3-role-emulator-modules-'));
      process.once('exit', this.onExit);
      const modules = join(this.root, 'node_modules');
      mkdirSync(modules);
      for (const name of PROVIDED_PACKAGES) {
        const packageDir = realpathSync(dirname(require.resolve(`${name}/package.json`)));
        symlinkSync(packageDir, join(modules, name), 'dir');
        this.packageDirs.set(name, packageDir);
      }
    }
    return join(this.root, 'node_modules');
  }

  /** Removes the directory (the symlinks only, never the packages). Safe to call more than once. */
  dispose(): void {
    if (!this.root) return;
    rmSync(this.root, { recursive: true, force: true });
    this.root = undefined;
    process.removeListener('exit', this.onExit);
  }
}
