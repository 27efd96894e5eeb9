import { isRecord, KubeObject, records } from '../../object-index';
import { error, Violation } from '../../violation';

/** The generator kinds of an ApplicationSet generator; `selector` filters what they produce. */
const GENERATORS = ['list', 'clusters', 'git', 'scmProvider', 'clusterDecisionResource', 'pullRequest', 'matrix', 'merge', 'plugin'];

/**
 * An ApplicationSet's generators as its controller runs them: each generator of a kind, a matrix of exactly two
 * generators, a merge of two or more with merge keys, and each child of a matrix or merge of exactly one kind.
 *
 * Argo CD: `applicationset/generators` (`MatrixGenerator`, `MergeGenerator`, `GetRelevantGenerators`).
 */
export function applicationSetRules(object: KubeObject): Violation[] {
  const spec = object.spec;
  if (!isRecord(spec)) return [];
  const violations: Violation[] = [];
  records(spec.generators).forEach((g, i) => violations.push(...generatorProblems(g, `spec.generators[${i}]`, false)));
  return violations;
}

function generatorProblems(generator: Record<string, unknown>, path: string, child: boolean): Violation[] {
  const kinds = GENERATORS.filter((k) => generator[k] !== undefined && generator[k] !== null);
  const violations: Violation[] = [];
  if (kinds.length === 0) {
    violations.push(error(path, 'argocd/applicationset-generator', 'the generator sets no generator kind, so it generates nothing', `set one of: ${GENERATORS.join(', ')}`));
  } else if (child && kinds.length > 1) {
    violations.push(error(path, 'argocd/applicationset-generator', `a generator inside a matrix or merge sets ${kinds.length} kinds (${kinds.join(', ')}); it takes exactly one`, 'split it into one generator per kind'));
  }
  const matrix = generator.matrix;
  if (isRecord(matrix)) {
    const children = records(matrix.generators);
    if (children.length !== 2) {
      violations.push(error(`${path}.matrix.generators`, 'argocd/applicationset-generator', `a matrix combines exactly two generators, got ${children.length}`,
        children.length > 2 ? 'nest a matrix inside the matrix to combine more' : 'add the second generator'));
    }
    children.forEach((c, i) => violations.push(...generatorProblems(c, `${path}.matrix.generators[${i}]`, true)));
  }
  const merge = generator.merge;
  if (isRecord(merge)) {
    const children = records(merge.generators);
    if (children.length < 2) {
      violations.push(error(`${path}.merge.generators`, 'argocd/applicationset-generator', `a merge needs two or more generators, got ${children.length}`, 'add the generators to merge'));
    }
    if (!Array.isArray(merge.mergeKeys) || merge.mergeKeys.length === 0) {
      violations.push(error(`${path}.merge.mergeKeys`, 'argocd/applicationset-generator', 'a merge needs mergeKeys to match the generators\' parameters on', 'set mergeKeys, e.g. [server]'));
    }
    children.forEach((c, i) => violations.push(...generatorProblems(c, `${path}.merge.generators[${i}]`, true)));
  }
  return violations;
}
