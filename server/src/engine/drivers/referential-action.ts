// Foreign-key actions as catalogs spell them ("SET NULL" in information_schema, "SET_NULL" in
// SQL Server's sys.foreign_keys) → the model's ReferentialAction.
import type { ReferentialAction } from '../schema/model';

const ACTIONS: Record<string, ReferentialAction> = {
  CASCADE: 'cascade',
  SET_NULL: 'set_null',
  SET_DEFAULT: 'set_default',
  RESTRICT: 'restrict',
  NO_ACTION: 'no_action',
};

export function referentialAction(rule: string | null | undefined): ReferentialAction {
  return ACTIONS[(rule ?? '').trim().toUpperCase().replace(/\s+/g, '_')] ?? 'no_action';
}
