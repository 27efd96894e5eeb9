/**
 * The file, at the top of a synth output folder, that maps each object to the construct that made it: cdk8s
 * writes it when validation plugins run, KfopsApp always, and `kfops synth` makes sure every output it swaps in
 * has one. It holds no manifest; it marks a folder as one synth made.
 */
export const CONSTRUCT_METADATA_FILE = 'construct-metadata.json';

/** The file KfopsApp writes in each environment folder, listing its manifests for kustomize and Argo CD. */
export const KUSTOMIZATION_FILE = 'kustomization.yaml';

/**
 * The names kustomize reads as a folder's kustomization (it tries them in this order).
 * @see https://kubectl.docs.kubernetes.io/references/kustomize/glossary/#kustomization-root
 */
export const KUSTOMIZATION_FILE_NAMES: readonly string[] = [KUSTOMIZATION_FILE, 'kustomization.yml', 'Kustomization'];

/** True when `file` (a path with `/` or the platform's separators, or a bare name) is a kustomization by its name. */
export function isKustomizationFile(file: string): boolean {
  // Asked of every object validated, and by more than one check: compared in place, without cutting the name out.
  for (const name of KUSTOMIZATION_FILE_NAMES) {
    if (!file.endsWith(name)) continue;
    const before = file.length - name.length - 1;
    if (before < 0 || file[before] === '/' || file[before] === '\\') return true;
  }
  return false;
}

/** True when `object`, read from `file`, is a kustomization: by the file's name (kustomize lets it omit apiVersion and kind), or by kustomize's apiVersion. */
export function isKustomization(file: string, object: { readonly kind?: unknown; readonly apiVersion?: unknown }): boolean {
  return isKustomizationFile(file) || (object.kind === 'Kustomization' && String(object.apiVersion).startsWith('kustomize.config.k8s.io/'));
}
