/**
 * What a run does with variables Argo checks but does not know (`{{inputs.parameters.typo}}`,
 * `{{workflow.parameters.typo}}`): the controller validates the workflow when it is submitted
 * (`validate.ValidateWorkflow`, `resolveAllVariables`) and rejects the whole run with "failed to resolve {{...}}",
 * so no step of it starts.
 *
 * @param names the variables, as written between the braces
 */
export function unknownVariablesProblem(names: readonly string[]): { readonly reason: string; readonly fix: string } {
  const tags = names.map((n) => `{{${n}}}`);
  const what = tags.length === 1 ? `${tags[0]} is not a variable` : `${tags.join(', ')} are not variables`;
  return {
    reason: `${what} Argo knows here, so the controller rejects the whole run when it is submitted ("failed to resolve ${tags[0]}")`,
    fix: 'check the name against the inputs of the template and the workflow parameters',
  };
}
