// The catalog SQL, one file per object kind (see queries/*.sql). Each runs once per introspection,
// whatever the size of the database.
import server from './queries/server.sql';
import schemas from './queries/schemas.sql';
import relations from './queries/relations.sql';
import columns from './queries/columns.sql';
import constraints from './queries/constraints.sql';
import indexes from './queries/indexes.sql';
import enums from './queries/enums.sql';
import routines from './queries/routines.sql';
import domains from './queries/domains.sql';
import columnDomains from './queries/column-domains.sql';
import fkDeferrable from './queries/fk-deferrable.sql';

export const CATALOG_QUERIES = { server, schemas, relations, columns, constraints, indexes, enums, routines, domains, columnDomains, fkDeferrable } as const;

export type CatalogQueryName = keyof typeof CATALOG_QUERIES;
