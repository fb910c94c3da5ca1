import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentUser, MANAGERS, Roles } from '../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { ParseId } from '../common/parse-id.pipe.js';
import { ApiUserIdParam } from './api-user-id-param.js';
import { CreateUserDto, UpdateUserDto } from './dto/user.dto.js';
import { UserResponse } from './dto/user.response.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** Coordinators read the list too: they assign projects to advisors. */
  @Roles(...MANAGERS)
  @Get()
  @ApiOperation({
    summary: 'List the users',
    description: 'Every account, deactivated ones included, by id. Coordinators read it to assign projects.',
  })
  @ApiOkResponse({ type: [UserResponse] })
  list(): Promise<UserResponse[]> {
    return this.users.list();
  }

  @Roles(...MANAGERS)
  @Get(':id')
  @ApiOperation({ summary: 'Get a user' })
  @ApiUserIdParam()
  @ApiOkResponse({ type: UserResponse })
  get(@Param('id', ParseId()) id: number): Promise<UserResponse> {
    return this.users.get(id);
  }

  @Roles('admin')
  @Post()
  @ApiOperation({
    summary: 'Create a user',
    description: 'The e-mail is stored in lower case; the language is French unless given.',
  })
  @ApiCreatedResponse({ type: UserResponse, description: 'Created, active' })
  @ApiConflictResponse({ description: 'A user with this e-mail already exists' })
  create(@CurrentUser() admin: AuthenticatedUser, @Body() body: CreateUserDto): Promise<UserResponse> {
    return this.users.create(admin, body);
  }

  @Roles('admin')
  @Patch(':id')
  @ApiOperation({
    summary: 'Change a user',
    description:
      'Only the fields sent change. A new password, and deactivation, make every token of the user stop working.',
  })
  @ApiUserIdParam()
  @ApiOkResponse({ type: UserResponse, description: 'The user as changed' })
  @ApiUnprocessableEntityResponse({
    description: 'The user is the last active admin and would stop being one (role or active): nothing was changed',
  })
  update(
    @CurrentUser() admin: AuthenticatedUser,
    @Param('id', ParseId()) id: number,
    @Body() body: UpdateUserDto,
  ): Promise<UserResponse> {
    return this.users.update(admin, id, body);
  }
}
