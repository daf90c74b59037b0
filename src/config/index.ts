/** Configuration: props schema and validation, the endpoint override, command-line flags. */
export { propsSchema, schemaJson } from './schema';
export { validateProps } from './validate';
export type { ValidateContext } from './validate';
export { parseRawProps, readRawProps, resolveEndpoint, findEndpointProblem } from './props';
export type { Endpoint } from './props';
export { configError, formatProblem } from './problems';
export { FC3_REGIONS, isFc3Region } from './regions';
export type { Problem, ResolvedConfig, ResolvedInvoke, ResolvedEvent } from './types';
