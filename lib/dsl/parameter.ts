import { Construct } from 'constructs';
import { anyOf, arrayOf, BOOLEAN, enumOf, NUMBER, object, OptionalGuard, PropsGuard, STRING } from '../guards';
import { parameterNameProblem } from '../argo-spec/names';
import { UserError } from '../user-error';
import { Condition, Operand } from './condition';
import type { ValueFrom as IValueFrom } from '../../imports/argo-workflows';
import { IParameterSource, IReferenceable, Reference } from './reference';
import { userPattern, UserPattern } from '../user-pattern';

/** Types a pipeline parameter can have; the values are the JSON Schema type names (ENUM is a string). */
export enum ParameterType {
  STRING = 'string',
  INTEGER = 'integer',
  NUMBER = 'number',
  BOOLEAN = 'boolean',
  /** A string restricted to `enum` values. */
  ENUM = 'enum',
}

/** A parameter's value; Argo passes every parameter as a string. */
export type ParameterValue = string | number | boolean;

/** Props of {@link Parameter}. */
export interface ParameterProps {
  /** The value's type. @default ParameterType.STRING */
  readonly type?: ParameterType;
  /** The default value; a parameter without one must be given when a run is submitted. @default - required */
  readonly default?: ParameterValue;
  /** What the parameter means, shown in the Argo UI and in params-file errors. @default - none */
  readonly description?: string;
  /** Smallest allowed value (INTEGER, NUMBER). @default - no minimum */
  readonly minimum?: number;
  /** Largest allowed value (INTEGER, NUMBER). @default - no maximum */
  readonly maximum?: number;
  /** Regular expression a STRING value must match (JSON Schema / ECMA syntax). @default - any string */
  readonly pattern?: string;
  /** Allowed values; required for ENUM. @default - any value of the type */
  readonly enum?: readonly ParameterValue[];
  /** Read the value when the run starts, e.g. from a ConfigMap key (Argo `valueFrom.configMapKeyRef`). @default - the value */
  readonly valueFrom?: IValueFrom;
}

/** JSON Schema of one parameter's value, as params files are validated against. */
export interface ParameterSchema {
  readonly type: 'string' | 'integer' | 'number' | 'boolean';
  readonly description?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly pattern?: string;
  readonly enum?: readonly ParameterValue[];
}


/**
 * A typed pipeline parameter (KFP `PipelineParam`, Argo `spec.arguments.parameters[]`). Its construct id is its
 * name (`param:<name>` for names Object.prototype has, which the constructs library's child map would see). Pass the parameter object itself into a step's args or env; it compiles to the right Argo reference.
 *
 * @see https://argo-workflows.readthedocs.io/en/latest/walk-through/parameters/
 */
export class Parameter extends Construct implements IReferenceable, IParameterSource {
  /** The parameter's name, as in Argo and in params files. */
  public readonly name: string;
  public readonly type: ParameterType;
  public readonly description?: string;
  public readonly minimum?: number;
  public readonly maximum?: number;
  public readonly pattern?: string;
  /** {@link pattern}, compiled once */
  private readonly compiledPattern?: UserPattern;
  public readonly enum?: readonly ParameterValue[];
  public readonly valueFrom?: IValueFrom;
  public readonly reference: Reference;
  private value?: ParameterValue;

  constructor(scope: Construct, id: string, props: ParameterProps = {}) {
    PARAMETER_PROPS.check(scope, id, props, new.target === Parameter);
    super(scope, id in Object.prototype ? `param:${id}` : id);
    this.name = id;
    this.type = props.type ?? ParameterType.STRING;
    this.description = props.description;
    this.minimum = props.minimum;
    this.maximum = props.maximum;
    this.pattern = props.pattern;
    this.enum = props.enum;
    this.valueFrom = props.valueFrom;
    this.reference = { kind: 'parameter', parameter: this };
    if (parameterNameProblem(id) !== undefined) {
      throw this.error(`invalid parameter name '${id}' (use letters, digits, '-' and '_')`);
    }
    if (this.type === ParameterType.ENUM && (!props.enum || props.enum.length === 0)) {
      throw this.error(`an ENUM parameter needs 'enum' (the allowed values)`);
    }
    if (props.pattern !== undefined) {
      try {
        this.compiledPattern = userPattern(props.pattern);
      } catch (err) {
        throw this.error(`pattern ${JSON.stringify(props.pattern)} is not a valid regular expression: ${(err as Error).message}`);
      }
    }
    if (props.default !== undefined) this.setValue(props.default, 'default');
  }

  /** The value runs get when none is given: the environment's override, else the declared default. */
  get default(): ParameterValue | undefined {
    return this.value;
  }

  /**
   * Overrides the default value, e.g. with an environment's params file; the value is checked against the type
   * and constraints.
   */
  setValue(value: ParameterValue, source: string = 'value'): void {
    const problem = this.checkValue(value);
    if (problem) throw this.error(`${source} ${JSON.stringify(value)} ${problem}`);
    this.value = value;
  }

  /** Why `value` is not acceptable, or undefined when it is. */
  checkValue(value: unknown): string | undefined {
    const schema = this.toJsonSchema();
    switch (schema.type) {
      case 'integer':
        if (typeof value !== 'number' || !Number.isInteger(value)) return `is not an integer (type ${this.type})`;
        break;
      case 'number':
        if (typeof value !== 'number' || !Number.isFinite(value)) return `is not a number (type ${this.type})`;
        break;
      case 'boolean':
        if (typeof value !== 'boolean') return `is not true or false (type ${this.type})`;
        break;
      default:
        if (typeof value !== 'string') return `is not a string (type ${this.type}); quote it`;
    }
    if (this.minimum !== undefined && (value as number) < this.minimum) return `is below the minimum ${this.minimum}`;
    if (this.maximum !== undefined && (value as number) > this.maximum) return `is above the maximum ${this.maximum}`;
    if (this.compiledPattern !== undefined && !this.compiledPattern.test(value as string)) {
      return `does not match the pattern ${JSON.stringify(this.pattern)}`;
    }
    if (this.enum !== undefined && !this.enum.includes(value as ParameterValue)) {
      return `is not one of ${this.enum.map((v) => JSON.stringify(v)).join(', ')}`;
    }
    return undefined;
  }

  /** The JSON Schema params files are validated against for this parameter (the default is in the arguments). */
  toJsonSchema(): ParameterSchema {
    return {
      type: this.type === ParameterType.ENUM ? 'string' : this.type,
      ...(this.description !== undefined && { description: this.description }),
      ...(this.minimum !== undefined && { minimum: this.minimum }),
      ...(this.maximum !== undefined && { maximum: this.maximum }),
      ...(this.pattern !== undefined && { pattern: this.pattern }),
      ...(this.enum !== undefined && { enum: this.enum }),
    };
  }

  /** Condition: this parameter equals `value`. */
  eq(value: Operand): Condition { return Condition.equals(this, value); }
  /** Condition: this parameter differs from `value`. */
  ne(value: Operand): Condition { return Condition.notEquals(this, value); }
  /** Condition: this parameter is greater than `value`. */
  gt(value: Operand): Condition { return Condition.greaterThan(this, value); }
  /** Condition: this parameter is less than `value`. */
  lt(value: Operand): Condition { return Condition.lessThan(this, value); }

  private error(message: string): UserError {
    return new UserError(`[${this.node.path}] ${message}`);
  }
}

/** Guards a {@link ParameterValue}. */
export const PARAMETER_VALUE: OptionalGuard = anyOf([STRING, NUMBER, BOOLEAN], 'a string, number or boolean');

/** Checks the props of a {@link Parameter}. */
export const PARAMETER_PROPS = new PropsGuard<ParameterProps>('ParameterProps', {
  type: enumOf(ParameterType, 'ParameterType'),
  default: PARAMETER_VALUE,
  description: STRING,
  minimum: NUMBER,
  maximum: NUMBER,
  pattern: STRING,
  enum: arrayOf(PARAMETER_VALUE),
  valueFrom: object("an Argo ValueFrom (e.g. { configMapKeyRef: { name, key } })"),
});
