import { displayText } from '../publish/display-text';
import { PipelineGraph } from './pipeline-graph';

/** Nodes to highlight when a graph is shown in a diff. */
export interface GraphHighlights {
  /** Steps only in head. */
  readonly added?: ReadonlySet<string>;
  /** Steps whose task or template changed. */
  readonly changed?: ReadonlySet<string>;
}

/**
 * Renders a graph as a Mermaid flowchart (no code fence), top to bottom. Node ids are generated (`n0`, `n1`, ...)
 * because task names may collide with Mermaid keywords such as `end`; labels carry the names. Added steps get class
 * `added`, changed ones `changed`; the exit handler is a dashed stadium node.
 *
 * @see https://mermaid.js.org/syntax/flowchart.html
 */
export function toMermaid(graph: PipelineGraph, highlights: GraphHighlights = {}): string {
  const ids = new Map(graph.nodes.map((n, i) => [n.name, `n${i}`]));
  const lines = ['flowchart TD'];
  for (const node of graph.nodes) {
    lines.push(`  ${ids.get(node.name)}["${mermaidLabel(nodeLabel(node.name, node.template))}"]`);
  }
  for (const [from, to] of graph.edges) lines.push(`  ${ids.get(from)} --> ${ids.get(to)}`);
  if (graph.onExit) {
    lines.push(`  exit(["${mermaidLabel(`onExit: ${graph.onExit}`)}"])`);
    lines.push('  style exit stroke-dasharray: 5 5');
  }
  const added = graph.nodes.filter((n) => highlights.added?.has(n.name));
  const changed = graph.nodes.filter((n) => highlights.changed?.has(n.name) && !highlights.added?.has(n.name));
  if (added.length > 0) {
    lines.push('  classDef added fill:#dafbe1,stroke:#1a7f37,color:#1f2328');
    lines.push(`  class ${added.map((n) => ids.get(n.name)).join(',')} added`);
  }
  if (changed.length > 0) {
    lines.push('  classDef changed fill:#fff8c5,stroke:#9a6700,color:#1f2328');
    lines.push(`  class ${changed.map((n) => ids.get(n.name)).join(',')} changed`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Renders a graph in Graphviz DOT (`dot -Tsvg`), top to bottom, with the same highlights as {@link toMermaid}.
 *
 * @param name the graph's name, e.g. the pipeline
 * @see https://graphviz.org/doc/info/lang.html
 */
export function toDot(graph: PipelineGraph, name: string, highlights: GraphHighlights = {}): string {
  const lines = [`digraph ${dotId(name)} {`, '  rankdir=TB;', '  node [shape=box];'];
  for (const node of graph.nodes) {
    const attrs = [`label=${dotId(nodeLabel(node.name, node.template))}`];
    if (highlights.added?.has(node.name)) attrs.push('style=filled', 'fillcolor="#dafbe1"');
    else if (highlights.changed?.has(node.name)) attrs.push('style=filled', 'fillcolor="#fff8c5"');
    lines.push(`  ${dotId(node.name)} [${attrs.join(', ')}];`);
  }
  for (const [from, to] of graph.edges) lines.push(`  ${dotId(from)} -> ${dotId(to)};`);
  if (graph.onExit) {
    // The id is the label: a task cannot be named "onExit: x", so it cannot collide.
    lines.push(`  ${dotId(`onExit: ${graph.onExit}`)} [shape=ellipse, style=dashed];`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function nodeLabel(name: string, template: string): string {
  return template === name ? name : `${name} (${template})`;
}

/** A name as a Mermaid label: escaped by `displayText` first, so no newline can end the label or the code fence. */
function mermaidLabel(text: string): string {
  return displayText(text).replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
}

function dotId(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
