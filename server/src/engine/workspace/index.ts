// The team's shared `.schemawise/` folder: Git-friendly schema snapshots, shared connections, saved queries.
export { snapshotName, snapshotPath, workspacePaths, WORKSPACE_DIR } from './paths';
export { serializeStableSnapshot, stableModel, writeStableSnapshot } from './stable-snapshot';
export { mergeConnections, parseConnectionsFile, serializeConnectionsFile, type ConnectionsFile, type SharedConnection } from './connections';
export { listSavedQueries, queryTitle, type SavedQuery } from './saved-queries';
