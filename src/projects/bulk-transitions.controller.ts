import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, WRITERS } from '../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
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
  async bulk(@CurrentUser() user: AuthenticatedUser, @Body() body: BulkTransitionsDto) {
    return { moves: await this.transitions.bulk(user, body.moves) };
  }
}
