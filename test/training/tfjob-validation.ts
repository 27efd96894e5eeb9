import * as path from 'path';
import { parse } from 'yaml';
import { Obj, task, template } from '../helpers/synth-chart';
import { SchemaRegistry } from '../../lib/validate/schema';

/** The repository root: validating with it as `cwd` reads its `imports/` and `cdk8s.yaml`, as `kfops validate` here does. */
export const ROOT = path.join(__dirname, '..', '..');

let registry: Promise<SchemaRegistry> | undefined;

/**
 * The schema violations of `object` (a TFJob), as `kfops validate` reports them in this repository, each as
 * `<rule> <path>`; empty when valid.
 */
export async function tfJobViolations(object: unknown): Promise<string[]> {
  registry ??= SchemaRegistry.load({ cwd: ROOT });
  return (await registry).validate(object as Record<string, unknown>).map((v) => `${v.rule} ${v.path}`);
}

/** What Argo does to a template before running it: replaces `{{...}}` with the given values (unknown tags stay). */
export function substitute(text: string, values: Record<string, string>): string {
  return text.replace(/\{\{([^}]+)\}\}/g, (tag, name: string) => (Object.hasOwn(values, name) ? values[name] : tag));
}

/** The TFJob a step's manifest becomes once Argo substitutes the default parameter values and the run name. */
export function manifestAfterSubstitution(spec: Obj, step: string): Obj {
  const t = template(spec, step);
  const args = task(spec, step).arguments?.parameters ?? [];
  const defaults = Object.fromEntries(spec.arguments.parameters.map((p: Obj) => [`workflow.parameters.${p.name}`, p.value]));
  const inputs = Object.fromEntries(args.map((a: Obj) => [`inputs.parameters.${a.name}`, substitute(a.value, defaults)]));
  return parse(substitute(t.resource.manifest, { ...inputs, 'workflow.name': 'workflow1-x7k2p' }));
}
