import { Concat, fmt, Value, VALUE } from '../dsl/value';
import { checkArguments, checkEach, required, STRING } from '../guards';
import { WorkflowVariables } from '../dsl/workflow-variables';

/**
 * A folder of this run under the working directory: `<workingDir>/<run name>/<sub>`, so runs never overwrite each
 * other's outputs (the seed's `'%s/%s/tft-eval' % (working_dir, '{{workflow.name}}')`).
 */
export function runDir(workingDir: Value, ...sub: string[]): Concat {
  checkArguments('runDir', [['workingDir', workingDir, required(VALUE)]]);
  checkEach('runDir', sub, STRING, (i) => `folder ${i + 1}`);
  return fmt`${workingDir}/${WorkflowVariables.name}${sub.map((s) => `/${s}`).join('')}`;
}
