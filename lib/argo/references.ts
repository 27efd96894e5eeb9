import type { Reference } from '../dsl/reference';

/**
 * The Argo variable a reference stands for, without braces, e.g. `tasks.train.outputs.parameters.model` (with
 * `siblings` 'tasks') or `inputs.artifacts.data.path`. Callers check first that the reference is in reach.
 */
export function spellReference(ref: Reference, siblings: 'tasks' | 'steps' = 'tasks'): string {
  switch (ref.kind) {
    case 'global':
      return ref.variable;
    case 'expression':
      return `=${ref.expression}`;
    case 'parameter':
      return `workflow.parameters.${ref.parameter.name}`;
    case 'io':
      return `${ref.io.direction}.${ref.io.type}.${ref.io.name}${ref.field ? `.${ref.field}` : ''}`;
    case 'item':
      return ref.field === undefined ? 'item' : `item.${ref.field}`;
    default: {
      const node = `${siblings}.${ref.step.name}`;
      switch (ref.of) {
        case 'parameter':
          return `${node}.outputs.parameters.${ref.name}`;
        case 'artifact':
          return `${node}.outputs.artifacts.${ref.name}`;
        case 'result':
          return `${node}.outputs.result`;
        case 'parameters':
          return `${node}.outputs.parameters`;
        default:
          return `${node}.${ref.of}`;
      }
    }
  }
}

/** A single-quoted govaluate string literal. */
export function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Throws unless a literal is free of `{{`, which only references may produce. */
export function literalProblem(text: string): string | undefined {
  return text.includes('{{')
    ? `the literal ${JSON.stringify(text)} contains '{{': pass the parameter, step output, loop item, input or WorkflowVariables object `
      + 'instead of typing an Argo expression (use fmt`...` to build strings)'
    : undefined;
}
