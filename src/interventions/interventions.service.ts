import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditTrail, type AuditActor } from '../audit/audit-trail.js';
import { copiesOf, listChanges } from '../audit/list-changes.js';
import { conflict, notFound, unprocessable } from '../common/domain-error.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { TimeEntry } from '../time-entries/time-entry.entity.js';
import type { CreateInterventionTypeDto, UpdateInterventionTypeDto } from './dto/intervention-type.dto.js';
import { InterventionFamily } from './intervention-family.entity.js';
import { InterventionType } from './intervention-type.entity.js';

export interface FamilyWithTypes extends InterventionFamily {
  types: InterventionType[];
}

/** The families are fixed by the reports that group by them; their types are data that admins shape. */
@Injectable()
export class InterventionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditTrail,
  ) {}

  async list(): Promise<FamilyWithTypes[]> {
    const manager = this.dataSource.manager;
    const [families, types] = await Promise.all([
      manager.find(InterventionFamily, { order: { position: 'ASC' } }),
      manager.find(InterventionType, { order: { familyCode: 'ASC', position: 'ASC' } }),
    ]);
    return families.map((family) => ({ ...family, types: types.filter((t) => t.familyCode === family.code) }));
  }

  async create(actor: AuditActor, input: CreateInterventionTypeDto): Promise<InterventionType> {
    return this.transactions.run(async (manager) => {
      const family = await this.lockFamily(manager, input.familyCode);
      if (!family) throw unprocessable(`familyCode ${input.familyCode} is not a family of intervention types`);
      if (await manager.existsBy(InterventionType, { code: input.code }))
        throw conflict(`An intervention type ${input.code} already exists`);
      const types = await this.typesOf(manager, family.code);
      const read = copiesOf(types);
      const position = input.position ?? types.length + 1;
      if (position > types.length + 1) throw unprocessable(`position must be between 1 and ${types.length + 1}`);
      const created = manager.create(InterventionType, {
        code: input.code,
        familyCode: family.code,
        labelFr: input.labelFr,
        labelEn: input.labelEn,
        position,
        active: true,
      });
      types.splice(position - 1, 0, created);
      await this.savePositions(manager, types);
      await this.audit.recordAll(manager, actor, listChanges('intervention_type', byCode, read, types));
      return created;
    });
  }

  async update(actor: AuditActor, code: string, input: UpdateInterventionTypeDto): Promise<InterventionType> {
    return this.transactions.run(async (manager) => {
      const found = await manager.findOneBy(InterventionType, { code });
      if (!found) throw notFound('Intervention type', code);
      await this.lockFamily(manager, found.familyCode);
      const types = await this.typesOf(manager, found.familyCode);
      const read = copiesOf(types);
      const type = types.find((t) => t.code === code)!;
      if (input.labelFr !== undefined) type.labelFr = input.labelFr;
      if (input.labelEn !== undefined) type.labelEn = input.labelEn;
      if (input.active !== undefined) type.active = input.active;
      if (input.position !== undefined) {
        if (input.position > types.length) throw unprocessable(`position must be between 1 and ${types.length}`);
        types.splice(types.indexOf(type), 1);
        types.splice(input.position - 1, 0, type);
      }
      await this.savePositions(manager, types);
      await this.audit.recordAll(manager, actor, listChanges('intervention_type', byCode, read, types));
      return type;
    });
  }

  async delete(actor: AuditActor, code: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      const found = await manager.findOneBy(InterventionType, { code });
      if (!found) throw notFound('Intervention type', code);
      await this.lockFamily(manager, found.familyCode);
      if (await manager.existsBy(TimeEntry, { interventionTypeCode: code }))
        throw conflict(`Time entries use intervention type ${code}: retire it (active: false) instead`);
      // Read under the family's lock: the type as it is deleted, and the others as they move up.
      const types = await this.typesOf(manager, found.familyCode);
      const read = copiesOf(types);
      await manager.delete(InterventionType, { code });
      const others = types.filter((t) => t.code !== code);
      await this.savePositions(manager, others);
      await this.audit.recordAll(manager, actor, listChanges('intervention_type', byCode, read, others));
    });
  }

  /** Holds a family's row so that changes to its types' positions apply one at a time. */
  private lockFamily(manager: EntityManager, code: string): Promise<InterventionFamily | null> {
    return this.transactions
      .forUpdate(manager.createQueryBuilder(InterventionFamily, 'f').where('f.code = :code', { code }))
      .getOne();
  }

  private typesOf(manager: EntityManager, familyCode: string): Promise<InterventionType[]> {
    return manager.find(InterventionType, { where: { familyCode }, order: { position: 'ASC' } });
  }

  private async savePositions(manager: EntityManager, ordered: InterventionType[]) {
    ordered.forEach((type, index) => (type.position = index + 1));
    await manager.save(InterventionType, ordered);
  }
}

const byCode = (type: InterventionType) => type.code;
