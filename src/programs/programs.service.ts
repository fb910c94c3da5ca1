import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AuditTrail, type AuditActor } from '../audit/audit-trail.js';
import { copiesOf, listChanges } from '../audit/list-changes.js';
import { conflict, notFound, unprocessable } from '../common/domain-error.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { STATUS_TARGETS } from '../projects/dto/transition.dto.js';
import { Enrollment } from '../projects/enrollment.entity.js';
import { FigureMarks } from '../figures/figure-marks.js';
import { Transition } from '../projects/transition.entity.js';
import type { UpdateProgramDto } from './dto/program.dto.js';
import type { CreateStageDto, ReorderStagesDto, UpdateStageDto } from './dto/stage.dto.js';
import { Program } from './program.entity.js';
import { Stage } from './stage.entity.js';

export interface ProgramWithStages extends Program {
  stages: Stage[];
}

/** Programs are fixed; their stages are data that admins shape. */
@Injectable()
export class ProgramsService {
  constructor(
    @InjectRepository(Program) private readonly programs: Repository<Program>,
    @InjectRepository(Stage) private readonly stages: Repository<Stage>,
    private readonly transactions: TransactionRunner,
    private readonly figureMarks: FigureMarks,
    private readonly audit: AuditTrail,
  ) {}

  async list(): Promise<ProgramWithStages[]> {
    const [programs, stages] = await Promise.all([
      this.programs.find({ order: { position: 'ASC' } }),
      this.stages.find({ order: { programCode: 'ASC', position: 'ASC' } }),
    ]);
    return programs.map((program) => ({ ...program, stages: stages.filter((s) => s.programCode === program.code) }));
  }

  async get(code: string): Promise<ProgramWithStages> {
    const program = await this.programs.findOneBy({ code });
    if (!program) throw notFound('Program', code);
    return { ...program, stages: await this.stagesOf(code) };
  }

  async update(actor: AuditActor, code: string, input: UpdateProgramDto): Promise<ProgramWithStages> {
    await this.transactions.run(async (manager) => {
      const program = await this.lockProgram(code, manager);
      if (input.checkInOffsets === undefined) return;
      if (!program.usesCohorts && input.checkInOffsets.length > 0) {
        throw unprocessable(
          `Program ${code} has no cohorts, so no cohort ends to check in after: checkInOffsets must be []`,
        );
      }
      const changes = { checkInOffsets: [...input.checkInOffsets].sort((a, b) => a - b) };
      await manager.update(Program, { code }, changes);
      await this.audit.record(manager, actor, { entity: 'program', id: code, before: program, after: changes });
    });
    return this.get(code);
  }

  /** For a body that names a program: an unknown code there is a 422, not a 404. */
  async requireForInput(code: string, manager: EntityManager = this.programs.manager): Promise<Program> {
    const program = await manager.findOneBy(Program, { code });
    if (!program) {
      const known = (await manager.find(Program, { order: { position: 'ASC' } })).map((p) => p.code);
      throw unprocessable(`programCode ${code} is not a program; the programs are ${known.join(', ')}`);
    }
    return program;
  }

  stagesOf(programCode: string, manager: EntityManager = this.stages.manager): Promise<Stage[]> {
    return manager.find(Stage, { where: { programCode }, order: { position: 'ASC' } });
  }

  async addStage(actor: AuditActor, programCode: string, input: CreateStageDto): Promise<Stage[]> {
    return this.transactions.run(async (manager) => {
      const stages = await this.requireStages(programCode, manager);
      if ((STATUS_TARGETS as readonly string[]).includes(input.code)) {
        throw unprocessable(
          `${input.code} is a move target of its own (${STATUS_TARGETS.join(', ')}) and cannot be a stage code`,
        );
      }
      if (stages.some((s) => s.code === input.code))
        throw conflict(`Program ${programCode} already has a stage ${input.code}`);
      this.assertMilestoneFree(stages, input.milestone ?? null, input.code);
      const position = input.position ?? stages.length + 1;
      if (position > stages.length + 1) throw unprocessable(`position must be between 1 and ${stages.length + 1}`);
      const reordered = [...stages];
      reordered.splice(
        position - 1,
        0,
        manager.create(Stage, {
          programCode,
          code: input.code,
          labelFr: input.labelFr,
          labelEn: input.labelEn,
          position,
          milestone: input.milestone ?? null,
          staleAfterDays: input.staleAfterDays ?? null,
        }),
      );
      await this.savePositions(manager, actor, stages, reordered);
      return this.stagesOf(programCode, manager);
    });
  }

  async updateStage(actor: AuditActor, programCode: string, code: string, input: UpdateStageDto): Promise<Stage> {
    return this.transactions.run(async (manager) => {
      const stages = await this.requireStages(programCode, manager);
      const stage = stages.find((s) => s.code === code);
      if (!stage) throw notFound(`Stage of ${programCode}`, code);
      if (input.milestone !== undefined) this.assertMilestoneFree(stages, input.milestone, code);
      const before = { ...stage };
      const changes = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
      Object.assign(stage, changes);
      // Milestones decide the figures, and labels show in the funnel.
      await this.figureMarks.markProgram(manager, programCode);
      const saved = await manager.save(stage);
      await this.audit.record(manager, actor, { entity: 'stage', id: stage.id, before, after: changes });
      return saved;
    });
  }

  async reorderStages(actor: AuditActor, programCode: string, input: ReorderStagesDto): Promise<Stage[]> {
    return this.transactions.run(async (manager) => {
      const stages = await this.requireStages(programCode, manager);
      const current = new Set(stages.map((s) => s.code));
      const missing = [...current].filter((c) => !input.codes.includes(c));
      const unknown = input.codes.filter((c) => !current.has(c));
      if (missing.length || unknown.length) {
        throw unprocessable('codes must list every stage of the program exactly once', { missing, unknown });
      }
      await this.savePositions(
        manager,
        actor,
        stages,
        input.codes.map((c) => stages.find((s) => s.code === c)!),
      );
      return this.stagesOf(programCode, manager);
    });
  }

  async deleteStage(actor: AuditActor, programCode: string, code: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      const stages = await this.requireStages(programCode, manager);
      const stage = stages.find((s) => s.code === code);
      if (!stage) throw notFound(`Stage of ${programCode}`, code);
      // A stage that any enrollment sits in or any history line mentions is part of the record.
      const inUse =
        (await manager.existsBy(Enrollment, { programCode, stageCode: code })) ||
        (await manager.existsBy(Transition, { programCode, toStage: code })) ||
        (await manager.existsBy(Transition, { programCode, fromStage: code }));
      if (inUse)
        throw conflict(
          `Stage ${code} is in use by projects of ${programCode} and cannot be deleted; relabel it instead`,
        );
      if (stages.length === 1) throw unprocessable('A program keeps at least one stage');
      await manager.delete(Stage, { id: stage.id });
      await this.savePositions(
        manager,
        actor,
        stages,
        stages.filter((s) => s.id !== stage.id),
      );
    });
  }

  /** Reads a program's stages for a change, holding the program row so changes apply one at a time. */
  private async requireStages(programCode: string, manager: EntityManager): Promise<Stage[]> {
    await this.lockProgram(programCode, manager);
    return this.stagesOf(programCode, manager);
  }

  /** The program, its row held until the transaction ends: changes to it and its stages apply one at a time. */
  private async lockProgram(code: string, manager: EntityManager): Promise<Program> {
    const program = await this.transactions
      .forUpdate(manager.createQueryBuilder(Program, 'p').where('p.code = :code', { code }))
      .getOne();
    if (!program) throw notFound('Program', code);
    return program;
  }

  private assertMilestoneFree(stages: Stage[], milestone: string | null, forCode: string) {
    const holder = milestone && stages.find((s) => s.milestone === milestone && s.code !== forCode);
    if (holder)
      throw conflict(`Milestone ${milestone} already belongs to stage ${holder.code}; a milestone marks one stage`);
  }

  /**
   * Numbers the stages 1 to n in this order and saves them. The trail gets what changed against the
   * stages as `read`: a new stage's creation, a removed one's deletion, each other one's new position.
   */
  private async savePositions(manager: EntityManager, actor: AuditActor, read: Stage[], ordered: Stage[]) {
    const asRead = copiesOf(read);
    ordered.forEach((stage, index) => (stage.position = index + 1));
    await manager.save(Stage, ordered);
    await this.audit.recordAll(
      manager,
      actor,
      listChanges('stage', (stage) => stage.id, asRead, ordered),
    );
    await this.figureMarks.markProgram(manager, ordered[0].programCode);
  }
}
