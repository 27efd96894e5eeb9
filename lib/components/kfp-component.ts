import * as fs from 'fs';
import { Construct } from 'constructs';
import { toDnsLabel } from '../k8s-spec/names';
import { ContainerResources, RESOURCES } from '../dsl/container-resources';
import { ENV_VALUE, EnvValue } from '../dsl/env-var-source';
import { STEP_PROPS_GUARDS, StepProps } from '../dsl/step';
import { Concat, Value, VALUE } from '../dsl/value';
import { checkArguments, constructPath, PropsGuard, recordOf, required, STRING } from '../guards';
import { isManifestReadError, parseYamlFile } from '../manifest';
import { UserError } from '../user-error';
import { KFP_INPUTS_DIR, KfpComponentStep } from './kfp-component-step';

/** Where KFP v1 components write `outputPath` outputs; kfops reads each file as the step's output parameter. */
export const KFP_OUTPUTS_DIR = '/tmp/outputs';

/** An input of a KFP component (`inputs[]`). */
export interface KfpInput {
  readonly name: string;
  /** The KFP type name, e.g. `String`, `Integer`, `GCSPath`. @default - untyped */
  readonly type?: string;
  readonly description?: string;
  /** Used when the step passes no value. @default - required, unless optional */
  readonly default?: string;
  /** The component runs without it (only `if: {isPresent}` placeholders read it then). @default false */
  readonly optional: boolean;
}

/** An output of a KFP component (`outputs[]`). */
export interface KfpOutput {
  readonly name: string;
  readonly type?: string;
  readonly description?: string;
}

/** A command-line placeholder of a KFP component, as in `implementation.container.command` / `args`. */
export type KfpPlaceholder =
  | { readonly kind: 'literal'; readonly value: string }
  | { readonly kind: 'inputValue' | 'inputPath' | 'outputPath'; readonly name: string }
  | { readonly kind: 'concat'; readonly parts: readonly KfpPlaceholder[] }
  | { readonly kind: 'if'; readonly isPresent: string; readonly then: readonly KfpPlaceholder[]; readonly else: readonly KfpPlaceholder[] };

/** Options of {@link KfpComponent.step}. */
export interface KfpComponentStepOptions extends StepProps {
  /** Values of the component's inputs, by the component's input names. @default - the inputs' defaults */
  readonly inputs?: Readonly<Record<string, Value>>;
  /** Environment variables of the container. @default - none */
  readonly env?: Readonly<Record<string, EnvValue>>;
  /** CPU, memory and GPU. @default - none (the namespace's defaults) */
  readonly resources?: ContainerResources;
}

/**
 * A KFP v1 component (`component.yaml`: name, inputs, outputs, `implementation.container`) turned into a step
 * factory, so existing KFP components run in kfops pipelines. `inputValue` placeholders become the values passed,
 * `inputPath` inputs are written to files under `/tmp/inputs/<input>/data` before the container starts, and each
 * `outputPath` output is read from `/tmp/outputs/<output>/data` as the step's output parameter named after the
 * output (made a DNS label: `Model path` -> `model-path`). `concat` and `if: {cond: {isPresent}}` are supported.
 *
 * @example
 * const trainer = KfpComponent.fromFile('components/train/component.yaml');
 * const train = trainer.step(pipeline, 'train', { inputs: { 'Train steps': trainSteps } });
 * new ContainerStep(pipeline, 'next', { image: 'busybox:1.36', args: [train.output('model-path')] });
 * @see https://www.kubeflow.org/docs/components/pipelines/v1/reference/component-spec/
 */
export class KfpComponent {
  /** Loads a component from its `component.yaml`; errors name the file and the field. */
  static fromFile(file: string): KfpComponent {
    checkArguments('KfpComponent.fromFile', [['file', file, required(STRING)]]);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      throw new UserError(`${file}: cannot read the component file: ${(err as Error).message}`);
    }
    return KfpComponent.fromYaml(text, file);
  }

  /** Parses a component from YAML text; `source` names it in errors. */
  static fromYaml(text: string, source: string = 'component.yaml'): KfpComponent {
    checkArguments('KfpComponent.fromYaml', [['text', text, required(STRING)], ['source', source, STRING]]);
    let doc: unknown;
    try {
      // KFP reads component.yaml with PyYAML (YAML 1.1), as kfops' reader reads YAML.
      doc = parseYamlFile(text, source);
    } catch (err) {
      if (!isManifestReadError(err)) throw err;
      throw new UserError(`${source}: not valid YAML: ${err.line === undefined ? '' : `line ${err.line}${err.column === undefined ? '' : `:${err.column}`}: `}${err.problem} (${err.fix})`);
    }
    return new KfpComponent(doc, source);
  }

  public readonly name: string;
  public readonly description?: string;
  public readonly inputs: readonly KfpInput[];
  public readonly outputs: readonly KfpOutput[];
  public readonly image: string;
  public readonly command: readonly KfpPlaceholder[];
  public readonly args: readonly KfpPlaceholder[];

  private constructor(doc: unknown, private readonly source: string) {
    const root = this.object(doc, '(document)');
    this.name = this.string(root.name, 'name');
    this.description = root.description === undefined ? undefined : this.string(root.description, 'description');
    this.inputs = this.list(root.inputs, 'inputs').map((raw, i) => {
      const o = this.object(raw, `inputs[${i}]`);
      const type = this.optionalType(o.type, `inputs[${i}].type`);
      return {
        name: this.string(o.name, `inputs[${i}].name`),
        ...(type && { type }),
        ...(o.description !== undefined && { description: String(o.description) }),
        ...(o.default !== undefined && o.default !== null && { default: this.scalar(o.default, `inputs[${i}].default`) }),
        optional: o.optional === true,
      };
    });
    this.outputs = this.list(root.outputs, 'outputs').map((raw, i) => {
      const o = this.object(raw, `outputs[${i}]`);
      const type = this.optionalType(o.type, `outputs[${i}].type`);
      return {
        name: this.string(o.name, `outputs[${i}].name`),
        ...(type && { type }),
        ...(o.description !== undefined && { description: String(o.description) }),
      };
    });
    // Input files and output paths are named by the DNS-label form, so names must differ in that form too.
    this.checkUnique(this.inputs.map((x) => toDnsLabel(x.name)), 'inputs');
    this.checkUnique(this.outputs.map((x) => toDnsLabel(x.name)), 'outputs');
    const implementation = this.object(root.implementation, 'implementation');
    if (implementation.container === undefined) {
      throw this.error('implementation.container', `is missing (only container components are supported${implementation.graph ? '; graph components are not' : ''})`);
    }
    const container = this.object(implementation.container, 'implementation.container');
    if (container.image === undefined) throw this.error('implementation.container.image', 'is missing');
    this.image = this.string(container.image, 'implementation.container.image');
    this.command = this.list(container.command, 'implementation.container.command').map((p, i) => this.placeholder(p, `implementation.container.command[${i}]`));
    this.args = this.list(container.args, 'implementation.container.args').map((p, i) => this.placeholder(p, `implementation.container.args[${i}]`));
  }

  /** The output parameter name a step of this component gives the KFP output `name`. */
  static outputName(name: string): string {
    checkArguments('KfpComponent.outputName', [['name', name, required(STRING)]]);
    return toDnsLabel(name);
  }

  /** Creates a step running this component, with `options.inputs` as its input values. */
  step(scope: Construct, id: string, options: KfpComponentStepOptions = {}): KfpComponentStep {
    KFP_COMPONENT_STEP_OPTIONS.checkAt(constructPath(scope, id, 'KfpComponentStep'), options);
    const given = options.inputs ?? {};
    const unknown = Object.keys(given).filter((k) => !this.inputs.some((i) => i.name === k));
    if (unknown.length > 0) {
      throw new UserError(`[${scope.node.path}/${id}] ${this.source}: component '${this.name}' has no input '${unknown[0]}' `
        + `(inputs: ${this.inputs.map((i) => i.name).join(', ') || 'none'})`);
    }
    const inputFiles = new Map<string, Value>();
    const fileOutputs: Record<string, string> = {};
    const resolve = (p: KfpPlaceholder): Value[] => {
      switch (p.kind) {
        case 'literal':
          return [p.value];
        case 'inputValue':
        case 'inputPath': {
          const value = this.inputValue(p.name, given, `${scope.node.path}/${id}`);
          if (p.kind === 'inputValue') return [value];
          const path = `${KFP_INPUTS_DIR}/${toDnsLabel(p.name)}/data`;
          inputFiles.set(path, value);
          return [path];
        }
        case 'outputPath': {
          const name = KfpComponent.outputName(p.name);
          const path = `${KFP_OUTPUTS_DIR}/${name}/data`;
          fileOutputs[name] = path;
          return [path];
        }
        case 'concat': {
          const parts = p.parts.flatMap(resolve).flatMap((v) => (v instanceof Concat ? v.parts : [v]));
          return [new Concat(parts)];
        }
        default: {
          const present = Object.hasOwn(given, p.isPresent) || this.inputs.find((i) => i.name === p.isPresent)?.default !== undefined;
          return (present ? p.then : p.else).flatMap(resolve);
        }
      }
    };
    const command = this.command.flatMap(resolve);
    const args = this.args.flatMap(resolve);
    const { inputs: _inputs, ...stepProps } = options;
    return new KfpComponentStep(scope, id, {
      ...stepProps,
      image: this.image,
      ...(command.length > 0 && { command }),
      args,
      fileOutputs,
      inputFiles,
    });
  }

  private inputValue(name: string, given: Readonly<Record<string, Value>>, path: string): Value {
    if (Object.hasOwn(given, name)) return given[name];
    const input = this.inputs.find((i) => i.name === name)!;
    if (input.default !== undefined) return input.default;
    throw new UserError(`[${path}] ${this.source}: input '${name}' of component '${this.name}' has no value and no default; `
      + `pass it with inputs: { '${name}': ... }`);
  }

  private placeholder(raw: unknown, field: string): KfpPlaceholder {
    if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean') return { kind: 'literal', value: String(raw) };
    const o = this.object(raw, field);
    const keys = Object.keys(o);
    if (keys.length !== 1) throw this.error(field, `must be a string or one placeholder, got keys ${keys.join(', ') || '(none)'}`);
    const key = keys[0];
    switch (key) {
      case 'inputValue':
      case 'inputPath': {
        const name = this.string(o[key], `${field}.${key}`);
        if (!this.inputs.some((i) => i.name === name)) {
          throw this.error(`${field}.${key}`, `names '${name}', which is not an input (inputs: ${this.inputs.map((i) => i.name).join(', ') || 'none'})`);
        }
        return { kind: key, name };
      }
      case 'outputPath': {
        const name = this.string(o[key], `${field}.${key}`);
        if (!this.outputs.some((x) => x.name === name)) {
          throw this.error(`${field}.${key}`, `names '${name}', which is not an output (outputs: ${this.outputs.map((x) => x.name).join(', ') || 'none'})`);
        }
        return { kind: key, name };
      }
      case 'concat':
        return { kind: 'concat', parts: this.list(o.concat, `${field}.concat`).map((p, i) => this.placeholder(p, `${field}.concat[${i}]`)) };
      case 'if': {
        const branch = this.object(o.if, `${field}.if`);
        const cond = this.object(branch.cond, `${field}.if.cond`);
        if (typeof cond.isPresent !== 'string') throw this.error(`${field}.if.cond`, 'supports only {isPresent: <input name>}');
        if (!this.inputs.some((i) => i.name === cond.isPresent)) {
          throw this.error(`${field}.if.cond.isPresent`, `names '${cond.isPresent}', which is not an input`);
        }
        const arm = (value: unknown, name: string) =>
          this.list(value, `${field}.if.${name}`).map((p, i) => this.placeholder(p, `${field}.if.${name}[${i}]`));
        return { kind: 'if', isPresent: cond.isPresent, then: arm(branch.then, 'then'), else: arm(branch.else, 'else') };
      }
      default:
        throw this.error(field, `has the unsupported placeholder '${key}' (supported: inputValue, inputPath, outputPath, concat, if)`);
    }
  }

  private optionalType(raw: unknown, field: string): string | undefined {
    if (raw === undefined || raw === null) return undefined;
    // KFP types may also be objects such as {GCSPath: {data_type: CSV}}; the outer name is the type.
    const name = typeof raw === 'string' ? raw : typeof raw === 'object' ? Object.keys(raw as object)[0] : undefined;
    if (name === undefined) throw this.error(field, `must be a type name, got ${JSON.stringify(raw)}`);
    return name;
  }

  private checkUnique(names: string[], field: string): void {
    const seen = new Set<string>();
    for (const name of names) {
      if (seen.has(name)) throw this.error(field, `has two entries named '${name}' (compared lowercased, other characters as '-'); names must be unique`);
      seen.add(name);
    }
  }

  private object(raw: unknown, field: string): Record<string, unknown> {
    if (raw === undefined || raw === null) throw this.error(field, 'is missing');
    if (typeof raw !== 'object' || Array.isArray(raw)) throw this.error(field, `must be a mapping, got ${JSON.stringify(raw)}`);
    return raw as Record<string, unknown>;
  }

  private list(raw: unknown, field: string): unknown[] {
    if (raw === undefined || raw === null) return [];
    if (!Array.isArray(raw)) throw this.error(field, `must be a list, got ${JSON.stringify(raw)}`);
    return raw;
  }

  private string(raw: unknown, field: string): string {
    if (raw === undefined || raw === null) throw this.error(field, 'is missing');
    if (typeof raw !== 'string' || raw === '') throw this.error(field, `must be a non-empty string, got ${JSON.stringify(raw)}`);
    return raw;
  }

  private scalar(raw: unknown, field: string): string {
    if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
    throw this.error(field, `must be a string, number or boolean, got ${JSON.stringify(raw)}`);
  }

  private error(field: string, problem: string): UserError {
    return new UserError(`${this.source}: ${field} ${problem}`);
  }
}

/** Checks the options of {@link KfpComponent.step}. */
export const KFP_COMPONENT_STEP_OPTIONS = new PropsGuard<KfpComponentStepOptions>('KfpComponentStepOptions',
  { ...STEP_PROPS_GUARDS, inputs: recordOf(VALUE), env: recordOf(ENV_VALUE), resources: RESOURCES });
