/**
 * Reads the declarations API types are made of from Go source, as text: string types and their markers, typed
 * string constants, structs and their JSON fields, imports. Enough for the `types.go` files of Kubernetes' and
 * Argo's API packages (gofmt'ed, one declaration per line), not a Go parser: what it does not recognise it skips.
 */

/** A named string type (`type PullPolicy string`) and what the comment above it marks. */
export interface GoStringType {
  /** `// +enum` (Kubernetes' marker for a closed set of values) */
  readonly enumMarker: boolean;
  /** the values of `// +kubebuilder:validation:Enum=a;b`, when marked */
  readonly kubebuilderEnum?: readonly string[];
  /** the file it is declared in */
  readonly file: string;
}

/** The Go type of a struct field: `[]*v1.Protocol` is `{ pkg: 'v1', name: 'Protocol', list: true }`. */
export interface GoTypeRef {
  /** the import alias, for types of other packages */
  readonly pkg?: string;
  readonly name: string;
  /** a slice or array of the type */
  readonly list: boolean;
}

/** One field of a struct, as it appears in JSON. */
export interface GoField {
  /** the JSON name; absent for inlined embedded structs */
  readonly json?: string;
  /** embedded with `json:",inline"`: its fields are the struct's own */
  readonly inline: boolean;
  /** undefined for maps, funcs and channels, which hold no enum value */
  readonly type?: GoTypeRef;
  /** the values of a `+kubebuilder:validation:Enum=` marker on the field itself */
  readonly kubebuilderEnum?: readonly string[];
}

/** The declarations of one Go package (all its files merged). */
export interface GoPackage {
  /** import alias -> import path; unaliased imports are named by their last path element */
  readonly imports: Map<string, string>;
  readonly stringTypes: Map<string, GoStringType>;
  /** every `const` spec, in the order read; see {@link typedConstants} */
  readonly constSpecs: { readonly name: string; readonly type?: string; readonly expr: string }[];
  readonly structs: Map<string, GoStruct>;
}

/** A struct type: its fields in order, and the file that declares it. */
export interface GoStruct {
  readonly fields: readonly GoField[];
  readonly file: string;
}

/** An empty package to read files into. */
export function newGoPackage(): GoPackage {
  return { imports: new Map(), stringTypes: new Map(), constSpecs: [], structs: new Map() };
}

/** A constant of another package (`v1.IPv4Protocol`), by import alias and name, as its string value. */
export type ForeignConstant = (alias: string, name: string) => string | undefined;

/**
 * The string value of every constant of the package that has one: literals, conversions (`X = Policy("a")`),
 * and constants defined from others, here or in another package (`AddressType(v1.IPv4Protocol)`).
 */
export function constantValues(pkg: GoPackage, foreign?: ForeignConstant): Map<string, string> {
  const known = new Map<string, string>();
  // Constants may refer to ones declared later or in another file: resolve until nothing changes.
  let resolved = -1;
  while (known.size !== resolved) {
    resolved = known.size;
    for (const { name, expr } of pkg.constSpecs) {
      if (known.has(name)) continue;
      const conversion = /^(\w+)\((.+)\)$/.exec(expr);
      const value = stringValue(conversion ? conversion[2] : expr, known, foreign);
      if (value !== undefined) known.set(name, value);
    }
  }
  return known;
}

/** The string constants of each named type, in declaration order, each value once. */
export function typedConstants(pkg: GoPackage, foreign?: ForeignConstant): Map<string, string[]> {
  const known = constantValues(pkg, foreign);
  const out = new Map<string, string[]>();
  for (const { name, type, expr } of pkg.constSpecs) {
    const valueType = type ?? /^(\w+)\(/.exec(expr)?.[1];
    const value = known.get(name);
    if (valueType === undefined || value === undefined) continue;
    const values = out.get(valueType) ?? [];
    if (!values.includes(value)) values.push(value);
    out.set(valueType, values);
  }
  return out;
}

const STRING_TYPE = /^type (\w+) string\b/;
const STRUCT_START = /^type (\w+) struct \{\s*(\/\/.*)?$/;
const CONST_ONE = /^const (\w+)( \w+)? = (.+)$/;
const IMPORT_ONE = /^import (?:(\w+|\.|_) )?"([^"]+)"/;
const IMPORT_LINE = /^\s*(?:(\w+|\.|_)\s+)?"([^"]+)"/;
/** `Name Type = "value"`, `Name = Type("value")`, `Name Type = OtherConstant` (the type is optional: untyped). */
const CONST_SPEC = /^\s*(\w+)(?:\s+(\w+))?\s*=\s*(.+?)\s*(?:\/\/.*)?$/;
const FIELD = /^\s*(\w+)\s+([^\s`]+)\s*(`[^`]*`)?\s*(?:\/\/.*)?$/;
const EMBEDDED = /^\s*(\*?[\w.]+)\s*(`[^`]*`)?\s*(?:\/\/.*)?$/;
const KUBEBUILDER_ENUM = /\+kubebuilder:validation:Enum=(.*)$/;

/**
 * Adds the declarations of one Go file to `pkg`.
 *
 * @param file the file's path, recorded with the types it declares
 */
export function readGoFile(pkg: GoPackage, file: string, text: string): void {
  const lines = text.split('\n');
  const pending = pkg.constSpecs;
  let comments: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\s+$/, '');
    const trimmed = line.trim();
    if (trimmed.startsWith('//')) {
      comments.push(trimmed);
      continue;
    }
    const above = comments;
    comments = [];
    if (line.startsWith('import (')) {
      i = readBlock(lines, i, (l) => addImport(pkg, IMPORT_LINE.exec(l)));
      continue;
    }
    const oneImport = IMPORT_ONE.exec(line);
    if (oneImport) {
      addImport(pkg, oneImport);
      continue;
    }
    const stringType = STRING_TYPE.exec(line);
    if (stringType) {
      const kubebuilderEnum = markerValues(above);
      pkg.stringTypes.set(stringType[1], { enumMarker: above.some((c) => /^\/\/\s*\+enum\s*$/.test(c)), file, ...(kubebuilderEnum ? { kubebuilderEnum } : {}) });
      continue;
    }
    const struct = STRUCT_START.exec(line);
    if (struct) {
      const fields: GoField[] = [];
      i = readStruct(lines, i, fields);
      pkg.structs.set(struct[1], { fields, file });
      continue;
    }
    if (line.startsWith('const (')) {
      i = readBlock(lines, i, (l) => {
        const spec = CONST_SPEC.exec(l);
        if (spec && !l.trim().startsWith('//')) pending.push({ name: spec[1], type: spec[2], expr: spec[3] });
      });
      continue;
    }
    const oneConst = CONST_ONE.exec(line);
    if (oneConst) pending.push({ name: oneConst[1], type: oneConst[2]?.trim(), expr: oneConst[3].replace(/\s*\/\/.*$/, '') });
  }
}

function addImport(pkg: GoPackage, match: RegExpExecArray | null): void {
  if (!match) return;
  const importPath = match[2];
  pkg.imports.set(match[1] ?? importPath.slice(importPath.lastIndexOf('/') + 1), importPath);
}

/** Calls `each` for the lines of a `( ... )` block starting at `start`; returns the index of its closing line. */
function readBlock(lines: readonly string[], start: number, each: (line: string) => void): number {
  let i = start + 1;
  for (; i < lines.length && !/^\)/.test(lines[i]); i++) each(lines[i]);
  return i;
}

/** Reads the fields of a struct whose `{` is on line `start`; returns the index of its closing `}`. */
function readStruct(lines: readonly string[], start: number, fields: GoField[]): number {
  let depth = 1;
  let comments: string[] = [];
  let i = start + 1;
  for (; i < lines.length; i++) {
    const trimmed = lines[i].trim();
    if (trimmed.startsWith('//')) {
      comments.push(trimmed);
      continue;
    }
    const above = comments;
    comments = [];
    const code = trimmed.replace(/`[^`]*`/g, '``').replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/\/\/.*$/, '');
    const opens = (code.match(/\{/g) ?? []).length;
    const closes = (code.match(/\}/g) ?? []).length;
    // Fields of nested anonymous structs belong to no named type: skipped.
    if (depth === 1 && opens === 0) {
      const field = readField(trimmed, above);
      if (field) fields.push(field);
    }
    depth += opens - closes;
    if (depth <= 0) break;
  }
  return i;
}

function readField(line: string, comments: readonly string[]): GoField | undefined {
  const named = FIELD.exec(line);
  const embedded = named ? undefined : EMBEDDED.exec(line);
  if (!named && !embedded) return undefined;
  const tag = (named ? named[3] : embedded![2]) ?? '';
  const jsonTag = /json:"([^"]*)"/.exec(tag)?.[1];
  const jsonName = jsonTag?.split(',')[0];
  if (jsonName === '-') return undefined;
  const inline = jsonTag !== undefined && jsonTag.split(',').includes('inline');
  const typeText = named ? named[2] : embedded![1];
  // An embedded field without a tag is inlined by encoding/json; with a JSON name it is an ordinary field.
  const isInline = inline || (!named && jsonName === undefined);
  const kubebuilderEnum = markerValues(comments);
  return {
    ...(isInline ? {} : { json: jsonName || (named ? named[1] : typeText.replace(/^\*/, '').split('.').pop()) }),
    inline: isInline,
    ...(typeRef(typeText) ? { type: typeRef(typeText) } : {}),
    ...(kubebuilderEnum ? { kubebuilderEnum } : {}),
  };
}

/** `*v1.Protocol`, `[]PolicyType`, `[]*Foo` -> a type reference; maps, funcs and channels -> undefined. */
export function typeRef(text: string): GoTypeRef | undefined {
  let rest = text;
  let list = false;
  for (;;) {
    if (rest.startsWith('*')) rest = rest.slice(1);
    else if (/^\[\d*\]/.test(rest)) {
      rest = rest.replace(/^\[\d*\]/, '');
      list = true;
    } else break;
  }
  const match = /^(?:(\w+)\.)?(\w+)$/.exec(rest);
  if (!match) return undefined;
  return { ...(match[1] ? { pkg: match[1] } : {}), name: match[2], list };
}

/** The values of the last `+kubebuilder:validation:Enum=` marker in a comment block: `"";a;b` -> ['', 'a', 'b']. */
function markerValues(comments: readonly string[]): string[] | undefined {
  const marker = comments.map((c) => KUBEBUILDER_ENUM.exec(c)).filter((m) => m !== null).pop();
  if (!marker) return undefined;
  return marker[1].trim().split(';').map((v) => v.trim().replace(/^"(.*)"$/, '$1').replace(/^`(.*)`$/, '$1'));
}

/** A Go string literal, or a constant of this package or another, as its value; undefined for anything else. */
function stringValue(expr: string, known: ReadonlyMap<string, string>, foreign?: ForeignConstant): string | undefined {
  const text = expr.trim();
  const quoted = /^"((?:[^"\\]|\\.)*)"$/.exec(text);
  if (quoted) return JSON.parse(`"${quoted[1]}"`) as string;
  const raw = /^`([^`]*)`$/.exec(text);
  if (raw) return raw[1];
  const qualified = /^(\w+)\.(\w+)$/.exec(text);
  if (qualified) return foreign?.(qualified[1], qualified[2]);
  return /^\w+$/.test(text) ? known.get(text) : undefined;
}
