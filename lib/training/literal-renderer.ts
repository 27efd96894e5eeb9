import { isReferenceable } from '../dsl/reference';
import type { ITemplateRenderer } from '../dsl/template-renderer';
import { Concat, Value } from '../dsl/value';
import { UserError } from '../user-error';

/**
 * Renders values of an object applied outside any pipeline run (a standalone manifest in `dist/`): literals only,
 * since no Argo run is there to resolve parameters, outputs or `{{workflow.*}}`.
 */
export class LiteralRenderer implements ITemplateRenderer {
  /** @param path the owning construct's path, which prefixes errors */
  constructor(private readonly path: string) {}

  value(value: Value): string {
    if (value instanceof Concat) return value.parts.map((p) => this.value(p)).join('');
    if (isReferenceable(value)) {
      const ref = value.reference;
      const what = ref.kind === 'parameter' ? `parameter '${ref.parameter.name}'`
        : ref.kind === 'output' ? `output '${ref.name}' of step '${ref.step.name}'`
          : ref.kind === 'global' ? `{{${ref.variable}}}`
            : ref.kind === 'io' ? `${ref.io.direction.slice(0, -1)} '${ref.io.name}' of a template`
              : ref.kind === 'expression' ? 'an Argo expression' : 'a loop item';
      throw new UserError(`[${this.path}] uses ${what}, which only a pipeline run can resolve; this object is applied on its own `
        + '(by Argo CD), so pass a literal value, or create it from a pipeline step instead');
    }
    return String(value);
  }
}
