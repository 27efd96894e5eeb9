import * as path from 'path';
import * as ts from 'typescript';

/** A JSON Schema node as emitted into `generated/definitions.json`. */
export type JsonSchema = { [keyword: string]: unknown };

/** One top-level kind found in the declarations. */
export interface KindEntry {
  readonly apiVersion: string;
  readonly kind: string;
  /** key into the definitions map */
  readonly definition: string;
}

/** What {@link declarationsToSchemas} returns: shared definitions plus the kinds that root them. */
export interface DerivedSchemas {
  readonly definitions: Map<string, JsonSchema>;
  readonly kinds: KindEntry[];
  /** definition key -> file whose compiled ajv validator checks the same type (for refinement) */
  readonly validatorFiles: Map<string, string>;
}

/**
 * Derives JSON Schemas from the `.d.ts` declarations that `@kubernetes-models/openapi-generate` wrote from the
 * upstream OpenAPI specs.
 *
 * Each named interface or type alias becomes one definition keyed by the upstream-derived name the package exports
 * it under (e.g. `IoK8sApiAppsV1DeploymentSpec`), so types shared between packages (Container, ObjectMeta) are
 * emitted once. Interfaces are closed (`additionalProperties: false`); members with no declared shape (`{}`,
 * `any`) stay open, since upstream uses them for free-form JSON.
 *
 * @param kindFiles `.d.ts` files that each declare one top-level kind (an interface extending `TypeMeta`)
 */
export function declarationsToSchemas(kindFiles: readonly string[]): DerivedSchemas {
  const program = ts.createProgram([...kindFiles], {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
  });
  const checker = program.getTypeChecker();
  const definitions = new Map<string, JsonSchema>();
  const validatorFiles = new Map<string, string>();
  const kinds: KindEntry[] = [];

  for (const file of kindFiles) {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`build-schemas: TypeScript did not load ${file}`);
    const kindInterface = source.statements.find(
      (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && extendsTypeMeta(s),
    );
    if (!kindInterface) continue;
    const key = definitionKey(kindInterface);
    const apiVersion = literalMember(kindInterface, 'apiVersion');
    const kind = literalMember(kindInterface, 'kind');
    if (!apiVersion || !kind) continue;
    defineInterface(kindInterface);
    kinds.push({ apiVersion, kind, definition: key });
  }
  return { definitions, kinds, validatorFiles };

  function defineInterface(decl: ts.InterfaceDeclaration): string {
    const key = definitionKey(decl);
    if (definitions.has(key)) return key;
    // Placeholder first: recursive types (JSONSchemaProps) refer back to themselves.
    const schema: JsonSchema = { type: 'object' };
    definitions.set(key, schema);
    noteValidator(key, decl);
    const type = checker.getDeclaredTypeOfSymbol(checker.getSymbolAtLocation(decl.name)!);
    Object.assign(schema, objectSchema(type.getProperties(), checker.getIndexInfosOfType(type)));
    if (extendsTypeMeta(decl) && Array.isArray(schema.required)) {
      // A kind nested in another object (StatefulSet's volumeClaimTemplates) may omit apiVersion and kind, as
      // upstream's OpenAPI allows; at the top level kfops picks the schema by them, so they are there anyway.
      schema.required = schema.required.filter((p) => p !== 'apiVersion' && p !== 'kind');
      if ((schema.required as string[]).length === 0) delete schema.required;
    }
    return key;
  }

  function defineAlias(decl: ts.TypeAliasDeclaration): string {
    const key = definitionKey(decl);
    if (definitions.has(key)) return key;
    const schema: JsonSchema = {};
    definitions.set(key, schema);
    noteValidator(key, decl);
    Object.assign(schema, nodeToSchema(decl.type));
    return key;
  }

  function noteValidator(key: string, decl: ts.Declaration): void {
    const dir = path.dirname(decl.getSourceFile().fileName);
    const pkgRoot = packageRoot(dir);
    validatorFiles.set(key, path.join(pkgRoot, '_schemas', `${key}.js`));
  }

  function objectSchema(props: readonly ts.Symbol[], indexInfos: readonly ts.IndexInfo[]): JsonSchema {
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const prop of [...props].sort((a, b) => compare(a.name, b.name))) {
      const decl = prop.valueDeclaration;
      if (!decl || !ts.isPropertySignature(decl) || !decl.type) {
        throw new Error(`build-schemas: ${prop.name} has no declared type`);
      }
      properties[prop.name] = nodeToSchema(decl.type);
      if (!decl.questionToken) required.push(prop.name);
    }
    const stringIndex = indexInfos.find((i) => i.keyType.flags & ts.TypeFlags.String);
    if (props.length === 0 && !stringIndex) return {}; // `{}`: free-form upstream (RawExtension, Argo Object)
    const schema: JsonSchema = { type: 'object' };
    if (props.length > 0) schema.properties = properties;
    if (required.length > 0) schema.required = required;
    if (stringIndex) {
      const indexDecl = stringIndex.declaration;
      schema.additionalProperties = indexDecl?.type ? nodeToSchema(indexDecl.type) : {};
    } else {
      schema.additionalProperties = false;
    }
    return schema;
  }

  function nodeToSchema(node: ts.TypeNode): JsonSchema {
    switch (node.kind) {
      case ts.SyntaxKind.StringKeyword:
        return { type: 'string' };
      case ts.SyntaxKind.NumberKeyword:
        return { type: 'number' };
      case ts.SyntaxKind.BooleanKeyword:
        return { type: 'boolean' };
      case ts.SyntaxKind.AnyKeyword:
      case ts.SyntaxKind.UnknownKeyword:
      case ts.SyntaxKind.ObjectKeyword:
        return {};
      case ts.SyntaxKind.NullKeyword:
        return { type: 'null' };
    }
    if (ts.isParenthesizedTypeNode(node)) return nodeToSchema(node.type);
    if (ts.isArrayTypeNode(node)) return { type: 'array', items: nodeToSchema(node.elementType) };
    if (ts.isLiteralTypeNode(node)) return literalSchema([node]);
    if (ts.isUnionTypeNode(node)) return unionSchema(node.types);
    if (ts.isTypeLiteralNode(node)) {
      const type = checker.getTypeFromTypeNode(node);
      return objectSchema(type.getProperties(), checker.getIndexInfosOfType(type));
    }
    if (ts.isIndexedAccessTypeNode(node)) {
      // `IDeployment["apiVersion"]`: the referenced member's literal type.
      const type = checker.getTypeFromTypeNode(node);
      if (type.isStringLiteral()) return { type: 'string', enum: [type.value] };
    }
    if (ts.isTypeReferenceNode(node)) {
      const name = node.typeName.getText();
      if (name === 'Array' && node.typeArguments?.length === 1) {
        return { type: 'array', items: nodeToSchema(node.typeArguments[0]) };
      }
      let symbol = checker.getSymbolAtLocation(node.typeName);
      if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
      const decl = symbol?.declarations?.[0];
      if (decl && ts.isInterfaceDeclaration(decl)) return { $ref: defineInterface(decl) };
      if (decl && ts.isTypeAliasDeclaration(decl)) return { $ref: defineAlias(decl) };
    }
    throw new Error(
      `build-schemas: unsupported type "${node.getText()}" in ${node.getSourceFile().fileName} ` +
        `(extend nodeToSchema for ${ts.SyntaxKind[node.kind]})`,
    );
  }

  function unionSchema(members: readonly ts.TypeNode[]): JsonSchema {
    const literals = members.filter(ts.isLiteralTypeNode);
    const others = members.filter((m) => !ts.isLiteralTypeNode(m));
    const parts = [...others.map(nodeToSchema), ...(literals.length > 0 ? [literalSchema(literals)] : [])];
    if (parts.length === 1) return parts[0];
    if (parts.some((p) => Object.keys(p).length === 0)) return {};
    // Unions of plain types (Quantity is `number | string`) merge into one `type` array for readable errors.
    const plain = parts.every((p) => Object.keys(p).length === 1 && typeof p.type === 'string');
    if (plain) return { type: [...new Set(parts.map((p) => p.type as string))].sort() };
    return { anyOf: parts };
  }
}

function extendsTypeMeta(decl: ts.InterfaceDeclaration): boolean {
  return (decl.heritageClauses ?? []).some((h) => h.types.some((t) => t.expression.getText() === 'TypeMeta'));
}

function literalSchema(nodes: readonly ts.LiteralTypeNode[]): JsonSchema {
  const values = nodes.map((n) => {
    const lit = n.literal;
    if (ts.isStringLiteral(lit)) return lit.text;
    if (ts.isNumericLiteral(lit)) return Number(lit.text);
    if (lit.kind === ts.SyntaxKind.TrueKeyword) return true;
    if (lit.kind === ts.SyntaxKind.FalseKeyword) return false;
    if (lit.kind === ts.SyntaxKind.NullKeyword) return null;
    throw new Error(`build-schemas: unsupported literal ${n.getText()}`);
  });
  const types = [...new Set(values.map((v) => (v === null ? 'null' : typeof v)))];
  return { type: types.length === 1 ? types[0] : types.sort(), enum: values };
}

function literalMember(decl: ts.InterfaceDeclaration, name: string): string | undefined {
  for (const member of decl.members) {
    if (!ts.isPropertySignature(member) || !member.type || member.name.getText().replace(/"/g, '') !== name) continue;
    if (ts.isLiteralTypeNode(member.type) && ts.isStringLiteral(member.type.literal)) return member.type.literal.text;
  }
  return undefined;
}

/**
 * The upstream-derived name a declaration is exported under (`export type { IX as IIoK8sApiAppsV1X }`), minus the
 * leading `I`; it is also the name of the package's compiled validator in `_schemas/`.
 */
function definitionKey(decl: ts.InterfaceDeclaration | ts.TypeAliasDeclaration): string {
  const local = decl.name.text;
  const source = decl.getSourceFile();
  for (const statement of source.statements) {
    if (!ts.isExportDeclaration(statement) || !statement.exportClause || !ts.isNamedExports(statement.exportClause)) {
      continue;
    }
    for (const element of statement.exportClause.elements) {
      if ((element.propertyName?.text ?? element.name.text) === local && element.name.text.startsWith('I')) {
        return element.name.text.slice(1);
      }
    }
  }
  throw new Error(`build-schemas: ${source.fileName} does not export ${local} under its upstream name`);
}

function packageRoot(dir: string): string {
  const marker = `${path.sep}node_modules${path.sep}`;
  const at = dir.lastIndexOf(marker);
  const rest = dir.slice(at + marker.length).split(path.sep);
  const depth = rest[0].startsWith('@') ? 2 : 1;
  return dir.slice(0, at + marker.length) + rest.slice(0, depth).join(path.sep);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
