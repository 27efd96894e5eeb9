import { Inexpressible, TagScope, textCode } from '../../lib/import/references';

function scope(extra: Partial<TagScope> = {}): TagScope {
  return {
    parameters: new Map([['epochs', 'epochs']]),
    io: {
      inputParameters: new Map([['message', 'message']]),
      inputArtifacts: new Map([['data', 'data']]),
      outputParameters: new Map([['out', 'out']]),
      outputArtifacts: new Map(),
    },
    siblings: { prefix: 'tasks', vars: new Map([['train', 'train']]) },
    loop: 'shards',
    uses: new Set(),
    ...extra,
  };
}

describe('{{...}} tags as objects', () => {
  test.each([
    ['plain text', "'plain text'"],
    ['{{inputs.parameters.message}}', 'message'],
    ['{{inputs.artifacts.data.path}}/x', 'fmt`${data.path}/x`'],
    ['{{outputs.parameters.out.path}}', 'out.path'],
    ['{{workflow.parameters.epochs}}', 'epochs'],
    ['{{workflow.parameters.other}}', "WorkflowVariables.parameter('other')"],
    ['{{tasks.train.outputs.parameters.model}}', "train.output('model')"],
    ['{{tasks.train.outputs.artifacts.model}}', "train.outputArtifact('model')"],
    ['{{tasks.train.outputs.result}}', 'train.result'],
    ['{{tasks.train.exitCode}} {{tasks.train.status}}', 'fmt`${train.exitCode} ${train.status}`'],
    ['{{item}}', 'shards.item'],
    ['{{item.region}}', "shards.field('region')"],
    ['run {{workflow.name}} in {{workflow.namespace}}', 'fmt`run ${WorkflowVariables.name} in ${WorkflowVariables.namespace}`'],
    ['{{pod.name}}', 'WorkflowVariables.podName'],
    ['{{workflow.outputs.parameters.best}}', "WorkflowVariables.outputParameter('best')"],
    ['{{=asInt(inputs.parameters.n) + 1}}', "expr('asInt(inputs.parameters.n) + 1')"],
    ['{{lastRetry.exitCode}}', "new WorkflowVariable('lastRetry.exitCode')"],
    ['a `tick` and ${x} {{item}}', 'fmt`a \\`tick\\` and \\${x} ${shards.item}`'],
  ])('%j is %s', (text, code) => {
    expect(textCode(text, scope())).toBe(code);
  });

  test.each([
    ['{{inputs.parameters.nope}}', "names input parameter 'nope', which the template does not declare"],
    ['{{tasks.other.outputs.result}}', "names task 'other', which is not in reach"],
    ['{{steps.train.outputs.result}}', 'reads steps outside the steps that hold them'],
    ['{{ inputs.parameters.message }}', 'has spaces inside its braces'],
    ['{{tasks.train.outputs.weird}}', "reads 'outputs.weird' of task 'train', which kfops has no accessor for"],
  ])('%j cannot be expressed: %s', (text, reason) => {
    expect(() => textCode(text, scope())).toThrow(Inexpressible);
    expect(() => textCode(text, scope())).toThrow(reason);
  });

  test('an item outside a loop cannot be expressed', () => {
    expect(() => textCode('{{item}}', scope({ loop: undefined }))).toThrow('{{item}} is used outside a loop');
  });
});
