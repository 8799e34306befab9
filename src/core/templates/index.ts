/**
 * Section templates and new documents, built as mdast trees and serialised with
 * mdast-util-to-markdown.
 */
export { type TemplateKind, type TemplateOptions, TEMPLATE_KINDS, insertTemplate } from './insert';
export { type DocumentTemplate, type NewDocumentOptions, DOCUMENT_TEMPLATES, newDocument } from './documents';
