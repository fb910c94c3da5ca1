/**
 * The largest file the import takes. Ten thousand rows of the export's layout weigh about 3 MB; the
 * limit leaves room for long contact lists, and keeps the file, which is read whole, small in memory.
 */
export const MAX_IMPORT_MEGABYTES = 20;
export const MAX_IMPORT_BYTES = MAX_IMPORT_MEGABYTES * 1024 * 1024;
