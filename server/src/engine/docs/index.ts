// The docs module: SchemaModel → Markdown/HTML docs with ERDs and a glossary, the structural drift
// check, the docs lint and the comment emitter. Pure except write.ts (files).
export * from './generate';
export * from './drift';
export * from './lint';
export * from './emit-comments';
export * from './coverage';
export * from './structure';
export * from './write';
export type { ErdBundle } from './html-writer';
export * from './erd-bundle-file';
export * from './workspace-inputs';
export * from './mysql-column-definitions';
