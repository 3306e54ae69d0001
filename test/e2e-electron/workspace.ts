// The workspace the desktop suite opens: settings naming the Chinook connection, and the .sql files
// the scenarios edit. Shared by the runner (which writes it) and the suite (which reads its names).
/** One database per run, so two runs on the same server never drop each other's. */
export const ELECTRON_DATABASE = `sw_e2e_electron_${process.pid}`;
export const CONNECTION = 'e2e-chinook';

export function electronWorkspaceFiles(): Record<string, string> {
  return {
    '.vscode/settings.json': JSON.stringify(
      {
        'schemawise.connections': [{ name: CONNECTION, dialect: 'postgres', host: '127.0.0.1', port: 5432, database: ELECTRON_DATABASE, user: 'postgres', readOnly: true }],
        'schemawise.activeConnection': CONNECTION,
        // The suite reads the audit log from the workspace; by default it lives in the user's state folder.
        'schemawise.audit.path': '.schemawise/audit.log',
      },
      null,
      2,
    ),
    'chinook.sql': 'SELECT t. FROM track AS t;\nSELECT milliseconds FROM track;\nSELECT * FROM ;\n',
    'sample.sql': 'SELECT o. FROM sales.orders AS o;\nSELECT status FROM sales.orders;\n',
    // Line 1: a read (album 108: ten tracks, the first without a composer); line 2: a write the
    // read-only connection refuses.
    'run.sql': 'SELECT track_id, name, composer FROM track WHERE album_id = 108 ORDER BY track_id;\nDELETE FROM track WHERE track_id = 1352;\n',
    // The "Generate SQL" code action of a question comment.
    'ask.sql': '-- how many tracks are there\n',
  };
}
