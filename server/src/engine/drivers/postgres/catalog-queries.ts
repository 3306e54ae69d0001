// The catalog SQL, one file per object kind (see queries/*.sql). Each runs once per introspection,
// whatever the size of the database.
import server from './queries/server.sql';
import schemas from './queries/schemas.sql';
import relations from './queries/relations.sql';
import columns from './queries/columns.sql';
import columnDefaults from './queries/column-defaults.sql';
import constraints from './queries/constraints.sql';
import indexes from './queries/indexes.sql';
import enums from './queries/enums.sql';
import routines from './queries/routines.sql';
import tableSizes from './queries/table-sizes.sql';
import triggers from './queries/triggers.sql';
import sequences from './queries/sequences.sql';
import viewDependencies from './queries/view-dependencies.sql';

import domains from './queries/domains.sql';
import columnDomains from './queries/column-domains.sql';

// Routine volatility, SECURITY DEFINER and definitions come with routines.sql (docs and diff both use them).
export const CATALOG_QUERIES = { server, schemas, relations, columns, columnDefaults, constraints, indexes, enums, routines, sequences, viewDependencies, tableSizes, triggers, domains, columnDomains } as const;

export type CatalogQueryName = keyof typeof CATALOG_QUERIES;
