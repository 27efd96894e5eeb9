import { execFileSync } from 'child_process';

/** True when `kubectl` runs here: tests that render with `kubectl kustomize` run only then. */
export const hasKubectl: boolean = (() => {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
