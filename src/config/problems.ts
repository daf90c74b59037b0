/** Problems as text, and the one error thrown for a bad configuration. */
import { Fc3RoleError } from '../errors';
import type { Problem } from './types';

/** `props.role.name: must match ^[A-Za-z0-9.-]{1,64}$ (got "bad name!"); example: fc-oss-writer` */
export function formatProblem(problem: Problem): string {
  return `${problem.path}: ${problem.message}; example: ${problem.example}`;
}

/** Fc3RoleError `InvalidConfiguration` listing every problem, one per line. */
export function configError(problems: readonly Problem[]): Fc3RoleError {
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  return new Fc3RoleError('InvalidConfiguration', `Invalid configuration (${count}):\n${problems.map(formatProblem).join('\n')}`, {
    hint: 'Fix the values above in s.yaml (or the command line) and run the command again.',
  });
}
