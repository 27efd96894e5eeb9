import { Check } from '../../check';
import { isRecord } from '../../object-index';
import { Violation, warning } from '../../violation';
import { segmentsPath } from '../argo/template-tags';

/**
 * Why an image reference is not pinned, or undefined when it is (a tag other than `latest`, or a digest).
 *
 * @example imageProblem('nginx') // 'has no tag, so it means :latest'
 */
export function imageProblem(image: string): string | undefined {
  if (image.includes('@sha256:') || image.includes('@sha512:')) return undefined;
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  if (colon < 0) return 'has no tag, so it means :latest';
  return image.slice(colon + 1) === 'latest' ? 'uses the :latest tag' : undefined;
}

/**
 * Images are pinned: `:latest` or no tag means each pull may run different code, so a rerun of the same
 * pipeline is not the same run. A warning.
 */
export const checkImageTags: Check = (object) => {
  if (object.kind === 'CustomResourceDefinition') return [];
  const violations: Violation[] = [];
  findImages(object, [], violations);
  return violations;
};

/** @param path where `value` is, as a stack of keys and indexes: written out only for an image found wanting */
function findImages(value: unknown, path: (string | number)[], out: Violation[]): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (typeof value[i] !== 'object' || value[i] === null) continue;
      path.push(i);
      findImages(value[i], path, out);
      path.pop();
    }
    return;
  }
  if (!isRecord(value)) return;
  for (const key in value) {
    const child = value[key];
    if (key === 'image' && typeof child === 'string') {
      if (child === '' || child.includes('{{') || child.includes('$(')) continue;
      const problem = imageProblem(child);
      if (problem) {
        out.push(warning(segmentsPath([...path, key]), 'security/image-tag', `image "${child}" ${problem}`,
          'pin a version tag (image:1.2.3) or a digest (image@sha256:...)'));
      }
    } else if (typeof child === 'object' && child !== null) {
      path.push(key);
      findImages(child, path, out);
      path.pop();
    }
  }
}
