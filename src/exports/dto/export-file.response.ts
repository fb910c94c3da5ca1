import { getSchemaPath, type ApiResponseOptions } from '@nestjs/swagger';
import { attachmentDisposition } from '../content-disposition.js';

/**
 * The 200 of an export: the file in the format asked for, with the media type each format is sent
 * as (CSV goes with `charset=utf-8`), as an attachment named after what it holds. The JSON form's
 * schema is `json`, which the controller names in `@ApiExtraModels`.
 */
export const exportFileResponse = (
  description: string,
  json: new (...args: never[]) => unknown,
  csvFilename: string,
): ApiResponseOptions => ({
  description:
    `${description}, streamed. CSV is sent as \`text/csv; charset=utf-8\`: UTF-8 with a byte-order mark, ` +
    'CRLF line ends, RFC 4180 quoting; a rate is written `63 %` (`63%` with `lang=en`). In CSV and XLSX, text ' +
    "that begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`; JSON is left as typed.",
  headers: {
    'Content-Disposition': {
      description:
        'attachment, with an ASCII file name for old clients and the exact UTF-8 one (RFC 6266, RFC 8187); the ' +
        'extension is the format, the name in the language of `lang`',
      schema: { type: 'string', example: attachmentDisposition(csvFilename) },
    },
  },
  content: {
    'text/csv': { schema: { type: 'string' } },
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
      schema: { type: 'string', format: 'binary' },
    },
    'application/json': { schema: { $ref: getSchemaPath(json) } },
  },
});
