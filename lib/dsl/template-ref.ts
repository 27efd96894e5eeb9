import { BOOLEAN, checkArguments, required, STRING } from '../guards';
import { Template, TEMPLATE } from './template';

/**
 * A template of another WorkflowTemplate or ClusterWorkflowTemplate, called by reference (Argo `templateRef`):
 * `TemplateRef.to(template)` when that template is a construct of this app (its inputs and outputs are then
 * checked), `TemplateRef.named(...)` for one deployed from elsewhere.
 *
 * @example new DagTask(dag, 'build', { template: TemplateRef.to(ciTemplates.build), arguments: { parameters: { revision } } })
 * @see https://argo-workflows.readthedocs.io/en/latest/workflow-templates/#referencing-other-workflowtemplates
 */
export class TemplateRef {
  /** A template of a WorkflowTemplate or ClusterWorkflowTemplate construct of this app. */
  static to(template: Template): TemplateRef {
    checkArguments('TemplateRef.to', [['template', template, required(TEMPLATE)]]);
    return new TemplateRef(undefined, template.name, undefined, template);
  }

  /**
   * A template deployed outside this app.
   * @param workflowTemplate the WorkflowTemplate's (or ClusterWorkflowTemplate's) name
   * @param template the template's name within it
   * @param clusterScope whether it is a ClusterWorkflowTemplate @default false
   */
  static named(workflowTemplate: string, template: string, clusterScope?: boolean): TemplateRef {
    checkArguments('TemplateRef.named', [['workflowTemplate', workflowTemplate, required(STRING)], ['template', template, required(STRING)],
      ['clusterScope', clusterScope, BOOLEAN]]);
    return new TemplateRef(workflowTemplate, template, clusterScope);
  }

  private constructor(
    /** The WorkflowTemplate's name, when not a construct. */
    public readonly workflowTemplate: string | undefined,
    /** The template's name. */
    public readonly templateName: string,
    /** Whether the named template is cluster-scoped. */
    public readonly clusterScope: boolean | undefined,
    /** The referenced template, when it is a construct of this app. */
    public readonly template?: Template,
  ) {}
}
