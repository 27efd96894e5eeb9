import { Construct } from 'constructs';
import { CONTAINER_STEP_GUARDS, ContainerStep, ContainerStepProps } from '../dsl/container-step';
import { Value } from '../dsl/value';
import { instanceOf, PropsGuard } from '../guards';

/** The image that writes `inputPath` values to files before a KFP component's container starts. */
export const KFP_INPUT_WRITER_IMAGE = 'busybox:1.36';

/** Where a KFP component step's `inputPath` files live (an emptyDir shared with the init container). */
export const KFP_INPUTS_DIR = '/tmp/inputs';

/** Props of {@link KfpComponentStep}. */
export interface KfpComponentStepProps extends ContainerStepProps {
  /** Files under {@link KFP_INPUTS_DIR} the component reads (`inputPath`), path -> content. @default - none */
  readonly inputFiles?: ReadonlyMap<string, Value>;
}

/**
 * The step a {@link KfpComponent} makes: its container, plus, for `inputPath` inputs, an init container that writes
 * each value to its file (KFP passes such inputs as files; kfops passes parameters).
 */
export class KfpComponentStep extends ContainerStep {
  /** Files the init container writes, path -> content. */
  public readonly inputFiles: ReadonlyMap<string, Value>;

  constructor(scope: Construct, id: string, props: KfpComponentStepProps) {
    KFP_COMPONENT_STEP_PROPS.check(scope, id, props, new.target === KfpComponentStep);
    const { inputFiles, ...stepProps } = props;
    super(scope, id, stepProps);
    this.inputFiles = inputFiles ?? new Map();
    if (this.inputFiles.size > 0) {
      this.pod.addVolume({ name: 'kfp-inputs', emptyDir: {} });
      this.pod.addVolumeMount({ name: 'kfp-inputs', mountPath: KFP_INPUTS_DIR });
      const paths = [...this.inputFiles.keys()];
      // Values arrive as positional arguments ($1, $2, ...), so no value is ever parsed by the shell.
      const script = ['set -e', ...paths.map((p, i) => `mkdir -p "$(dirname '${p}')" && printf '%s' "$${i + 1}" > '${p}'`)].join('\n');
      this.pod.addInitContainer({
        name: 'kfp-inputs',
        image: KFP_INPUT_WRITER_IMAGE,
        command: ['sh', '-c', script, 'kfp-inputs'],
        args: [...this.inputFiles.values()],
        mirrorVolumeMounts: true,
      });
    }
  }
}

/** Checks the props of a {@link KfpComponentStep}. */
export const KFP_COMPONENT_STEP_PROPS = new PropsGuard<KfpComponentStepProps>('KfpComponentStepProps',
  { ...CONTAINER_STEP_GUARDS, inputFiles: instanceOf(Map, 'a Map of paths to values') });
