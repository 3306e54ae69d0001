// The one place that says where the shared datasets are: $SCHEMAWISE_DATASETS, else ../shared/datasets
// next to the repository (how this project's machines and CI lay them out). See README "Tests".
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const DATASETS_DIR = resolve(process.env.SCHEMAWISE_DATASETS ?? resolve(__dirname, '../../../shared/datasets'));

export function datasetsPresent(): boolean {
  return existsSync(DATASETS_DIR);
}

/** Whether an error is a dataset file that could not be read because the datasets folder is missing. */
export function isMissingDataset(e: unknown): boolean {
  const err = e as NodeJS.ErrnoException | undefined;
  return !datasetsPresent() && err?.code === 'ENOENT' && typeof err.path === 'string' && resolve(err.path).startsWith(DATASETS_DIR);
}
