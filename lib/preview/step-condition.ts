import { evaluateWhen, GovaluateError } from './govaluate';
import { hasPlaceholder, placeholderLabel, placeholderNames, renderPlaceholders } from '../argo-spec/placeholder';
import { StepPhase } from './run-preview';
import { finishTags } from '../argo-spec/substitute';
import { unknownVariablesProblem } from './unknown-variables';

/** What a step's `when` decides. */
export interface WhenOutcome {
  readonly phase: Extract<StepPhase, 'runs' | 'skipped' | 'maybe' | 'fails'>;
  /** the expression after substitution (placeholders in it) */
  readonly when?: string;
  readonly reason?: string;
  /** how to fix a `when` that fails */
  readonly fix?: string;
}

/**
 * Decides a step's `when` the way the controller's `shouldExecute` does, once everything known before the step
 * runs is substituted: `skipped` when false, `fails` when govaluate rejects it (Argo errors the node) or when it
 * names a variable Argo does not know (the controller refuses the run at submission), `maybe` when it reads values
 * known only at run time (other steps' outputs, `{{workflow.uid}}`).
 *
 * @param when the step's `when`, substituted
 */
export function decideWhen(when: unknown): WhenOutcome {
  if (typeof when !== 'string' || when === '') return { phase: 'runs' };
  const { value, unknown } = finishTags(when);
  if (unknown.length > 0) {
    const { reason, fix } = unknownVariablesProblem(unknown);
    return { phase: 'fails', when: value, reason, fix };
  }
  if (hasPlaceholder(value) || value.includes('{{')) {
    const names = [...placeholderNames(value)].map(placeholderLabel);
    return { phase: 'maybe', when: value, reason: `when '${renderPlaceholders(value)}' depends on ${names.join(', ') || 'values'} known only at run time` };
  }
  try {
    return evaluateWhen(value) ? { phase: 'runs', when: value } : { phase: 'skipped', when: value, reason: `when '${value}' evaluated false` };
  } catch (err) {
    if (!(err instanceof GovaluateError)) throw err;
    return { phase: 'fails', when: value, reason: `Invalid 'when' expression '${value}': ${err.message}` };
  }
}
