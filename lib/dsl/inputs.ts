import type { ValueFrom as IValueFrom } from '../../imports/argo-workflows';
import { parameterNameProblem } from '../argo-spec/names';
import { arrayOf, checkArguments, object, PropsGuard, required, STRING } from '../guards';
import { UserError } from '../user-error';
import { ArtifactFields, ARTIFACT_FIELDS_PROPS } from './artifact';
import { IReferenceable, ITemplateIo, Reference } from './reference';
import { Valued, Value, VALUE } from './value';

/** Props of {@link InputParameter}. */
export interface InputParameterProps {
  /** Used when the caller passes no value. @default - required */
  readonly default?: Value;
  /** A fixed value; the caller cannot override it. @default - from the caller */
  readonly value?: Value;
  /** The values a caller may pass. @default - any */
  readonly enum?: readonly Value[];
  /** What the input means. @default - none */
  readonly description?: string;
  /** Read the value at run time, e.g. from a ConfigMap key (`valueFrom.configMapKeyRef`). @default - from the caller */
  readonly valueFrom?: Valued<IValueFrom>;
}

/**
 * An input parameter of a template (Argo `inputs.parameters[]`). Pass it in the template's `inputs`, and use the
 * object itself wherever the template's body needs the value: it compiles to `{{inputs.parameters.<name>}}`.
 *
 * @example
 * const message = new InputParameter('message');
 * new ContainerTemplate(pipeline, 'print', { inputs: [message], image: 'busybox:1.36', args: ['echo', message] });
 * @see https://argo-workflows.readthedocs.io/en/latest/walk-through/parameters/
 */
export class InputParameter implements IReferenceable, ITemplateIo {
  public readonly direction = 'inputs' as const;
  public readonly type = 'parameters' as const;
  public readonly reference: Reference;
  public readonly default?: Value;
  public readonly value?: Value;
  public readonly enum?: readonly Value[];
  public readonly description?: string;
  public readonly valueFrom?: Valued<IValueFrom>;

  constructor(public readonly name: string, props: InputParameterProps = {}) {
    checkIoName(name, 'InputParameter');
    INPUT_PARAMETER_PROPS.checkAt(`InputParameter '${name}'`, props);
    this.reference = { kind: 'io', io: this };
    this.default = props.default;
    this.value = props.value;
    this.enum = props.enum;
    this.description = props.description;
    this.valueFrom = props.valueFrom;
  }
}

/**
 * An input artifact of a template (Argo `inputs.artifacts[]`): a file or folder placed at `path` before the
 * container starts, from the caller or from a location given here. `artifact.path` compiles to
 * `{{inputs.artifacts.<name>.path}}`; the object itself to `{{inputs.artifacts.<name>}}` (to pass it on).
 *
 * @example new InputArtifact('source', { path: '/src', git: { repo: 'https://github.com/argoproj/argo-workflows.git', revision: 'main' } })
 */
export class InputArtifact implements IReferenceable, ITemplateIo {
  public readonly direction = 'inputs' as const;
  public readonly type = 'artifacts' as const;
  public readonly reference: Reference;
  /** `{{inputs.artifacts.<name>.path}}`: where the artifact is in the container. */
  public readonly path: IReferenceable;

  constructor(public readonly name: string, public readonly fields: ArtifactFields = {}) {
    checkIoName(name, 'InputArtifact');
    ARTIFACT_FIELDS_PROPS.checkAt(`InputArtifact '${name}'`, fields);
    this.reference = { kind: 'io', io: this };
    this.path = { reference: { kind: 'io', io: this, field: 'path' } };
  }
}

/** Throws unless `name` is a valid Argo parameter or artifact name. */
export function checkIoName(name: string, what: string): void {
  checkArguments(what, [['name', name, required(STRING)]]);
  const problem = parameterNameProblem(name);
  if (problem) throw new UserError(`${what} ${JSON.stringify(name)}: the name ${problem} (Argo's rule for parameter and artifact names)`);
}

/** Checks the props of an {@link InputParameter}. */
export const INPUT_PARAMETER_PROPS = new PropsGuard<InputParameterProps>('InputParameterProps', {
  default: VALUE, value: VALUE, enum: arrayOf(VALUE), description: STRING, valueFrom: object('an Argo ValueFrom'),
});
