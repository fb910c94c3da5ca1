import { ApiProperty } from '@nestjs/swagger';
import { PagePositionResponse } from '../../common/pagination.js';
import { ProjectResponse } from './project.response.js';

/** One page of projects, and how many match in all. */
export class ProjectPageResponse extends PagePositionResponse {
  @ApiProperty({ type: () => [ProjectResponse], description: 'Without contacts' })
  items: ProjectResponse[];

  @ApiProperty({ type: 'integer', minimum: 0, example: 16, description: 'Projects matching the filters, every page' })
  total: number;
}
