/**
 * The props schema as an ajv validator. Here it is compiled on first use; the bundle replaces this
 * module with the same validator generated ahead of time by ajv's standalone code (scripts/bundle-validator.js),
 * so that no `s` run compiles the schema (compiling it costs more than loading an SDK).
 */
import Ajv, { type Options, type ValidateFunction } from 'ajv';
import { propsSchema } from './schema';

/** The options the validator is compiled with, here and ahead of time. */
export const AJV_OPTIONS: Options = { allErrors: true, strict: true, allowUnionTypes: true };

let compiled: ValidateFunction | undefined;

export function propsValidator(): ValidateFunction {
  compiled ??= new Ajv(AJV_OPTIONS).compile(propsSchema);
  return compiled;
}
