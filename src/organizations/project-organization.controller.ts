import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentUser, Roles, WRITERS } from '../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { ParseId } from '../common/parse-id.pipe.js';
import { ProjectIdParam } from '../projects/project-api-docs.js';
import { OrganizationFromProjectDto } from './dto/organization.dto.js';
import { OrganizationResponse } from './dto/organization.response.js';
import { OrganizationsService } from './organizations.service.js';

/** The co-op a project became when it incorporated: in a year's report the two count as one. */
@ApiTags('organizations')
@ApiBearerAuth()
@Controller('projects/:id/organization')
export class ProjectOrganizationController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Post()
  @ProjectIdParam()
  @Roles(...WRITERS)
  @ApiOperation({
    summary: 'Record the co-op a project became',
    description:
      'Creates the co-op from the project (its name unless another is given, its co-op type, region and sector) and ' +
      'links the two (`projectId`). The project must have reached its incorporated milestone in some program: ' +
      'its history shows it in the incorporation stage or a later one.',
  })
  @ApiCreatedResponse({ type: OrganizationResponse, description: 'The new co-op, linked to the project' })
  @ApiForbiddenResponse({
    description: 'Viewers; an advisor, on a project assigned to another advisor (only they or a coordinator may)',
  })
  @ApiNotFoundResponse({ description: 'No such project' })
  @ApiConflictResponse({
    description: 'The project already has its co-op, or another co-op has this enterprise number',
  })
  @ApiUnprocessableEntityResponse({ description: 'The project has not reached the incorporated milestone' })
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseId()) id: number,
    @Body() body: OrganizationFromProjectDto,
  ): Promise<OrganizationResponse> {
    return this.organizations.createFromProject(user, id, body);
  }

  @Get()
  @ProjectIdParam()
  @ApiOperation({ summary: 'Get the co-op a project became' })
  @ApiOkResponse({ type: OrganizationResponse, description: 'The co-op' })
  @ApiNotFoundResponse({ description: 'No such project, or it has no co-op yet' })
  get(@Param('id', ParseId()) id: number): Promise<OrganizationResponse> {
    return this.organizations.ofProject(id);
  }
}
