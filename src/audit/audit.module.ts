import { Global, Module } from '@nestjs/common';
import { AuditController } from './audit.controller.js';
import { AuditLog } from './audit-log.js';
import { AuditTrail } from './audit-trail.js';

/** Global: every domain records its changes in the trail, in its own transactions. */
@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditTrail, AuditLog],
  exports: [AuditTrail, AuditLog],
})
export class AuditModule {}
