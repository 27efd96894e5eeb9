import type { ValueFrom as IValueFrom } from '../../imports/argo-workflows';
import { arrayOf, object, PropsGuard, STRING } from '../guards';
import { ArtifactFields, ARTIFACT_FIELDS_PROPS } from './artifact';
import { checkIoName } from './inputs';
import { IReferenceable, ITemplateIo, Reference } from './reference';
import { Valued, Value, VALUE } from './value';

/** Props of {@link OutputParameter}. */
export interface OutputParameterProps {
  /**
   * Where Argo reads the value: a file (`path`), a child step's output (`parameter`, in DAG and steps templates), a
   * resource's field (`jsonPath`, `jqFilter`), an `expression`, a `default`, or `supplied` by a person (suspend).
   */
  readonly valueFrom?: Valued<IValueFrom>;
  /** Also publish the value as the workflow output `workflow.outputs.parameters.<globalName>`. @default - not published */
  readonly globalName?: string;
  /** What the output means. @default - none */
  readonly description?: string;
  /** The value, when fixed. @default - from `valueFrom` */
  readonly value?: Value;
  /** The value when `valueFrom` yields none (e.g. the file is missing, or the step was skipped). @default - none: an error */
  readonly default?: Value;
  /** The values a person may supply (suspend templates). @default - any */
  readonly enum?: readonly Value[];
}

/**
 * An output parameter of a template (Argo `outputs.parameters[]`). Callers read it with `task.output(name)`;
 * `output.path` compiles to `{{outputs.parameters.<name>.path}}` for the container to write to.
 *
 * @example new OutputParameter('hello-param', { valueFrom: { path: '/tmp/hello_world.txt' } })
 * @see https://argo-workflows.readthedocs.io/en/latest/walk-through/output-parameters/
 */
export class OutputParameter implements IReferenceable, ITemplateIo {
  public readonly direction = 'outputs' as const;
  public readonly type = 'parameters' as const;
  /** `{{outputs.parameters.<name>}}`: the value, once the template has run (e.g. in its metrics). */
  public readonly reference: Reference;
  /** `{{outputs.parameters.<name>.path}}`. */
  public readonly path: IReferenceable;
  public readonly valueFrom?: Valued<IValueFrom>;
  public readonly globalName?: string;
  public readonly description?: string;
  public readonly value?: Value;
  public readonly default?: Value;
  public readonly enum?: readonly Value[];

  constructor(public readonly name: string, props: OutputParameterProps = {}) {
    checkIoName(name, 'OutputParameter');
    OUTPUT_PARAMETER_PROPS.checkAt(`OutputParameter '${name}'`, props);
    this.reference = { kind: 'io', io: this };
    this.path = { reference: { kind: 'io', io: this, field: 'path' } };
    this.valueFrom = props.valueFrom;
    this.globalName = props.globalName;
    this.description = props.description;
    this.value = props.value;
    this.default = props.default;
    this.enum = props.enum;
  }
}

/**
 * An output artifact of a template (Argo `outputs.artifacts[]`): a file or folder the container leaves at `path`
 * (or, in DAG and steps templates, a child's artifact `from`), stored in the artifact repository or the location
 * given. Callers read it with `task.outputArtifact(name)`.
 *
 * @example new OutputArtifact('model', { path: '/tmp/model', archive: { none: {} } })
 */
export class OutputArtifact implements IReferenceable, ITemplateIo {
  public readonly direction = 'outputs' as const;
  public readonly type = 'artifacts' as const;
  /** `{{outputs.artifacts.<name>}}`. */
  public readonly reference: Reference;
  /** `{{outputs.artifacts.<name>.path}}`. */
  public readonly path: IReferenceable;

  constructor(public readonly name: string, public readonly fields: ArtifactFields = {}) {
    checkIoName(name, 'OutputArtifact');
    ARTIFACT_FIELDS_PROPS.checkAt(`OutputArtifact '${name}'`, fields);
    this.reference = { kind: 'io', io: this };
    this.path = { reference: { kind: 'io', io: this, field: 'path' } };
  }
}

/** Checks the props of an {@link OutputParameter}. */
export const OUTPUT_PARAMETER_PROPS = new PropsGuard<OutputParameterProps>('OutputParameterProps', {
  valueFrom: object("an Argo ValueFrom (e.g. { path: '/tmp/out' })"), globalName: STRING, description: STRING, value: VALUE, default: VALUE,
  enum: arrayOf(VALUE),
});
