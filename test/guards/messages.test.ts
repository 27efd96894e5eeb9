import { Chart, Duration, Testing } from 'cdk8s';
import {
  Condition, ContainerStep, ContainerTemplate, cmleVersionName, DagTemplate, Depends, EnvVarSource, fmt, InputParameter, Loop, Pipeline,
  PipelineProps, ResourceAction, ResourceStep, runDir, SecretKey, TemplateRef, TfServingStep, useGcpSecret, UserError,
} from '../../lib';

function setup() {
  const chart = new Chart(Testing.app(), 'dev', { namespace: 'kubeflow' });
  const pipeline = new Pipeline(chart, 'taxi');
  const mode = pipeline.addParameter('mode', { default: 'full' });
  return { chart, pipeline, mode };
}

/** The message of the UserError `make` throws; fails on any other outcome. */
function userError(make: () => unknown): string {
  try {
    make();
  } catch (err) {
    if (err instanceof UserError) return err.message;
    throw err;
  }
  throw new Error('no error');
}

// What JavaScript callers (and TypeScript callers who cast) see for the wrong-shaped props of issue 13.
const untyped = (props: Record<string, unknown>) => props as never;

describe('wrong-shaped props are UserErrors in the house style', () => {
  test.each<[string, (s: ReturnType<typeof setup>) => unknown, string]>([
    ['a when written as a string', ({ pipeline }) => new ContainerStep(pipeline, 'train', untyped({ image: 'busybox:1.36', when: "mode == 'full'" })),
      "[dev/taxi/train] when must be a Condition built from a parameter or output (e.g. mode.eq('full')), got the string \"mode == 'full'\"; "
      + 'an expression of your own is written with fmt, e.g. fmt`${flip.result} == heads`'],
    ['a forEach given the list itself', ({ pipeline }) => new ContainerStep(pipeline, 'train', untyped({ image: 'busybox:1.36', forEach: ['us', 'eu'] })),
      "[dev/taxi/train] forEach must be a Loop (e.g. Loop.overItems(['us', 'eu'])), got an array ([\"us\",\"eu\"]); "
      + 'make one with Loop.overItems (a list), Loop.overJson (a JSON list known at run time) or Loop.overSequence'],
    ['an object among the args', ({ pipeline }) => new ContainerStep(pipeline, 'train', untyped({ image: 'busybox:1.36', args: ['--x', { a: 1 }] })),
      '[dev/taxi/train] args[1] must be a string, number or boolean, or a parameter, output, loop item or fmt`...` string, got an object ({"a":1})'],
    ['a serving step without its model', ({ pipeline }) => new TfServingStep(pipeline, 'serve', untyped({ modelBasePath: 'gs://b/m' })),
      '[dev/taxi/serve] modelName is required (a string, number or boolean, or a parameter, output, loop item or fmt`...` string)'],
    ['a misspelt prop', ({ pipeline }) => new ContainerStep(pipeline, 'train', untyped({ image: 'busybox:1.36', retyr: { limit: 2 } })),
      "[dev/taxi/train] unknown prop 'retyr' (did you mean 'retry'?)"],
    ['a misspelt nested prop', ({ pipeline }) => new ContainerStep(pipeline, 'train', untyped({ image: 'busybox:1.36', resources: { cpu: { requests: '1' } } })),
      "[dev/taxi/train] unknown prop 'resources.cpu.requests' (did you mean 'resources.cpu.request'?)"],
    ['a prop no construct has', ({ pipeline }) => new ContainerStep(pipeline, 'train', untyped({ image: 'busybox:1.36', colour: 'blue' })),
      "[dev/taxi/train] unknown prop 'colour' (ContainerStepProps has no such prop; remove it)"],
    ['an enum value in the wrong case', ({ pipeline }) => new ContainerStep(pipeline, 'train', untyped({ image: 'busybox:1.36', retry: { policy: 'onFailure' } })),
      '[dev/taxi/train] retry.policy must be one of "Always", "OnFailure", "OnError", "OnTransientError" (RetryPolicy), got the string "onFailure"; did you mean "OnFailure"?'],
    ['a number where a Duration goes', ({ pipeline }) => new ContainerStep(pipeline, 'train', untyped({ image: 'busybox:1.36', timeout: 3600 })),
      '[dev/taxi/train] timeout must be a Duration (e.g. Duration.minutes(30)), got the number 3600'],
    ['after() given a name', ({ pipeline }) => new ContainerStep(pipeline, 'train', untyped({ image: 'busybox:1.36', after: ['prep'] })),
      '[dev/taxi/train] after[0] must be a step of this pipeline, got the string "prep"'],
    ['props that are not an object', ({ pipeline }) => new ContainerStep(pipeline, 'train', 'busybox:1.36' as never),
      '[dev/taxi/train] props must be ContainerStepProps (an object), got the string "busybox:1.36"'],
    ['no props at all', ({ pipeline }) => new ContainerStep(pipeline, 'train', undefined as never),
      "[dev/taxi/train] image is required (an image reference such as 'gcr.io/my-project/trainer:1.4.0', or a parameter or input holding one)"],
    ['a pipeline with a wrong kind', ({ chart }) => new Pipeline(chart, 'p', untyped({ kind: 'Workflows' })),
      '[dev/p] kind must be one of "WorkflowTemplate", "ClusterWorkflowTemplate", "Workflow", "CronWorkflow" (WorkflowKind), got the string "Workflows"; did you mean "Workflow"?'],
    ['a resource step with its manifest as a list', ({ pipeline }) => new ResourceStep(pipeline, 'r', untyped({ action: ResourceAction.CREATE, manifest: [{}] })),
      '[dev/taxi/r] manifest must be YAML text, or the Kubernetes object itself, got an array ([{}])'],
  ])('%s', (_what, make, message) => {
    expect(userError(() => make(setup()))).toBe(message);
  });

  test('what is wrong with the scope and id is said too', () => {
    expect(userError(() => new ContainerStep(undefined as never, 'train', { image: 'busybox:1.36' })))
      .toBe('ContainerStep: the scope (first argument) must be a construct, e.g. a Chart or a Pipeline, got undefined');
    expect(userError(() => new ContainerStep(setup().pipeline, 7 as never, { image: 'busybox:1.36' })))
      .toBe('[dev/taxi] the id of a ContainerStep (second argument) must be a string, got the number 7');
  });
});

describe('the functions users call check their arguments', () => {
  test.each<[string, (s: ReturnType<typeof setup>) => unknown, string]>([
    ['Loop.overItems with one item', () => Loop.overItems('us' as never), '[Loop.overItems] items must be an array of items, got the string "us"'],
    ['Loop.overSequence with a number', () => Loop.overSequence(3 as never), '[Loop.overSequence] sequence must be a Sequence object, got the number 3'],
    ['Condition.equals on an object', ({ mode }) => mode.eq({ a: 1 } as never),
      '[Condition.equals] right must be a string, number or boolean, or a parameter, step output or loop item, got an object ({"a":1})'],
    ['and() with a string', ({ mode }) => mode.eq('a').and("mode == 'b'" as never),
      "[Condition.all] conditions[1] must be a Condition built from a parameter or output (e.g. mode.eq('full')), got the string \"mode == 'b'\""],
    ['Depends on a name', () => Depends.succeeded('train' as never), '[Depends.result] task must be a step or task, got the string "train"'],
    ['SecretKey.of without its key', () => SecretKey.of('api', undefined as never), '[SecretKey.of] key is required (a string)'],
    ['EnvVarSource.field with a number', () => EnvVarSource.field(3 as never), '[EnvVarSource.field] fieldPath must be a string, got the number 3'],
    ['TemplateRef.to a name', () => TemplateRef.to('echo' as never),
      '[TemplateRef.to] template must be a template or step of this app (e.g. a ContainerTemplate), got the string "echo"'],
    ['fmt with an undefined value', () => fmt`gs://${undefined as never}/data`,
      '[fmt] value 1 must be a string, number or boolean, or a parameter, output, loop item or fmt`...` string, got undefined'],
    ['runDir with a folder that is a number', ({ mode }) => runDir(mode, 'tf', 2 as never), '[runDir] folder 2 must be a string, got the number 2'],
    ['useGcpSecret with a number', () => useGcpSecret(1 as never), '[useGcpSecret] secretName must be a string, got the number 1'],
    ['cmleVersionName with a number', () => cmleVersionName(2 as never), '[cmleVersionName] suffix must be a string, got the number 2'],
    ['after() given a name', ({ pipeline }) => new ContainerStep(pipeline, 'train', { image: 'busybox:1.36' }).after('prep' as never),
      '[dev/taxi/train] after() argument 1 must be a step of this pipeline, got the string "prep"'],
    ['apply() given something that is not a pod option', ({ pipeline }) => new ContainerStep(pipeline, 'train', { image: 'busybox:1.36' }).apply('gcp' as never),
      '[dev/taxi/train] apply() argument 1 must be a pod option (a function such as useGcpSecret()), got the string "gcp"'],
    ['a pod option that adds an env var of the wrong kind', ({ pipeline }) => new ContainerStep(pipeline, 'train', { image: 'busybox:1.36' })
      .apply((pod) => pod.addEnv('TOKEN', { secret: 'api' } as never)),
    '[dev/taxi/train] env.TOKEN must be a string, number or boolean, a parameter, output or fmt`...` string, SecretKey.of(secret, key) or an EnvVarSource, '
      + 'got an object ({"secret":"api"})'],
    ['onExit() given a name', ({ pipeline }) => pipeline.onExit('notify' as never),
      '[dev/taxi] onExit() handler must be a template or step of this app (e.g. a ContainerTemplate), got the string "notify"'],
    ['addParameter() with a number', ({ pipeline }) => pipeline.addParameter(3 as never), '[dev/taxi] addParameter() name must be a string, got the number 3'],
    ['addHook() without a template', ({ pipeline }) => pipeline.addHook('exit', {} as never),
      "[dev/taxi] hooks.exit.template is required (a template of this app or a TemplateRef (e.g. TemplateRef.named('shared', 'train')))"],
    ['addInput() given a name', ({ pipeline }) => new ContainerTemplate(pipeline, 't', { image: 'busybox:1.36' }).addInput('message' as never),
      "[dev/taxi/t] addInput() input must be an InputParameter or InputArtifact (e.g. new InputParameter('message')), got the string \"message\""],
    ['an InputParameter with a wrong default', () => new InputParameter('message', { default: { text: 'hi' } as never }),
      "[InputParameter 'message'] default must be a string, number or boolean, or a parameter, output, loop item or fmt`...` string, got an object ({\"text\":\"hi\"})"],
  ])('%s', (_what, make, message) => {
    expect(userError(() => make(setup()))).toBe(message);
  });
});

describe('what the guards let through', () => {
  test('a when of your own, written with fmt, and a Condition', () => {
    const { pipeline, mode } = setup();
    const flip = new ContainerStep(pipeline, 'flip', { image: 'busybox:1.36' });
    expect(() => new ContainerStep(pipeline, 'a', { image: 'busybox:1.36', when: fmt`${flip.result} == heads` })).not.toThrow();
    expect(() => new ContainerStep(pipeline, 'b', { image: 'busybox:1.36', when: Condition.all(mode.eq('full'), mode.ne('x')) })).not.toThrow();
  });

  test('optional props given as undefined, as a spread of optional values writes them; not values under names of your own', () => {
    const { pipeline } = setup();
    expect(() => new ContainerStep(pipeline, 'a', { image: 'busybox:1.36', retry: undefined, resources: { cpu: '1', memory: undefined } })).not.toThrow();
    // e.g. env: { TOKEN: process.env.TOKEN } where TOKEN is unset
    expect(userError(() => new ContainerStep(pipeline, 'b', { image: 'busybox:1.36', env: { A: 'x', B: undefined as never } })))
      .toMatch(/^\[dev\/taxi\/b\] env\.B must be .*, got undefined$/);
  });

  test('a subclass passes props of its own on: only its base class\'s props are checked, and no unknown prop is reported', () => {
    interface NotifyProps extends PipelineProps {
      readonly channel: string;
    }
    class Notified extends Pipeline {
      constructor(scope: Chart, id: string, props: NotifyProps) {
        super(scope, id, props);
      }
    }
    const { chart } = setup();
    expect(() => new Notified(chart, 'n', { channel: '#ml', ttl: { afterCompletion: Duration.days(1) } })).not.toThrow();
    expect(userError(() => new Notified(chart, 'm', { channel: '#ml', ttl: 86400 as never })))
      .toBe('[dev/m] ttl must be a Ttl object, got the number 86400');
  });

  test('Depends takes any object with a name, as IDependable declares (synth checks that it names a task)', () => {
    const { pipeline } = setup();
    const dag = new DagTemplate(pipeline, 'main');
    expect(() => Depends.on({ name: 'B' })).not.toThrow();
    expect(dag.tasks).toEqual([]);
  });
});
