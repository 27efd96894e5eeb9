import { stringify } from 'yaml';
import { displayText } from '../publish/display-text';
import { argUnits, shellWord } from './arg-units';
import { append } from '../append';

type Obj = Readonly<Record<string, unknown>>;

/** A pod template found in a manifest: a TFJob replica, a Deployment's pods. */
interface PodTemplate {
  /** `Master`, `Worker`, `pods` */
  readonly label: string;
  readonly replicas?: unknown;
  readonly restartPolicy?: unknown;
  readonly containers: readonly Obj[];
}

/**
 * A container as a terminal shows it: image, command, args (a flag and its value on one line), env, resources,
 * a script's source.
 *
 * @param at indentation in spaces
 */
export function containerLines(c: Obj, at: number): string[] {
  const pad = ' '.repeat(at);
  const out: string[] = [];
  if (Array.isArray(c.containers)) {
    for (const inner of c.containers) append(out, containerLines(inner as Obj, at));
    return out;
  }
  const field = (label: string, lines: readonly string[]) => lines.forEach((line, i) => out.push(`${pad}${(i === 0 ? label : '').padEnd(10)}${line}`));
  if (typeof c.image === 'string') field('image', [terminalLine(c.image)]);
  if (Array.isArray(c.command)) field('command', [terminalLine(c.command.map((x) => shellWord(String(x))).join(' '))]);
  if (Array.isArray(c.args)) field('args', argUnits(c.args.map(String)).map((u) => terminalLine(u.text)));
  if (Array.isArray(c.env)) {
    field('env', (c.env as Obj[]).map((e) => `${terminalLine(String(e.name))}=${e.value !== undefined ? shown(String(e.value)) : `(from ${terminalLine(valueFromLabel(e.valueFrom))})`}`));
  }
  const resources = c.resources as Record<string, Obj> | undefined;
  if (resources && typeof resources === 'object') {
    field('resources', Object.entries(resources).map(([kind, v]) => terminalLine(`${kind} ${Object.entries(v ?? {}).map(([k, q]) => `${k}=${String(q)}`).join(' ')}`)));
  }
  if (typeof c.source === 'string') {
    out.push(`${pad}source:`);
    append(out, indent(c.source.trimEnd(), at + 2));
  }
  return out;
}

/**
 * A manifest as a terminal shows it: the object, then what its pod templates run (a TFJob's replicas with their
 * counts, a Deployment's pods), a replica with the same containers as the one before said once. Objects without
 * pods (a Service) show as YAML; `--format yaml` has every manifest whole.
 */
export function manifestLines(object: Obj, at: number): string[] {
  const pad = ' '.repeat(at);
  const metadata = (object.metadata ?? {}) as Obj;
  const name = metadata.name ?? (metadata.generateName !== undefined ? `${String(metadata.generateName)}*` : '');
  const templates = podTemplates(object);
  if (templates.length === 0) {
    const lines = [terminalLine(`${pad}${String(object.kind)} ${String(name)}:`)];
    append(lines, indent(stringify(object, { lineWidth: 0 }).trimEnd(), at + 2));
    return lines;
  }
  const out = [terminalLine(`${pad}${String(object.kind)} ${String(name)} (${String(object.apiVersion)})`)];
  let previous: { label: string; containers: string } | undefined;
  for (const t of templates) {
    const facts = [t.replicas !== undefined && `replicas ${String(t.replicas)}`, t.restartPolicy !== undefined && `restartPolicy ${String(t.restartPolicy)}`].filter(Boolean);
    out.push(terminalLine(`${pad}  ${t.label}${facts.length ? `: ${facts.join(', ')}` : ''}`));
    const containers = JSON.stringify(t.containers);
    if (previous?.containers === containers) {
      out.push(`${pad}    (the same containers as ${previous.label})`);
      continue;
    }
    for (const c of t.containers) {
      out.push(terminalLine(`${pad}    ${String(c.name)}`));
      append(out, containerLines(c, at + 6));
    }
    previous = { label: t.label, containers };
  }
  return out;
}

/** The pod templates of an object: `spec.template` (Deployment, Job), each `spec.*ReplicaSpecs.<type>.template` (Kubeflow jobs). */
function podTemplates(object: Obj): PodTemplate[] {
  const spec = (object.spec ?? {}) as Obj;
  const out: PodTemplate[] = [];
  const add = (label: string, owner: Obj) => {
    const template = owner.template as Obj | undefined;
    const containers = ((template?.spec ?? {}) as Obj).containers;
    if (!Array.isArray(containers)) return;
    out.push({ label, replicas: owner.replicas, restartPolicy: owner.restartPolicy ?? ((template?.spec ?? {}) as Obj).restartPolicy, containers: containers as Obj[] });
  };
  if (object.kind === 'Pod' && Array.isArray(spec.containers)) out.push({ label: 'pod', containers: spec.containers as Obj[] });
  add('pods', spec);
  for (const [key, value] of Object.entries(spec)) {
    if (!key.endsWith('ReplicaSpecs') || value === null || typeof value !== 'object') continue;
    for (const [replica, owner] of Object.entries(value as Record<string, Obj>)) add(replica, owner);
  }
  return out;
}

function valueFromLabel(valueFrom: unknown): string {
  const v = (valueFrom ?? {}) as Record<string, Record<string, unknown> | undefined>;
  if (v.secretKeyRef) return `Secret ${String(v.secretKeyRef.name)} key ${String(v.secretKeyRef.key)}`;
  if (v.configMapKeyRef) return `ConfigMap ${String(v.configMapKeyRef.name)} key ${String(v.configMapKeyRef.key)}`;
  if (v.fieldRef) return `field ${String(v.fieldRef.fieldPath)}`;
  return JSON.stringify(valueFrom);
}

/**
 * A value as shown on one line: `''` for the empty string, else as publish shows untrusted text (`displayText`):
 * as it is, or quoted with escapes when it holds a newline, an escape sequence or other characters a terminal
 * would act on, so a parameter value can neither forge lines of the report nor drive the terminal.
 */
export function shown(value: string): string {
  return value === '' ? "''" : displayText(value);
}

/** Control and format characters, but tabs (the indentation of a script). */
const TERMINAL_UNSAFE = /[\x00-\x08\x0a-\x1f\x7f-\x9f\p{Cf}\p{Zl}\p{Zp}]/u;

/** A line of the report as it is, or escaped (`displayText`) when it holds characters a terminal would act on. */
export function terminalLine(line: string): string {
  return TERMINAL_UNSAFE.test(line) ? displayText(line) : line;
}

/** Lines of `text`, each indented by `n` spaces, each safe for a terminal. */
export function indent(text: string, n: number): string[] {
  return text.split('\n').map((l) => `${' '.repeat(n)}${terminalLine(l)}`);
}
