import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, MANAGERS, Roles } from '../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { ParseId } from '../common/parse-id.pipe.js';
import {
  CreateOrganizationDto,
  ListOrganizationsQuery,
  OrganizationStatsQuery,
  UpdateOrganizationDto,
} from './dto/organization.dto.js';
import { ORGANIZATION_ID } from './dto/organization.properties.js';
import { OrganizationPageResponse, OrganizationResponse } from './dto/organization.response.js';
import { OrganizationStatsResponse } from './dto/organization-stats.response.js';
import { OrganizationsService } from './organizations.service.js';

const NUMBER_TAKEN = 'Another co-op has this enterprise number';
const MEMBERSHIP =
  'memberUntil is the last day as a member: it needs memberSince and is not before it (400 naming the field).';

@ApiTags('organizations')
@ApiBearerAuth()
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @ApiOperation({
    summary: 'List co-ops',
    description: 'By name, then id, a page at a time; the filters combine.',
  })
  @ApiOkResponse({ type: OrganizationPageResponse, description: 'A page of co-ops' })
  @Get()
  list(@Query() query: ListOrganizationsQuery): Promise<OrganizationPageResponse> {
    return this.organizations.list(query);
  }

  @ApiOperation({
    summary: "The federation's members over a reporting year",
    description:
      "Members on the year's last day, co-ops that joined and left during the year, and the members by region, " +
      "with the regions that had no member at the previous year's end. A co-op is a member on a day when " +
      'memberSince is on or before it and memberUntil (its last day) is not before it.',
  })
  @ApiOkResponse({ type: OrganizationStatsResponse, description: 'The counts for the year' })
  @Get('stats')
  stats(@Query() query: OrganizationStatsQuery): Promise<OrganizationStatsResponse> {
    return this.organizations.stats(query.year);
  }

  @ApiOperation({ summary: 'Get a co-op' })
  @ApiParam(ORGANIZATION_ID)
  @ApiOkResponse({ type: OrganizationResponse, description: 'The co-op' })
  @ApiNotFoundResponse({ description: 'No such co-op' })
  @Get(':id')
  get(@Param('id', ParseId()) id: number): Promise<OrganizationResponse> {
    return this.organizations.get(id);
  }

  @ApiOperation({ summary: 'Record a co-op', description: MEMBERSHIP })
  @ApiCreatedResponse({ type: OrganizationResponse, description: 'The new co-op' })
  @ApiConflictResponse({ description: NUMBER_TAKEN })
  @Roles(...MANAGERS)
  @Post()
  create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateOrganizationDto): Promise<OrganizationResponse> {
    return this.organizations.create(user, body);
  }

  @ApiOperation({ summary: 'Change a co-op', description: `Only the fields sent change. ${MEMBERSHIP}` })
  @ApiParam(ORGANIZATION_ID)
  @ApiOkResponse({ type: OrganizationResponse, description: 'The co-op as it is now' })
  @ApiNotFoundResponse({ description: 'No such co-op' })
  @ApiConflictResponse({ description: NUMBER_TAKEN })
  @Roles(...MANAGERS)
  @Patch(':id')
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseId()) id: number,
    @Body() body: UpdateOrganizationDto,
  ): Promise<OrganizationResponse> {
    return this.organizations.update(user, id, body);
  }

  @ApiOperation({
    summary: 'Delete a co-op',
    description: 'For a co-op recorded by mistake. One that left the federation keeps its record, with memberUntil.',
  })
  @ApiParam(ORGANIZATION_ID)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ description: 'No such co-op' })
  @ApiConflictResponse({ description: 'Other records (time entries, jobs) refer to the co-op; nothing was deleted' })
  @Roles('admin')
  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseId()) id: number): Promise<void> {
    return this.organizations.remove(user, id);
  }
}
