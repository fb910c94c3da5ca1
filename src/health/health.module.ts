import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { HealthController } from './health.controller.js';
import { ProbesController } from './probes.controller.js';

@Module({ imports: [AuthModule], controllers: [HealthController, ProbesController] })
export class HealthModule {}
