import { Construct } from 'constructs';
import { CONTAINER_STEP_GUARDS, ContainerStep, ContainerStepProps } from '../dsl/container-step';
import { Value, VALUE } from '../dsl/value';
import { omit, PropsGuard, required, STRING } from '../guards';

/** The image of the seed's Cloud ML Engine deploy component. */
export const CMLE_IMAGE = 'gcr.io/google-samples/ml-pipeline-cmle-op';

/**
 * The Cloud ML Engine model the seed's deploy component creates versions under. The component takes no model-name
 * flag, so this is what it deploys to, not a setting.
 */
export const CMLE_MODEL_NAME = 'taxifare';

/** Props of {@link CmleDeploy}. */
export interface CmleDeployProps extends Omit<ContainerStepProps, 'image' | 'args'> {
  /** The exported SavedModel to deploy (`gs://.../export/<model>`). */
  readonly gcsPath: Value;
  /** The version to create under the model: letters, digits and '_', starting with a letter; see {@link cmleVersionName}. */
  readonly versionName: Value;
  /** GCP project of the model. */
  readonly project: Value;
  /** The component's image. @default CMLE_IMAGE */
  readonly image?: string;
}

/** Deploys a trained model as a new version of {@link CMLE_MODEL_NAME} on Cloud ML Engine online prediction (the seed's `cmleop` steps). */
export class CmleDeploy extends ContainerStep {
  constructor(scope: Construct, id: string, props: CmleDeployProps) {
    CMLE_DEPLOY_PROPS.check(scope, id, props, new.target === CmleDeploy);
    const { gcsPath, versionName, project, image, ...stepProps } = props;
    super(scope, id, {
      ...stepProps,
      image: image ?? CMLE_IMAGE,
      args: ['--gcs-path', gcsPath, '--version-name', versionName, '--project', project],
    });
  }
}

/** Checks the props of a {@link CmleDeploy}. */
export const CMLE_DEPLOY_PROPS = new PropsGuard<CmleDeployProps>('CmleDeployProps', {
  ...omit(CONTAINER_STEP_GUARDS, ['image', 'args']),
  gcsPath: required(VALUE),
  versionName: required(VALUE),
  project: required(VALUE),
  image: STRING,
});
