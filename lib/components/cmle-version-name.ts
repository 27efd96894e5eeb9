import { WorkflowVariable } from '../dsl/workflow-variables';
import { fmt, Value } from '../dsl/value';
import { checkArguments, STRING } from '../guards';
import { UserError } from '../user-error';

/**
 * The run's name made a valid Cloud ML Engine version name (letters, digits and underscores, starting with a
 * letter): an Argo expression that turns every other character into `_` and prefixes `v` when the name starts with
 * a digit. The first 8 characters of the run's UID follow, since runs can share a name (the on-sync hook has a fixed
 * one) and a CMLE version name can be used once: `workflow1-x7k2p` -> `workflow1_x7k2p_3f2a9c1b`.
 *
 * @see https://cloud.google.com/ai-platform/prediction/docs/reference/rest/v1/projects.models.versions
 * @see https://argo-workflows.readthedocs.io/en/latest/variables/#expression
 */
export const RUN_VERSION_NAME = new WorkflowVariable(
  "=sprig.regexReplaceAll('[^a-zA-Z0-9_]', (workflow.name matches '^[a-zA-Z]' ? '' : 'v') + workflow.name + '_' + sprig.substr(0, 8, workflow.uid), '_')",
);

/**
 * A CMLE version name for this run, distinct per deploy step: the run's name made valid ({@link RUN_VERSION_NAME}),
 * plus `_<suffix>` when given, so two deploys of one run (the seed's `cmleop` and `cmleop2`) never collide.
 *
 * @param suffix letters, digits and underscores @default - none
 * @example new CmleDeploy(pipeline, 'cmleop2', { versionName: cmleVersionName('2'), ... })
 */
export function cmleVersionName(suffix?: string): Value {
  checkArguments('cmleVersionName', [['suffix', suffix, STRING]]);
  if (suffix === undefined) return RUN_VERSION_NAME;
  if (!/^[a-zA-Z0-9_]+$/.test(suffix)) {
    throw new UserError(`CMLE version name suffix ${JSON.stringify(suffix)} may only hold letters, digits and '_' (CMLE version names allow nothing else)`);
  }
  return fmt`${RUN_VERSION_NAME}_${suffix}`;
}
