import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Roles, WRITERS } from '../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { ParseId } from '../common/parse-id.pipe.js';
import { ProjectIdParam } from '../projects/project-api-docs.js';
import { CreateNoteDto } from './dto/project-attention.dto.js';
import { ProjectNoteResponse } from './dto/project-note.response.js';
import { ProjectAttentionService } from './project-attention.service.js';

/** A project's notes. Staff only: notes are free text written about people. */
@ApiTags('projects')
@ApiBearerAuth()
@Roles(...WRITERS)
@Controller('projects/:id/notes')
export class ProjectNotesController {
  constructor(private readonly attention: ProjectAttentionService) {}

  @Post()
  @ProjectIdParam()
  @ApiOperation({
    summary: 'Write a note on a project',
    description: 'A note is activity: the project is no longer stale, and its stale alert starts over.',
  })
  @ApiCreatedResponse({ type: ProjectNoteResponse })
  @ApiForbiddenResponse({
    description: 'Viewers; an advisor, on a project assigned to another advisor (only they or a coordinator may)',
  })
  addNote(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseId()) id: number,
    @Body() body: CreateNoteDto,
  ): Promise<ProjectNoteResponse> {
    return this.attention.addNote(user, id, body);
  }

  @Get()
  @ProjectIdParam()
  @ApiOperation({ summary: "Read a project's notes", description: 'Newest first.' })
  @ApiOkResponse({ type: [ProjectNoteResponse] })
  notes(@Param('id', ParseId()) id: number): Promise<ProjectNoteResponse[]> {
    return this.attention.notes(id);
  }
}
