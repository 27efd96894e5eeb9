import { constantValues, newGoPackage, readGoFile, typedConstants, typeRef } from '../../scripts/go-api-types';

/** Go declarations in the shapes of API type files, written for these tests. */
const TYPES_GO = `package v1

import (
	core "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// Colour says which paint to use.
// +enum
type Colour string

const (
	// ColourRed is red.
	ColourRed Colour = "Red"
	ColourBlue Colour = "Blue" // trailing comment
	ColourAlias = ColourRed
	untyped = "plain"
)

const ColourGreen Colour = "Green"

// Shape is declared by a marker.
// +kubebuilder:validation:Enum="";Round;Square
type Shape string

type Size string

const (
	SizeSmall = Size("S")
	SizeMirror Size = Size(core.MirroredValue)
)

// Brush holds paint.
type Brush struct {
	metav1.TypeMeta \`json:",inline"\`
	metav1.ObjectMeta \`json:"metadata,omitempty"\`
	// +optional
	Colour *Colour \`json:"colour,omitempty" protobuf:"bytes,1,opt,name=colour"\`
	Colours []Colour \`json:"colours,omitempty"\`
	Protocol core.Protocol \`json:"protocol"\`
	// +kubebuilder:validation:Enum=soft;hard
	Bristles string \`json:"bristles,omitempty"\`
	Labels map[string]string \`json:"labels,omitempty"\`
	Hidden string \`json:"-"\`
	Handle struct {
		Length int \`json:"length"\`
	} \`json:"handle"\`
	Common \`json:",inline"\`
}
`;

function read(text = TYPES_GO) {
  const pkg = newGoPackage();
  readGoFile(pkg, 'paint/v1/types.go', text);
  return pkg;
}

test('string types carry their markers and file', () => {
  const pkg = read();
  expect(pkg.stringTypes.get('Colour')).toEqual({ enumMarker: true, file: 'paint/v1/types.go' });
  expect(pkg.stringTypes.get('Shape')).toEqual({ enumMarker: false, kubebuilderEnum: ['', 'Round', 'Square'], file: 'paint/v1/types.go' });
  expect(pkg.stringTypes.get('Size')).toEqual({ enumMarker: false, file: 'paint/v1/types.go' });
});

test('typed constants: blocks, single lines, conversions and constants of another package, each value once', () => {
  const pkg = read();
  const foreign = (alias: string, name: string) => (alias === 'core' && name === 'MirroredValue' ? 'M' : undefined);
  const constants = typedConstants(pkg, foreign);
  expect(constants.get('Colour')).toEqual(['Red', 'Blue', 'Green']);
  expect(constants.get('Size')).toEqual(['S', 'M']);
  expect(typedConstants(pkg).get('Size')).toEqual(['S']);
  expect(constantValues(pkg).get('ColourAlias')).toBe('Red');
  expect(constantValues(pkg).get('untyped')).toBe('plain');
});

test('imports by alias and by last path element', () => {
  const pkg = read('package v1\n\nimport "k8s.io/api/core/v1"\nimport (\n\tapiv1 "k8s.io/api/core/v1"\n\t"fmt"\n)\n');
  expect([...pkg.imports]).toEqual([['v1', 'k8s.io/api/core/v1'], ['apiv1', 'k8s.io/api/core/v1'], ['fmt', 'fmt']]);
});

test('struct fields: JSON names, pointer and list types, inline embeds, field markers; maps typeless, `-` and nested structs skipped', () => {
  expect(read().structs.get('Brush')).toEqual({
    file: 'paint/v1/types.go',
    fields: [
      { inline: true, type: { pkg: 'metav1', name: 'TypeMeta', list: false } },
      { json: 'metadata', inline: false, type: { pkg: 'metav1', name: 'ObjectMeta', list: false } },
      { json: 'colour', inline: false, type: { name: 'Colour', list: false } },
      { json: 'colours', inline: false, type: { name: 'Colour', list: true } },
      { json: 'protocol', inline: false, type: { pkg: 'core', name: 'Protocol', list: false } },
      { json: 'bristles', inline: false, type: { name: 'string', list: false }, kubebuilderEnum: ['soft', 'hard'] },
      { json: 'labels', inline: false },
      { inline: true, type: { name: 'Common', list: false } },
    ],
  });
});

test.each([
  ['Colour', { name: 'Colour', list: false }],
  ['*v1.Protocol', { pkg: 'v1', name: 'Protocol', list: false }],
  ['[]PolicyType', { name: 'PolicyType', list: true }],
  ['[]*core.Toleration', { pkg: 'core', name: 'Toleration', list: true }],
  ['[2]string', { name: 'string', list: true }],
  ['map[string]Colour', undefined],
  ['func()', undefined],
])('typeRef(%s)', (text, expected) => {
  expect(typeRef(text)).toEqual(expected);
});
