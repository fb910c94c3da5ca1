import { ApiExtraModels, ApiProperty } from '@nestjs/swagger';
import { ExportLogUserResponse } from '../../exports/dto/export-log.response.js';
import { PagePositionResponse } from '../../common/pagination.js';
import { nullableRef } from '../../openapi/nullable.js';
import { AUDIT_ACTIONS, AUDITED_ENTITIES, type AuditAction, type AuditedEntity } from '../audited-entities.js';

const FIELDS_SCHEMA = {
  type: 'object' as const,
  nullable: true,
  additionalProperties: true,
};

/** One change of one entity. */
@ApiExtraModels(ExportLogUserResponse)
export class AuditEntryResponse {
  @ApiProperty({ type: 'integer', minimum: 1, example: 311 })
  id: number;

  @ApiProperty({ type: 'string', format: 'date-time', example: '2024-04-02T13:45:00.000Z' })
  occurredAt: Date;

  @ApiProperty(
    nullableRef(ExportLogUserResponse, 'Who made it; null when the service did (a schedule, the retention)', {
      id: 2,
      name: 'Coordination (démo)',
      email: 'coordination@demo.coop.example',
    }),
  )
  user: ExportLogUserResponse | null;

  @ApiProperty({ enum: AUDITED_ENTITIES, enumName: 'AuditedEntity', example: 'project' })
  entity: AuditedEntity;

  @ApiProperty({ example: '12', description: "The entity's id, as text (a program's is its code)" })
  entityId: string;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    minimum: 1,
    example: 12,
    description: 'The project it belongs to, if any',
  })
  projectId: number | null;

  @ApiProperty({
    enum: AUDIT_ACTIONS,
    enumName: 'AuditAction',
    example: 'change',
    description: 'erase: a contact forgotten (Law 25), its details blanked in every entry',
  })
  action: AuditAction;

  @ApiProperty({
    ...FIELDS_SCHEMA,
    example: { region: '06', entrepreneurCount: 4 },
    description: 'The fields before: null for a creation; for a change, only those that changed',
  })
  before: Record<string, unknown> | null;

  @ApiProperty({
    ...FIELDS_SCHEMA,
    example: { region: '03', entrepreneurCount: 5 },
    description: 'The fields after: null for a deletion or an erasure',
  })
  after: Record<string, unknown> | null;
}

/** One page of the audit trail, newest first. */
export class AuditPageResponse extends PagePositionResponse {
  @ApiProperty({ type: () => [AuditEntryResponse] })
  items: AuditEntryResponse[];

  @ApiProperty({ type: 'integer', minimum: 0, example: 1, description: 'Entries that match, on every page' })
  total: number;
}
