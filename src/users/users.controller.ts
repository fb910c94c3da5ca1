import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ParseId } from '../common/parse-id.pipe.js';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { MANAGERS, Roles } from '../auth/auth.decorators.js';
import { CreateUserDto, UpdateUserDto } from './dto/user.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** Coordinators read the list too: they assign projects to advisors. */
  @Roles(...MANAGERS)
  @Get()
  list() {
    return this.users.list();
  }

  @Roles(...MANAGERS)
  @Get(':id')
  get(@Param('id', ParseId()) id: number) {
    return this.users.get(id);
  }

  @Roles('admin')
  @Post()
  create(@Body() body: CreateUserDto) {
    return this.users.create(body);
  }

  @Roles('admin')
  @Patch(':id')
  update(@Param('id', ParseId()) id: number, @Body() body: UpdateUserDto) {
    return this.users.update(id, body);
  }
}
