import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module.js';
import { OrganizationsController } from './organizations.controller.js';
import { OrganizationsService } from './organizations.service.js';
import { ProjectOrganizationController } from './project-organization.controller.js';

@Module({
  imports: [ProjectsModule],
  controllers: [OrganizationsController, ProjectOrganizationController],
  providers: [OrganizationsService],
  exports: [OrganizationsService],
})
export class OrganizationsModule {}
