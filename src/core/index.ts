/** The Phasewise core: pure TypeScript, no `vscode` import. */
export * from './model';
export * from './status';
export * from './mojibake';
export * from './edits';
export * from './diagnostics';
export * from './report';
export * from './identity';
export * from './labels';
export * from './actions';
export * from './queries';
export * from './agent';
export * from './agentTools';
export * from './agentInstructions';
export { PlanDocument, parsePlan, parseWhole, type TextChange } from './parse/document';
export { clearSectionCache, setSectionCacheLimit } from './parse/sections';
export * from './templates';
export * from './discover';
export { lineIndex, lineStarts } from './parse/lines';
