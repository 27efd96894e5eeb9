import { Chart, Testing } from 'cdk8s';
import * as kfops from '../../lib';
import {
  cmleVersionName, Condition, ContainerStep, Depends, deployEnvironments, EnvVarSource, expr, fmt, KfpComponent, Loop, Pipeline, PipelineBase, runDir,
  SecretKey, TemplateRef, useGcpSecret, UserError, WorkflowVariables,
} from '../../lib';

// Every function and static factory pipeline code calls checks its arguments: a wrong one from JavaScript (or a
// cast) is a UserError naming the function and the argument, never a TypeError or a value rendered from garbage.
// The public exports are enumerated, so a new function or factory fails here until it is in the table.

/** The CLI and the library functions over synthesized files: they take the CLI's options, not pipeline code's values. */
const NOT_PIPELINE_CODE = [
  'main', 'synthCommand', 'validateCommand', 'checkCommand', 'diffCommand', 'graphCommand', 'publishCommand', 'initCommand', 'importCommand',
  'validateManifests', 'formatReport', 'publish', 'isUserError',
  // lib/synth's (another area): the entry point of an app file, which runs the user's define function.
  'KfopsApp.main',
];
/** Static methods TypeScript keeps private (JavaScript still sees them). */
const PRIVATE = ['Condition.compare'];

const W = 7 as never;
const step = () => new ContainerStep(new Pipeline(new Chart(Testing.app(), 'dev'), 'taxi'), 's', { image: 'busybox:1.36' });

/** Each function: a call with a wrong argument, and how its message starts. */
const CALLS: Record<string, readonly [() => unknown, string]> = {
  fmt: [() => fmt`a${{} as never}`, '[fmt] value 1 must be'],
  expr: [() => expr(W), '[expr] expression must be a string, got the number 7'],
  runDir: [() => runDir({} as never, 'x'), '[runDir] workingDir must be'],
  'PipelineBase.of': [() => PipelineBase.of(W), '[PipelineBase.of] construct must be a construct'],
  useGcpSecret: [() => useGcpSecret(W), '[useGcpSecret] secretName must be a string'],
  cmleVersionName: [() => cmleVersionName(W), '[cmleVersionName] suffix must be a string'],
  deployEnvironments: [() => deployEnvironments(W, W), '[deployEnvironments] app must be'],
  'Condition.equals': [() => Condition.equals({} as never, 'a'), '[Condition.equals] left must be'],
  'Condition.notEquals': [() => Condition.notEquals('a', [] as never), '[Condition.notEquals] right must be'],
  'Condition.greaterThan': [() => Condition.greaterThan(W, undefined as never), '[Condition.greaterThan] right is required'],
  'Condition.greaterOrEqual': [() => Condition.greaterOrEqual(undefined as never, 1), '[Condition.greaterOrEqual] left is required'],
  'Condition.lessThan': [() => Condition.lessThan(1, {} as never), '[Condition.lessThan] right must be'],
  'Condition.lessOrEqual': [() => Condition.lessOrEqual(1, {} as never), '[Condition.lessOrEqual] right must be'],
  'Condition.all': [() => Condition.all("a == 'b'" as never), '[Condition.all] conditions[0] must be a Condition'],
  'Condition.any': [() => Condition.any(W), '[Condition.any] conditions[0] must be a Condition'],
  'Condition.branches': [() => Condition.branches(W), '[Condition.branches] conditions[0] must be a Condition'],
  'Loop.overItems': [() => Loop.overItems('us' as never), '[Loop.overItems] items must be an array'],
  'Loop.overJson': [() => Loop.overJson({} as never), '[Loop.overJson] list must be'],
  'Loop.overSequence': [() => Loop.overSequence({ count: {} } as never), '[Loop.overSequence] sequence.count must be'],
  'Depends.on': [() => Depends.on('train' as never), '[Depends.on] task must be a step or task'],
  'Depends.result': [() => Depends.result(step(), 'Done' as never), '[Depends.result] result must be one of'],
  'Depends.succeeded': [() => Depends.succeeded(W), '[Depends.result] task must be a step or task'],
  'Depends.failed': [() => Depends.failed(W), '[Depends.result] task must be a step or task'],
  'Depends.errored': [() => Depends.errored(W), '[Depends.result] task must be a step or task'],
  'Depends.skipped': [() => Depends.skipped(W), '[Depends.result] task must be a step or task'],
  'Depends.omitted': [() => Depends.omitted(W), '[Depends.result] task must be a step or task'],
  'Depends.daemoned': [() => Depends.daemoned(W), '[Depends.result] task must be a step or task'],
  'Depends.anySucceeded': [() => Depends.anySucceeded(W), '[Depends.result] task must be a step or task'],
  'Depends.allFailed': [() => Depends.allFailed(W), '[Depends.result] task must be a step or task'],
  'Depends.all': [() => Depends.all(W), '[Depends] operand must be'],
  'Depends.any': [() => Depends.any(W), '[Depends] operand must be'],
  'Depends.not': [() => Depends.not(W), '[Depends] operand must be'],
  'SecretKey.of': [() => SecretKey.of('api', W), '[SecretKey.of] key must be a string'],
  'EnvVarSource.configMapKey': [() => EnvVarSource.configMapKey(W, 'k'), '[EnvVarSource.configMapKey] name must be a string'],
  'EnvVarSource.field': [() => EnvVarSource.field(W), '[EnvVarSource.field] fieldPath must be a string'],
  'EnvVarSource.of': [() => EnvVarSource.of('x' as never), '[EnvVarSource.of] source must be'],
  'TemplateRef.to': [() => TemplateRef.to('echo' as never), '[TemplateRef.to] template must be'],
  'TemplateRef.named': [() => TemplateRef.named('shared', W), '[TemplateRef.named] template must be a string'],
  'KfpComponent.fromFile': [() => KfpComponent.fromFile(W), '[KfpComponent.fromFile] file must be a string'],
  'KfpComponent.fromYaml': [() => KfpComponent.fromYaml(W), '[KfpComponent.fromYaml] text must be a string'],
  'KfpComponent.outputName': [() => KfpComponent.outputName(W), '[KfpComponent.outputName] name must be a string'],
  'WorkflowVariables.label': [() => WorkflowVariables.label(W), '[WorkflowVariables.label] key must be a string'],
  'WorkflowVariables.annotation': [() => WorkflowVariables.annotation(W), '[WorkflowVariables.annotation] key must be a string'],
  'WorkflowVariables.parameter': [() => WorkflowVariables.parameter(W), '[WorkflowVariables.parameter] name must be a string'],
  'WorkflowVariables.outputParameter': [() => WorkflowVariables.outputParameter(W), '[WorkflowVariables.outputParameter] name must be a string'],
  'WorkflowVariables.outputArtifact': [() => WorkflowVariables.outputArtifact(W), '[WorkflowVariables.outputArtifact] name must be a string'],
};

const isClass = (f: Function) => /^class\b/.test(Function.prototype.toString.call(f));

/** The public functions: exported functions that are not classes, and the static methods of exported classes. */
function publicFunctions(): string[] {
  return Object.entries(kfops).flatMap(([name, value]) => {
    if (typeof value !== 'function') return [];
    if (!isClass(value)) return [name];
    return Object.getOwnPropertyNames(value).filter((k) => typeof (value as unknown as Record<string, unknown>)[k] === 'function')
      .map((k) => `${name}.${k}`);
  }).filter((name) => !NOT_PIPELINE_CODE.includes(name) && !PRIVATE.includes(name));
}

test('every public function and static factory is in the table', () => {
  expect(publicFunctions().filter((name) => !(name in CALLS)).sort()).toEqual([]);
  expect(Object.keys(CALLS).filter((name) => !publicFunctions().includes(name))).toEqual([]);
  const exported = kfops as unknown as Record<string, Record<string, unknown>>;
  expect(PRIVATE.filter((name) => typeof exported[name.split('.')[0]]?.[name.split('.')[1]] !== 'function')).toEqual([]);
});

test.each(Object.entries(CALLS))('%s', (_name, [call, message]) => {
  let error: unknown;
  try {
    call();
  } catch (err) {
    error = err;
  }
  expect(error).toBeInstanceOf(UserError);
  expect((error as Error).message.startsWith(message) ? message : (error as Error).message).toBe(message);
});
