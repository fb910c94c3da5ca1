import { Body, Controller, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentUser, Roles, WRITERS } from '../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { BulkMovesResponse } from './dto/move.response.js';
import { BulkTransitionsDto } from './dto/transition.dto.js';
import { TransitionsService } from './transitions.service.js';

@ApiTags('projects')
@ApiBearerAuth()
@Controller('transitions')
export class BulkTransitionsController {
  constructor(private readonly transitions: TransitionsService) {}

  /** Moves many projects at once, all or nothing (the end of a cohort, say). */
  @Roles(...WRITERS)
  @Post('bulk')
  @ApiOperation({
    summary: 'Move many projects at once',
    description:
      'Up to 1,000 moves, all or nothing (the end of a cohort, say), checked in the order sent: a project moved ' +
      'twice is checked as the earlier move leaves it. Each move follows the rules of `POST /projects/:id/transitions`; ' +
      "its `expectedVersion` is the version of the enrollment it moves, as the enrollment's ETag gives it. " +
      'The first refusal names the move (`moves[i]` in the message, `details.index` and `details.projectId`) ' +
      'and nothing is recorded.',
  })
  @ApiCreatedResponse({ type: BulkMovesResponse, description: 'Every move recorded, in the order sent' })
  @ApiForbiddenResponse({ description: 'Viewers; an advisor moving a project assigned to another advisor' })
  @ApiConflictResponse({
    description:
      "A move's `expectedVersion` is not its enrollment's current version, or someone moved one of the " +
      'enrollments at the same moment; nothing was recorded',
  })
  @ApiUnprocessableEntityResponse({
    description: 'A move the rules of the pipeline refuse, or a project that does not exist; nothing was recorded',
  })
  async bulk(@CurrentUser() user: AuthenticatedUser, @Body() body: BulkTransitionsDto): Promise<BulkMovesResponse> {
    return { moves: await this.transitions.bulk(user, body.moves) };
  }
}
