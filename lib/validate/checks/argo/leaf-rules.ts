import { reservedContainerNameSince } from '../../../argo-spec/names';
import { ManifestSchemas } from '../../check';
import { isRecord, records } from '../../object-index';
import { error, Violation, warning } from '../../violation';
import { releaseAtLeast } from '../release-at-least';
import { removedInV4 } from './argo-version';
import { findCycle } from './dag-graph';
import { checkNames, CONTAINER_NAMES, namedEntries } from './field-names';
import { schemasEnumerateResourceAction } from './schema-enums';
import { namesOf, TemplateInfo, templateLabel, WorkflowModel } from './workflow-model';

/** What the templates that run something need: images, mounts that do not collide, container sets that can run. */
export interface LeafContext {
  readonly model: WorkflowModel;
  /** the Argo version the cluster runs, when known */
  readonly argoVersion?: string;
  /** the schemas objects are validated against, when they are */
  readonly schemas?: ManifestSchemas;
}

/**
 * Container, script, containerSet and resource templates: an image (or one from `templateDefaults`), mount paths
 * and input artifact paths that do not collide, a containerSet with named containers, known dependencies and no
 * cycle, a `main` container when it has inputs or outputs to carry, no container named like Argo's own, and a
 * resource template with a known action and one manifest source; an http template with a url.
 *
 * Argo: `validateLeaf`, `ContainerSetTemplate.Validate`, `common.IsArgoSidecar`.
 */
export function leafRules(info: TemplateInfo, context: LeafContext): Violation[] {
  const { template, path } = info;
  const label = templateLabel(info);
  const violations: Violation[] = [];
  for (const type of ['container', 'script'] as const) {
    const body = template[type];
    if (!isRecord(body) || (typeof body.image === 'string' && body.image !== '') || context.model.defaultImage[type]) continue;
    violations.push(error(`${path}.${type}`, 'argo/image', `the ${type} of ${label} has no image`,
      `set ${type}.image, or spec.templateDefaults.${type}.image for every ${type} template`));
  }
  if (isRecord(template.container)) violations.push(...mountCollisions(template.container, info, true));
  if (isRecord(template.containerSet)) violations.push(...containerSetProblems(template.containerSet, info, context));
  records(template.sidecars).forEach((sidecar, i) => violations.push(...reservedName(sidecar.name, `${path}.sidecars[${i}].name`, label, context)));
  if (isRecord(template.resource)) violations.push(...resourceProblems(template.resource, info, context));
  // From v4 the schema requires it (an error there); before, nothing does until the agent runs the node.
  if (isRecord(template.http) && (typeof template.http.url !== 'string' || template.http.url === '')
    && !removedInV4(context)) {
    violations.push(warning(`${path}.http`, 'argo/http-url', `the http template ${label} has no url, so the node fails when the agent runs it`,
      'set http.url, e.g. "https://example.com/api"'));
  }
  return violations;
}

/** Each mount path once, and no input artifact put where a volume is mounted or another artifact goes. */
function mountCollisions(container: Record<string, unknown>, info: TemplateInfo, withArtifacts: boolean): Violation[] {
  const base = info.type === 'containerSet' ? `${info.path}.containerSet` : `${info.path}.container`;
  const taken = new Map<string, string>();
  const violations: Violation[] = [];
  const take = (mountPath: unknown, at: string, what: string) => {
    if (typeof mountPath !== 'string' || mountPath === '') return;
    const previous = taken.get(mountPath);
    if (previous !== undefined) {
      violations.push(error(at, 'argo/mount-path', `${what} uses path "${mountPath}", which ${previous} already uses`, 'give each volume mount and input artifact its own path'));
    } else {
      taken.set(mountPath, what);
    }
  };
  records(container.volumeMounts).forEach((m, i) => take(m.mountPath, `${base}.volumeMounts[${i}].mountPath`, `volume mount "${String(m.name)}"`));
  if (withArtifacts) {
    const inputs = isRecord(info.template.inputs) ? records(info.template.inputs.artifacts) : [];
    inputs.forEach((a, i) => take(a.path, `${info.path}.inputs.artifacts[${i}].path`, `input artifact "${String(a.name)}"`));
  }
  return violations;
}

function containerSetProblems(set: Record<string, unknown>, info: TemplateInfo, context: LeafContext): Violation[] {
  const label = templateLabel(info);
  const path = `${info.path}.containerSet`;
  const containers = records(set.containers);
  if (containers.length === 0) {
    return [error(`${path}.containers`, 'argo/container-set', `the containerSet of ${label} has no containers`, 'add at least one container')];
  }
  const violations = [
    ...checkNames(namedEntries(set.containers, `${path}.containers`), CONTAINER_NAMES, `the containerSet of ${label}`),
    ...mountCollisions(set, info, false),
  ];
  const names = namesOf(containers);
  const graph = new Map<string, string[]>();
  containers.forEach((c, i) => {
    const deps = Array.isArray(c.dependencies) ? c.dependencies.filter((d): d is string => typeof d === 'string') : [];
    if (typeof c.name === 'string') graph.set(c.name, deps);
    for (const dep of deps) {
      if (!names.includes(dep)) {
        violations.push(error(`${path}.containers[${i}].dependencies`, 'argo/container-set', `container "${String(c.name)}" depends on "${dep}", which the containerSet does not have`,
          `use one of: ${names.join(', ')}`));
      }
    }
    violations.push(...reservedName(c.name, `${path}.containers[${i}].name`, label, context));
  });
  const cycle = findCycle(graph);
  if (cycle) violations.push(error(`${path}.containers`, 'argo/container-set', `the containers depend on each other in a cycle: ${cycle.join(' -> ')}`, 'remove one of the dependencies along the cycle'));
  const inputs = isRecord(info.template.inputs) ? info.template.inputs : {};
  const outputs = isRecord(info.template.outputs) ? info.template.outputs : {};
  const carries = [records(inputs.artifacts), records(outputs.parameters), records(outputs.artifacts)].some((l) => l.length > 0);
  if (carries && !names.includes('main')) {
    violations.push(error(`${path}.containers`, 'argo/container-set', `${label} has input artifacts or outputs, which Argo moves through a container named "main", and none of its containers is`,
      'name the container that reads the inputs and writes the outputs "main"'));
  }
  return violations;
}

/** A container named like one of Argo's own: an error where the cluster's Argo reserves it, a warning where unknown. */
function reservedName(name: unknown, path: string, label: string, context: LeafContext): Violation[] {
  if (typeof name !== 'string') return [];
  const since = reservedContainerNameSince(name);
  if (since === undefined) return [];
  const message = `container "${name}" of ${label} has a name Argo reserves for its own containers${since === 'always' ? '' : ` (from Argo v${since})`}`;
  const fix = `rename it, e.g. "${name}-1"`;
  if (since === 'always' || releaseAtLeast(context.argoVersion, since) === true) return [error(path, 'argo/reserved-container-name', message, fix)];
  return releaseAtLeast(context.argoVersion, since) === undefined ? [warning(path, 'argo/reserved-container-name', message, fix)] : [];
}

const ACTIONS = ['get', 'create', 'apply', 'delete', 'replace', 'patch'];

/** A resource template: a known action, and for actions that send an object, exactly one of manifest and manifestFrom. */
function resourceProblems(resource: Record<string, unknown>, info: TemplateInfo, context: LeafContext): Violation[] {
  const path = `${info.path}.resource`;
  const label = templateLabel(info);
  const action = typeof resource.action === 'string' ? resource.action : '';
  // A templated action is known only at run time; where the schema enumerates the actions, it reports a bad one.
  if (!action.includes('{{') && !ACTIONS.includes(action) && !schemasEnumerateResourceAction(context.schemas)) {
    return [error(`${path}.action`, 'argo/resource-action', `${label} has action "${action}", which is not a kubectl action Argo runs`, `use one of: ${ACTIONS.join(', ')}`)];
  }
  if (action === 'get' || action === 'delete') return [];
  const manifest = typeof resource.manifest === 'string' && resource.manifest !== '';
  const from = isRecord(resource.manifestFrom);
  if (!manifest && !from) {
    return [error(path, 'argo/resource-manifest', `${label} (${action || 'templated action'}) has neither manifest nor manifestFrom`, 'set manifest to the object, or manifestFrom.artifact to an input artifact holding it')];
  }
  if (manifest && from) return [error(path, 'argo/resource-manifest', `${label} sets both manifest and manifestFrom`, 'keep one of them')];
  const artifact = from && isRecord((resource.manifestFrom as Record<string, unknown>).artifact) ? (resource.manifestFrom as Record<string, Record<string, unknown>>).artifact.name : undefined;
  const inputs = isRecord(info.template.inputs) ? namesOf(info.template.inputs.artifacts) : [];
  if (typeof artifact === 'string' && !inputs.includes(artifact)) {
    return [error(`${path}.manifestFrom.artifact.name`, 'argo/resource-manifest', `manifestFrom names artifact "${artifact}", which is not an input artifact of ${label}`,
      inputs.length > 0 ? `use one of: ${inputs.join(', ')}` : `declare {name: ${artifact}, path: /tmp/manifest.yaml} in inputs.artifacts`)];
  }
  return [];
}
