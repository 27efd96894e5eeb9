import { append } from '../../../append';
import { isRecord } from '../../object-index';
import { suggestName } from '../../../suggest-name';
import { error, Violation } from '../../violation';
import { joinPath } from '../argo/template-tags';
import { containerViolations } from './container-rules';
import { podSecurityContextViolations } from './security-context-rules';
import { dns1123Label } from '../../../k8s-spec/name-rules';
import { ContainerAt, containersOf, indexed, PodSpecAt } from './pod-specs';
import { pvcSpecViolations } from './pvc-rules';

/**
 * The API server's checks of one pod spec: at least one container, each with an image; container names unique across containers,
 * init and ephemeral containers; volume names DNS labels, unique, each with at most one source; every volume
 * mount and device naming a declared volume, mount paths unique in a container, sub-paths relative; and each
 * container's own checks.
 *
 * @see https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/core/validation/validation.go
 *   (ValidatePodSpec, validateContainers, validateInitContainers, ValidateVolumes, validateVolumeSource,
 *   ValidateVolumeMounts, ValidateVolumeDevices)
 */
export function podSpecViolations(pod: PodSpecAt): Violation[] {
  const out: Violation[] = [];
  if (Array.isArray(pod.spec.containers) && pod.spec.containers.length === 0) {
    out.push(error(joinPath(pod.path, 'containers'), 'k8s/containers', 'the pod has no containers', 'add at least one container'));
  }
  const containers = containersOf(pod);
  append(out, duplicateNames(containers));
  const volumes = volumeNames(pod, out);
  for (const at of containers) {
    // The published schema leaves image optional (for config tools to fill in); the API server does not.
    const image = at.container.image;
    if (image === undefined || image === null || image === '') {
      out.push(error(joinPath(at.path, 'image'), 'k8s/containers', `container ${typeof at.container.name === 'string' ? `"${at.container.name}" ` : ''}has no image`, 'set image, e.g. "registry.example.com/app:1.2.3"'));
    }
    append(out, containerViolations(at));
    append(out, mountViolations(at, volumes));
  }
  append(out, podSecurityContextViolations(pod.spec.securityContext, joinPath(pod.path, 'securityContext')));
  return out;
}

function duplicateNames(containers: readonly ContainerAt[]): Violation[] {
  const seen = new Map<string, string>();
  const out: Violation[] = [];
  for (const { container, path } of containers) {
    const name = container.name;
    if (typeof name !== 'string' || name === '') continue;
    const first = seen.get(name);
    if (first === undefined) seen.set(name, path);
    else out.push(error(joinPath(path, 'name'), 'k8s/container-name', `container name "${name}" is already used by ${first}`, 'give every container of the pod (init containers included) its own name'));
  }
  return out;
}

/** Checks the pod's volumes; returns their names. */
function volumeNames(pod: PodSpecAt, out: Violation[]): Set<string> {
  const names = new Set<string>();
  for (const [volume, i] of indexed(pod.spec.volumes)) {
    const at = `${joinPath(pod.path, 'volumes')}[${i}]`;
    const name = volume.name;
    if (typeof name === 'string' && name !== '') {
      const problem = dns1123Label(name);
      if (problem) out.push(error(joinPath(at, 'name'), 'k8s/volume', `volume name "${name}" ${problem}`, 'rename it, e.g. lowercase with \'-\''));
      if (names.has(name)) out.push(error(joinPath(at, 'name'), 'k8s/volume', `volume name "${name}" is used by an earlier volume too`, 'give each volume its own name'));
      names.add(name);
    }
    // A volume with no source is an emptyDir (SetDefaults_Volume), so only several sources are wrong.
    const sources = Object.keys(volume).filter((key) => key !== 'name' && volume[key] !== null && volume[key] !== undefined);
    if (sources.length > 1) {
      out.push(error(at, 'k8s/volume', `volume ${typeof name === 'string' ? `"${name}" ` : ''}has ${sources.length} sources (${sources.join(', ')})`, 'keep exactly one; use a projected volume to combine ConfigMaps, Secrets and the downward API'));
    }
    const claim = isRecord(volume.ephemeral) && isRecord(volume.ephemeral.volumeClaimTemplate) ? volume.ephemeral.volumeClaimTemplate.spec : undefined;
    if (isRecord(claim)) append(out, pvcSpecViolations(claim, `${at}.ephemeral.volumeClaimTemplate.spec`));
  }
  for (const name of pod.claimVolumes ?? []) names.add(name);
  return names;
}

function mountViolations({ container, path }: ContainerAt, volumes: ReadonlySet<string>): Violation[] {
  const out: Violation[] = [];
  const paths = new Map<string, number>();
  for (const [list, pathField] of [['volumeMounts', 'mountPath'], ['volumeDevices', 'devicePath']] as const) {
    for (const [mount, i] of indexed(container[list])) {
      const at = `${joinPath(path, list)}[${i}]`;
      const name = mount.name;
      if (typeof name === 'string' && name !== '' && !name.includes('{{') && !volumes.has(name)) {
        const close = suggestName(name, volumes);
        out.push(error(joinPath(at, 'name'), 'k8s/volume-mount', `${list}[${i}] names volume "${name}", which the pod does not declare`,
          close ? `did you mean "${close}"?` : volumes.size > 0 ? `use one of: ${[...volumes].join(', ')}` : `add a volume named "${name}" to the pod's volumes`));
      }
      const mountPath = mount[pathField];
      if (typeof mountPath === 'string' && list === 'volumeMounts') {
        if (paths.has(mountPath)) out.push(error(joinPath(at, pathField), 'k8s/volume-mount', `mountPath "${mountPath}" is already used by volumeMounts[${paths.get(mountPath)}] of this container`, 'mount each volume at its own path'));
        else paths.set(mountPath, i);
      }
      for (const sub of ['subPath', 'subPathExpr']) {
        const value = mount[sub];
        if (typeof value !== 'string' || value === '') continue;
        if (value.startsWith('/')) out.push(error(joinPath(at, sub), 'k8s/volume-mount', `${sub} "${value}" is an absolute path`, 'use a path relative to the volume\'s root'));
        else if (value.split('/').includes('..')) out.push(error(joinPath(at, sub), 'k8s/volume-mount', `${sub} "${value}" contains '..'`, 'use a path inside the volume, without \'..\''));
      }
    }
  }
  return out;
}
