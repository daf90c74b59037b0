/** The shared evaluation table (test/fixtures/policy-cases.ts) through the emulator's evaluator. */
import { evaluate } from '../../emulator/iam/evaluate';
import { POLICY_CASES } from '../fixtures/policy-cases';

test.each(POLICY_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
  const decision = evaluate(c.documents.map((d) => JSON.stringify(d)), { action: c.action, resource: c.resource, context: c.context ?? {} });
  expect(decision).toBe(c.expected);
});
