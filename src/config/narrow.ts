/**
 * `--region` narrows what a command acts on; it never changes what s.yaml declares. The file is
 * validated as written, then only the declared functions in that region are kept (the role and its
 * policies are account-wide, so they stay). Pure.
 */
import type { DesiredFunction } from '../model';
import type { Narrowing, ResolvedConfig } from './types';

/** The configuration limited to the functions declared in `region` (and invoke aimed there). */
export function narrowToRegion(config: ResolvedConfig, region: string): ResolvedConfig & { narrowing: Narrowing } {
  const kept = config.desired.functions.filter((f) => f.region === region);
  const excluded = config.desired.functions.filter((f) => f.region !== region);
  return {
    ...config,
    desired: { ...config.desired, functions: kept },
    invoke: { ...config.invoke, region },
    narrowing: { region, excluded },
  };
}

/** `cn-hangzhou/a, cn-hangzhou/b`: how messages list functions. */
export function listFunctions(functions: readonly DesiredFunction[]): string {
  return functions.map((f) => `${f.region}/${f.name}`).join(', ');
}
