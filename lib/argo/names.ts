// Transitional: lib/training and lib/serving still import the names from here until they move onto the pod builder.
export { DNS_LABEL_MAX, isDnsLabel, toDnsLabel } from '../k8s-spec/names';
export { PIPELINE_NAME_MAX } from '../argo-spec/names';
