import { hasPlaceholder } from '../../../argo-spec/placeholder';
import { IMAGE_REFERENCE_EXAMPLE, imageReferenceFinding } from '../../../k8s-spec/image-reference';
import { error, Violation, warning } from '../../violation';
import { joinPath } from '../argo/template-tags';
import type { ContainerAt } from './pod-specs';

const RULE = 'k8s/image-reference';
const GRAMMAR_FIX = `write [registry[:port]/]repository[:tag][@digest], e.g. ${IMAGE_REFERENCE_EXAMPLE}`;

/**
 * A container's `image` is a reference the kubelet can pull. The API server takes any non-empty image (and, in a
 * Pod, one without leading or trailing whitespace); the kubelet parses it before pulling and leaves the container
 * waiting in `InvalidImageName` when it does not parse, so the pod never starts whatever the registry holds: an
 * error. Two readings are warnings: a blank image in a pod template, a placeholder some controllers fill in
 * before pods are created (OpenShift's image triggers; the API server keeps it on purpose), and a first path
 * component with uppercase letters, which the kubelet reads as a registry host (`MyOrg/app` is host `MyOrg`,
 * not Docker Hub's `myorg`; kubelets before distribution/reference 2.8 refuse it). Values Argo substitutes
 * (`{{inputs.parameters.image}}`, `{{=...}}`) are judged at run time, not here; a missing image is the pod's
 * and Argo's own checks'.
 *
 * @see https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/core/validation/validation.go
 *   (validateContainerCommon, validateContainersOnlyForPod)
 * @see https://github.com/kubernetes/kubernetes/blob/master/pkg/kubelet/images/image_manager.go (applyDefaultImageTag)
 */
export function imageViolations({ container, path, source }: ContainerAt): Violation[] {
  const image = container.image;
  if (typeof image !== 'string' || image === '' || image.includes('{{') || hasPlaceholder(image)) return [];
  const at = joinPath(path, 'image');
  const finding = imageReferenceFinding(image);
  if (!finding) return [];
  const shown = JSON.stringify(image);
  if (!finding.kubeletRefuses) {
    return [warning(at, RULE, `image ${shown}: ${finding.problem}`, 'lowercase the first component for Docker Hub, or write the registry host with its domain')];
  }
  if (image.trim() === '' && source === 'pod-template') {
    return [warning(at, RULE, `image ${shown} is blank: a placeholder for a controller to fill in; pods created with it are refused`,
      'set the image, unless a controller (e.g. an image trigger) sets it before pods are created')];
  }
  if (image.trim() !== image) {
    return [error(at, RULE, `image ${shown} has leading or trailing whitespace, which the API server refuses in a Pod`, 'remove the whitespace')];
  }
  return [error(at, RULE, `image ${shown} is not an image reference: ${finding.problem}; the kubelet refuses it (InvalidImageName), so the container never starts`, GRAMMAR_FIX)];
}
