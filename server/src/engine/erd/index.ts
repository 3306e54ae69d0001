// The ERD module: SchemaModel → graph model → views → layout/geometry → Mermaid. Pure, DOM-free.
export * from './graph';
export * from './build-graph';
export * from './views';
export * from './geometry';
export * from './layout';
export * from './mermaid';
