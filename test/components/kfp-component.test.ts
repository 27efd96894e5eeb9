import * as path from 'path';
import { ContainerStep, fmt, Pipeline, WorkflowVariables } from '../../lib';
import { KfpComponent } from '../../lib/components';
import { synthChart, task, template, validationErrors, workflowSpec } from '../helpers/synth-chart';

const FIXTURE = path.join(__dirname, '../fixtures/components/component.yaml');

describe('KfpComponent', () => {
  test('loads name, inputs with types and defaults, outputs and the container', () => {
    const c = KfpComponent.fromFile(FIXTURE);
    expect(c.name).toBe('Train taxi model');
    expect(c.image).toBe('gcr.io/example/taxi-trainer:1.2.0');
    expect(c.inputs).toEqual([
      { name: 'Transformed data', type: 'GCSPath', description: 'Folder of transformed examples', optional: false },
      { name: 'Train steps', type: 'Integer', default: '1000', optional: false },
      { name: 'Schema', type: 'String', optional: false },
      { name: 'Learning rate', type: 'Float', optional: true },
    ]);
    expect(c.outputs).toEqual([{ name: 'Model path', type: 'GCSPath' }, { name: 'Metrics' }]);
  });

  test('round trip: component.yaml -> step -> Argo template with args, input files and outputs', () => {
    const spec = workflowSpec(synthChart((chart) => {
      const p = new Pipeline(chart, 'p');
      const dir = p.addParameter('working-dir', { default: 'gs://bucket' });
      const train = KfpComponent.fromFile(FIXTURE).step(p, 'train', {
        inputs: { 'Transformed data': fmt`${dir}/${WorkflowVariables.name}/tft`, 'Schema': 'feature: {name: "fare"}' },
      });
      new ContainerStep(p, 'deploy', { image: 'deployer:1', args: ['--model', train.output('model-path')] });
    }));
    const t = template(spec, 'train');
    expect(t.container.image).toBe('gcr.io/example/taxi-trainer:1.2.0');
    expect(t.container.command).toEqual(['python3', '/app/train.py']);
    expect(t.container.args).toEqual([
      '--data', '{{inputs.parameters.working-dir}}/{{workflow.name}}/tft',
      '--steps', '1000',
      '--schema-file', '/tmp/inputs/schema/data',
      '--model-path=/tmp/outputs/model-path/data',
      '--metrics', '/tmp/outputs/metrics/data',
    ]);
    expect(t.outputs.parameters).toEqual([
      { name: 'model-path', valueFrom: { path: '/tmp/outputs/model-path/data' } },
      { name: 'metrics', valueFrom: { path: '/tmp/outputs/metrics/data' } },
    ]);
    expect(t.initContainers).toEqual([{
      name: 'kfp-inputs',
      image: 'busybox:1.36',
      command: ['sh', '-c', "set -e\nmkdir -p \"$(dirname '/tmp/inputs/schema/data')\" && printf '%s' \"$1\" > '/tmp/inputs/schema/data'", 'kfp-inputs'],
      args: ['feature: {name: "fare"}'],
      mirrorVolumeMounts: true,
    }]);
    expect(t.volumes).toEqual([{ name: 'kfp-inputs', emptyDir: {} }]);
    expect(t.container.volumeMounts).toEqual([{ name: 'kfp-inputs', mountPath: '/tmp/inputs' }]);
    expect(task(spec, 'deploy').dependencies).toEqual(['train']);
    expect(task(spec, 'deploy').arguments.parameters).toEqual([{ name: 'train-model-path', value: '{{tasks.train.outputs.parameters.model-path}}' }]);
  });

  test('if/isPresent adds the optional flag only when the input is given', () => {
    const spec = workflowSpec(synthChart((chart) => {
      const p = new Pipeline(chart, 'p');
      KfpComponent.fromFile(FIXTURE).step(p, 'train', { inputs: { 'Transformed data': 'gs://d', 'Schema': 's', 'Learning rate': 0.1 } });
    }));
    expect(template(spec, 'train').container.args.slice(-2)).toEqual(['--learning-rate', '0.1']);
  });

  test.each([
    ['name: x\nimplementation: {container: {command: [a]}}', 'component.yaml: implementation.container.image is missing'],
    ['name: x\nimplementation: {graph: {}}', 'component.yaml: implementation.container is missing (only container components are supported; graph components are not)'],
    ['implementation: {container: {image: i}}', 'component.yaml: name is missing'],
    ['name: x\ninputs: [{type: String}]\nimplementation: {container: {image: i}}', 'component.yaml: inputs[0].name is missing'],
    ['name: x\ninputs: {a: 1}\nimplementation: {container: {image: i}}', 'component.yaml: inputs must be a list'],
    ['name: x\nimplementation: {container: {image: i, args: [{inputValue: nope}]}}', "component.yaml: implementation.container.args[0].inputValue names 'nope', which is not an input (inputs: none)"],
    ['name: x\noutputs: [{name: o}]\nimplementation: {container: {image: i, args: [{outputPath: p}]}}', "implementation.container.args[0].outputPath names 'p', which is not an output (outputs: o)"],
    ['name: x\nimplementation: {container: {image: i, args: [{inputUri: a}]}}', "implementation.container.args[0] has the unsupported placeholder 'inputUri'"],
    ['name: x\ninputs: [{name: a}, {name: a}]\nimplementation: {container: {image: i}}', "component.yaml: inputs has two entries named 'a'"],
    ['name: x\ninputs: [{name: Data}, {name: data}]\nimplementation: {container: {image: i}}', "component.yaml: inputs has two entries named 'data' (compared lowercased"],
    ['name: [x', 'component.yaml: not valid YAML'],
  ])('rejects a bad component file: %s', (text, message) => {
    expect(() => KfpComponent.fromYaml(text)).toThrow(message);
  });

  test('a missing file is a user error naming it', () => {
    expect(() => KfpComponent.fromFile('/nonexistent/component.yaml')).toThrow('/nonexistent/component.yaml: cannot read the component file');
  });

  test('step errors: unknown inputs and required inputs without value', () => {
    const c = KfpComponent.fromFile(FIXTURE);
    expect(() => validationErrors((chart) => c.step(new Pipeline(chart, 'p'), 'train', { inputs: { Data: 'x' } })))
      .toThrow("[test/p/train] " + FIXTURE + ": component 'Train taxi model' has no input 'Data'");
    expect(() => validationErrors((chart) => c.step(new Pipeline(chart, 'p'), 'train', { inputs: { Schema: 's' } })))
      .toThrow("[test/p/train] " + FIXTURE + ": input 'Transformed data' of component 'Train taxi model' has no value and no default");
  });
});
