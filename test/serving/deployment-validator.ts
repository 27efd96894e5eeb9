import { execFileSync } from 'child_process';
import * as path from 'path';

// kubernetes-models is an ES module, which jest's CommonJS runtime cannot load; its validators run in a child node.
const SCRIPT = `
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
let text = '';
process.stdin.on('data', (d) => { text += d; });
process.stdin.on('end', () => {
  const verdicts = JSON.parse(text).map((o) => {
    try { new Deployment(o).validate(); return ''; } catch (e) { return String(e.message); }
  });
  process.stdout.write(JSON.stringify(verdicts));
});
`;

/** Validates each object with kubernetes-models' `apps/v1` Deployment validator; '' for a valid one, else the error. */
export function deploymentErrors(objects: unknown[]): string[] {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', SCRIPT], {
    cwd: path.join(__dirname, '../..'),
    input: JSON.stringify(objects),
  });
  return JSON.parse(out.toString());
}
