/**
 * Naming rules of the Argo Workflows spec, shared by the DSL, the compiler and the importer.
 * @see https://github.com/argoproj/argo-workflows/blob/main/workflow/validate/validate.go
 */

/**
 * Longest pipeline name: a CronWorkflow's name is at most 52 characters, since Argo appends a timestamp suffix to
 * name the runs it creates.
 */
export const PIPELINE_NAME_MAX = 52;

/** Longest template, task and step name Argo accepts. */
export const ARGO_NAME_MAX = 128;

/**
 * True when `name` is a valid template, DAG task or step name: letters, digits and '-', starting with a letter or
 * digit, at most 128 characters (Argo's `isValidWorkflowFieldName`; upper case is allowed).
 */
export function isArgoName(name: string): boolean {
  return name.length <= ARGO_NAME_MAX && /^[a-zA-Z0-9][-a-zA-Z0-9]*$/.test(name);
}

/** True when `name` is a valid parameter or artifact name: letters, digits, '_' and '-' (Argo's `isValidParamOrArtifactName`). */
export function isParameterName(name: string): boolean {
  return /^[-a-zA-Z0-9_]+$/.test(name);
}
