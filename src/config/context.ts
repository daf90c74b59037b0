/** State shared by the semantic checks of one validation run. */
import type { Problem } from './types';

export class CheckContext {
  readonly problems: Problem[] = [];

  constructor(
    readonly baseDir: string,
    /** Paths the schema already complained about (semantic checks stay quiet there). */
    private readonly schemaProblemPaths: readonly string[],
  ) {}

  add(path: string, message: string, example: string): void {
    this.problems.push({ path, message, example });
  }

  /** True when the schema reported a problem at `path` or inside it. */
  schemaFlagged(path: string): boolean {
    return this.schemaProblemPaths.some((p) => p === path || p.startsWith(`${path}.`) || p.startsWith(`${path}[`));
  }
}
