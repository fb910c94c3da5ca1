import { ApiProperty } from '@nestjs/swagger';
import { ProjectResponse } from './project.response.js';

/** One page of projects, and how many match in all. */
export class ProjectPageResponse {
  @ApiProperty({ type: () => [ProjectResponse], description: 'Without contacts' })
  items: ProjectResponse[];

  @ApiProperty({ type: 'integer', minimum: 0, example: 16, description: 'Projects matching the filters, every page' })
  total: number;

  @ApiProperty({ type: 'integer', minimum: 1, example: 1 })
  page: number;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 500, example: 50 })
  pageSize: number;
}
