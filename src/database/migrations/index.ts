import { InitialSchema1763800000000 } from './1763800000000-initial-schema.js';
import { DefaultPipelines1763800000001 } from './1763800000001-default-pipelines.js';

/** Listed by hand, oldest first: no glob to go wrong between ts-jest, tsc output and ESM. */
export const MIGRATIONS = [InitialSchema1763800000000, DefaultPipelines1763800000001];
