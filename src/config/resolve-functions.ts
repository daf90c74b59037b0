/** props.functions -> DesiredFunction[], and props.invoke -> ResolvedInvoke. */
import type { DesiredFunction } from '../model';
import type { CheckContext } from './context';
import { readTextFile } from './documents';
import { isRecord } from './text';
import type { ResolvedInvoke } from './types';

export function resolveFunctions(raw: unknown, defaultRegion: string, ctx: CheckContext): DesiredFunction[] {
  if (!Array.isArray(raw)) return [];
  const seen = new Map<string, string>();
  const out: DesiredFunction[] = [];
  raw.forEach((item: unknown, i: number) => {
    const path = `props.functions[${i}]`;
    const fn =
      typeof item === 'string'
        ? { name: item, region: defaultRegion }
        : isRecord(item) && typeof item.name === 'string'
          ? { name: item.name, region: typeof item.region === 'string' ? item.region : defaultRegion }
          : undefined;
    if (!fn) return;
    const key = `${fn.region}/${fn.name}`;
    const first = seen.get(key);
    if (first) ctx.add(path, `repeats ${first}: function ${fn.name} in ${fn.region}`, `{ name: ${fn.name}, region: cn-shanghai }`);
    else seen.set(key, path);
    out.push(fn);
  });
  return out;
}

export function resolveInvoke(
  raw: unknown,
  functions: readonly DesiredFunction[],
  defaultRegion: string,
  ctx: CheckContext,
  opts: { readEventFile: boolean },
): ResolvedInvoke {
  const invoke = isRecord(raw) ? raw : {};
  let functionName: string | undefined;
  if (typeof invoke.function === 'string') {
    functionName = invoke.function;
    const declared = functions.map((f) => f.name);
    // Choice: with no functions declared, invoke.function may name any function (in props.region).
    if (declared.length > 0 && !declared.includes(functionName)) {
      ctx.add('props.invoke.function', `is not one of props.functions (${declared.join(', ')}) (got "${functionName}")`, declared[0]);
    }
  } else if (functions.length === 1) {
    functionName = functions[0].name;
  }
  const region = functions.find((f) => f.name === functionName)?.region ?? defaultRegion;
  const result: ResolvedInvoke = { functionName, region };
  if (invoke.event !== undefined && invoke.eventFile !== undefined) {
    ctx.add('props.invoke.eventFile', 'cannot be used together with props.invoke.event; keep one of them', './event.json');
  } else if (typeof invoke.eventFile === 'string' && !ctx.schemaFlagged('props.invoke.eventFile')) {
    // Choice: only invoke reads props.invoke.eventFile; for deploy, plan, info and remove a missing event file is no problem.
    if (!opts.readEventFile) return result;
    const file = readTextFile(invoke.eventFile, 'props.invoke.eventFile', ctx, './event.json');
    if (file) result.event = { source: 'file', text: file.text, path: file.absolute };
  } else if (typeof invoke.event === 'string') {
    result.event = { source: 'inline', text: invoke.event };
  } else if (isRecord(invoke.event)) {
    result.event = { source: 'inline', text: JSON.stringify(invoke.event) };
  }
  return result;
}
