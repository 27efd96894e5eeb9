import { Check } from '../../check';
import { applicationRules } from './application-rules';
import { applicationSetRules } from './applicationset-rules';
import { projectRules } from './project-rules';

/**
 * What Argo CD checks beyond its CRD schemas, for Application, AppProject and ApplicationSet objects: the rules
 * its API server applies on create and update, and the spec errors its controllers raise before syncing.
 *
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/declarative-setup/
 */
export const checkArgoCd: Check = (object, context) => {
  if (typeof object.apiVersion !== 'string' || !object.apiVersion.startsWith('argoproj.io/')) return [];
  switch (object.kind) {
    case 'Application':
      return applicationRules(object, context);
    case 'AppProject':
      return projectRules(object);
    case 'ApplicationSet':
      return applicationSetRules(object);
    default:
      return [];
  }
};
