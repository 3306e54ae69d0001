// The workspace the desktop suite opens: settings naming the Chinook connection, and the .sql files
// the scenarios edit. Shared by the runner (which writes it) and the suite (which reads its names).
export const ELECTRON_DATABASE = 'sw_e2e_electron';
export const CONNECTION = 'e2e-chinook';

export function electronWorkspaceFiles(): Record<string, string> {
  return {
    '.vscode/settings.json': JSON.stringify(
      {
        'schemawise.connections': [{ name: CONNECTION, dialect: 'postgres', host: '127.0.0.1', port: 5432, database: ELECTRON_DATABASE, user: 'postgres', readOnly: true }],
        'schemawise.activeConnection': CONNECTION,
      },
      null,
      2,
    ),
    'chinook.sql': 'SELECT t. FROM track AS t;\nSELECT milliseconds FROM track;\nSELECT * FROM ;\n',
    'sample.sql': 'SELECT o. FROM sales.orders AS o;\nSELECT status FROM sales.orders;\n',
  };
}
