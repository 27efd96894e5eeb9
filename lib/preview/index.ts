export * from './preview-run';
export * from './run-preview';
export { parseParamFlags } from './run-parameters';
export type { ParameterOverride } from './run-parameters';
export type { SchemaCheck } from './manifest-checks';
export { renderPreviewText } from './render-text';
export type { PreviewTextOptions } from './render-text';
export { previewDocument, renderPreviewJson, renderPreviewYaml, PREVIEW_FORMAT_VERSION } from './render-document';
export { maskPreview } from './mask-preview';
