import { Invocation } from '../dsl/invocation';
import type { Loop } from '../dsl/loop';
import type { PipelineBase } from '../dsl/pipeline-base';
import { IOutputSource, IReferenceable, isReferenceable } from '../dsl/reference';
import type { Template } from '../dsl/template';
import { Concat, Value } from '../dsl/value';
import { UserError } from '../user-error';
import type { CallRenderer } from './compile-task';
import { literalProblem, spellReference } from './references';

/** The outputs a value may read: sibling tasks of a DAG or earlier steps of a steps template. */
export interface SiblingOutputs {
  /** How the siblings are named in Argo variables. */
  readonly prefix: 'tasks' | 'steps';
  /** Why `source` cannot be read here, or undefined when it can. */
  readonly problem: (source: IOutputSource) => string | undefined;
}

/** Where a value of an Argo-native template or call is rendered. */
export interface TemplateScope {
  readonly pipeline: PipelineBase;
  /** Construct path that prefixes errors. */
  readonly path: string;
  /** The template whose declared inputs and outputs `io` references name. @default - none in reach */
  readonly template?: Template;
  /** Sibling outputs in reach (in a DAG task's or workflow step's fields). @default - none */
  readonly siblings?: SiblingOutputs;
  /** The loop whose items are in reach (the call's own). @default - none */
  readonly loop?: Loop;
}

/**
 * Renders values of Argo-native templates (`ContainerTemplate`, `DagTemplate`, ...) and of their calls, checking
 * that each reference is in reach: the template's own inputs and outputs, the pipeline's parameters (as
 * `workflow.parameters`), sibling outputs and the call's loop item where the scope has them, and globals anywhere.
 */
export class TemplateScopeRenderer implements CallRenderer {
  constructor(private readonly scope: TemplateScope) {}

  value(value: Value): string {
    if (value instanceof Concat) return value.parts.map((p) => this.value(p)).join('');
    if (isReferenceable(value)) return this.expression(value);
    const text = String(value);
    const problem = literalProblem(text);
    if (problem) throw this.error(problem);
    return text;
  }

  /** A reference as a `{{...}}` expression, after checking it is in reach. */
  expression(value: IReferenceable): string {
    return `{{${this.variable(value)}}}`;
  }

  /** The Argo variable for a reference, after checking it is in reach. */
  variable(value: IReferenceable): string {
    const ref = value.reference;
    const s = this.scope;
    switch (ref.kind) {
      case 'parameter':
        if (!s.pipeline.parameters.includes(ref.parameter as never)) {
          throw this.error(`uses parameter '${ref.parameter.name}' of another pipeline (${ref.parameter.node.path}); `
            + `declare it on this pipeline with addParameter('${ref.parameter.name}', ...)`);
        }
        break;
      case 'io': {
        const t = s.template;
        const declared = t && (ref.io.direction === 'inputs' ? t.inputs : t.outputs).includes(ref.io as never);
        if (!declared) {
          const what = `${ref.io.direction.slice(0, -1)} ${ref.io.type.slice(0, -1)} '${ref.io.name}'`;
          throw this.error(t ? `uses ${what}, which template '${t.name}' does not declare; add it to the template's ${ref.io.direction}`
            : `uses ${what} outside the template that declares it; pass it as an argument instead`);
        }
        break;
      }
      case 'output': {
        const known = ref.step instanceof Invocation ? ref.step.knownTemplate : undefined;
        const type = ref.of === 'parameter' ? 'parameters' : 'artifacts';
        const problem = !s.siblings ? 'a template body cannot read other steps\' outputs; declare an input and pass the output as an argument'
          : s.siblings.problem(ref.step) ?? ((ref.of === 'parameter' || ref.of === 'artifact') && known && !known.findOutput(ref.name, type)
            ? `template '${known.name}' declares no such output (declared: ${known.outputs.filter((o) => o.type === type).map((o) => o.name).join(', ') || 'none'})`
            : undefined);
        if (problem) throw this.error(`reads ${ref.of === 'parameter' || ref.of === 'artifact' ? `output ${ref.of} '${ref.name}'` : `'${ref.name}'`} of '${ref.step.name}': ${problem}`);
        break;
      }
      case 'item':
        if (s.loop !== ref.loop) {
          throw this.error(s.siblings
            ? 'uses a loop item but does not loop over that loop; set forEach: <the loop> on the task'
            : 'a template body cannot read loop items; declare an input and pass the item as an argument');
        }
        break;
      default:
        break;
    }
    return spellReference(ref, s.siblings?.prefix);
  }

  private error(message: string): UserError {
    return new UserError(`[${this.scope.path}] ${message}`);
  }
}
