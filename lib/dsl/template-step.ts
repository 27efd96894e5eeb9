import { Construct } from 'constructs';
import { PropsGuard, required } from '../guards';
import { UserError } from '../user-error';
import { Step, STEP_PROPS_GUARDS, StepProps } from './step';
import { StepOutput } from './step-output';
import { Arguments, ARGUMENTS, TEMPLATE_OR_REF } from './task-options';
import type { Template, TemplateBody } from './template';
import { TemplateRef } from './template-ref';
import { Value, valuesIn } from './value';

/** Props of {@link TemplateStep}. */
export interface TemplateStepProps extends StepProps {
  /** What to run: a template of this pipeline (e.g. a reusable DAG) or another WorkflowTemplate's through {@link TemplateRef}. */
  readonly template: Template | TemplateRef;
  /** Values of the template's inputs; parameters, outputs and items are wired as for any step. @default - none */
  readonly arguments?: Arguments;
}

/**
 * A step that calls an existing template with arguments instead of defining its own: a reusable sub-pipeline
 * (a {@link DagTemplate} of this pipeline), or a template of another WorkflowTemplate or ClusterWorkflowTemplate.
 *
 * @example
 * const evaluate = new TemplateStep(pipeline, 'evaluate', { template: TemplateRef.to(shared.evaluate),
 *   arguments: { parameters: { model: train.output('model-dir') } } });
 */
export class TemplateStep extends Step {
  public readonly template: Template | TemplateRef;
  public readonly arguments: Arguments;

  constructor(scope: Construct, id: string, props: TemplateStepProps) {
    super(scope, id, TEMPLATE_STEP_PROPS.check(scope, id, props, new.target === TemplateStep));
    this.template = props.template;
    this.arguments = props.arguments ?? {};
    const known = props.template instanceof TemplateRef ? props.template.template : props.template;
    if (known instanceof Step) {
      throw new UserError(`[${this.node.path}] template: '${known.name}' is a step, which runs once in its own pipeline; call a template (ContainerTemplate, DagTemplate, ...) instead`);
    }
  }

  /** An output of the called template. */
  output(name: string): StepOutput {
    const known = this.template instanceof TemplateRef ? this.template.template : this.template;
    if (known && !known.findOutput(name, 'parameters')) {
      throw new UserError(`[${this.node.path}] template '${known.name}' has no output parameter '${name}' `
        + `(declared: ${known.outputs.filter((o) => o.type === 'parameters').map((o) => o.name).join(', ') || 'none'})`);
    }
    return new StepOutput(this, name);
  }

  /** An output artifact of the called template. */
  outputArtifact(name: string): StepOutput {
    return new StepOutput(this, name, 'artifact');
  }

  /** The call has no template of its own; the compiler renders it as a task of the called template. */
  renderBody(): TemplateBody {
    return {};
  }

  protected values(): Value[] {
    return valuesIn([this.arguments.parameters, Object.values(this.arguments.artifacts ?? {})]);
  }
}

/** Checks the props of a {@link TemplateStep}. */
export const TEMPLATE_STEP_PROPS = new PropsGuard<TemplateStepProps>('TemplateStepProps',
  { ...STEP_PROPS_GUARDS, template: required(TEMPLATE_OR_REF), arguments: ARGUMENTS });
