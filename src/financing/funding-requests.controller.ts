import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Roles, WRITERS } from '../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { ParseId } from '../common/parse-id.pipe.js';
import { idParam } from '../common/id-param.js';
import { ProjectIdParam } from '../projects/project-api-docs.js';
import { CreateFundingRequestDto, UpdateFundingRequestDto } from './dto/funding-request.dto.js';
import { FundingRequestResponse, ProjectFundingRequestsResponse } from './dto/funding-request.response.js';
import { FundingRequestsService } from './funding-requests.service.js';

const NOT_YOURS = 'Viewers; an advisor, on a project assigned to another advisor (only they or a coordinator may)';
const INCONSISTENT =
  'A field is bad, or the request as it would be is inconsistent, named in `details`: an amount negative, not ' +
  'whole or above 10 million dollars; an unknown or retired source; an unknown instrument or status; a date the ' +
  'status needs left out, a date of a later step, a date after today or before the previous step; an amount ' +
  'granted missing for granted or paid, present for the other statuses, or above the amount requested';
const REQUEST_ID = () => ApiParam(idParam('The funding request', 4));

@ApiTags('financing')
@ApiBearerAuth()
@Controller()
export class FundingRequestsController {
  constructor(private readonly requests: FundingRequestsService) {}

  @Post('projects/:id/funding-requests')
  @Roles(...WRITERS)
  @ProjectIdParam()
  @ApiOperation({
    summary: 'Record a funding request of a project',
    description: "One request of the project's financial set-up to one source; it is activity on the project.",
  })
  @ApiCreatedResponse({ type: FundingRequestResponse })
  @ApiBadRequestResponse({ description: INCONSISTENT })
  @ApiForbiddenResponse({ description: NOT_YOURS })
  @ApiNotFoundResponse({ description: 'No project has this id' })
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseId()) id: number,
    @Body() body: CreateFundingRequestDto,
  ): Promise<FundingRequestResponse> {
    return this.requests.create(user, id, body);
  }

  @Get('projects/:id/funding-requests')
  @ProjectIdParam()
  @ApiOperation({
    summary: "List a project's funding requests",
    description:
      'Oldest first, with their totals (granted: the requests granted or paid). Viewers read the amounts, ' +
      'never the notes.',
  })
  @ApiOkResponse({ type: ProjectFundingRequestsResponse })
  @ApiNotFoundResponse({ description: 'No project has this id' })
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseId()) id: number,
  ): Promise<ProjectFundingRequestsResponse> {
    return this.requests.listForProject(user, id);
  }

  @Patch('funding-requests/:id')
  @Roles(...WRITERS)
  @REQUEST_ID()
  @ApiOperation({
    summary: 'Change a funding request',
    description:
      'Any of its fields; the request as it will be is checked whole. A change of status drops the amount ' +
      'granted and the dates the new status does not take, unless they are sent.',
  })
  @ApiOkResponse({ type: FundingRequestResponse, description: 'The request as it is now' })
  @ApiBadRequestResponse({ description: INCONSISTENT })
  @ApiForbiddenResponse({ description: NOT_YOURS })
  @ApiNotFoundResponse({ description: 'No funding request has this id' })
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseId()) id: number,
    @Body() body: UpdateFundingRequestDto,
  ): Promise<FundingRequestResponse> {
    return this.requests.update(user, id, body);
  }

  @Delete('funding-requests/:id')
  @Roles(...WRITERS)
  @HttpCode(204)
  @REQUEST_ID()
  @ApiOperation({ summary: 'Delete a funding request', description: 'A request recorded by mistake.' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiForbiddenResponse({ description: NOT_YOURS })
  @ApiNotFoundResponse({ description: 'No funding request has this id' })
  delete(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseId()) id: number): Promise<void> {
    return this.requests.delete(user, id);
  }
}
