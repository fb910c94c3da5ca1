import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AuditTrail, type AuditActor } from '../audit/audit-trail.js';
import { hashPassword, verifyPassword } from '../auth/password-hasher.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { conflict, notFound, unprocessable } from '../common/domain-error.js';
import { MAX_INTEGER } from '../common/validators.js';
import { preparedQuery } from '../database/prepared-query.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import type { CreateUserDto, UpdateOwnAccountDto, UpdateUserDto } from './dto/user.dto.js';
import { User, type Language, type Role } from './user.entity.js';

export type PublicUser = Omit<User, 'passwordHash'>;

export interface TokenOwner {
  user: AuthenticatedUser;
  tokenVersion: number;
  signedOut: boolean;
}

interface TokenOwnerRow {
  id: number;
  email: string;
  name: string;
  role: Role;
  language: Language;
  token_version: number;
  signed_out: boolean | number;
}

export const FIND_FOR_TOKEN_SQL = `
  SELECT u.id, u.email, u.name, u.role, u.language, u.token_version,
    EXISTS (SELECT 1 FROM signed_out_tokens s WHERE s.jti = :jti) AS signed_out
  FROM users u
  WHERE u.id = :id AND u.active = :active`;

const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** What the trail keeps of an account: never its password nor anything derived from it. */
const auditedFields = (user: User) => ({
  email: user.email,
  name: user.name,
  role: user.role,
  language: user.language,
  active: user.active,
});

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditTrail,
  ) {}

  /**
   * The active user a token names, their token version, and whether that token was signed out: one
   * read by primary keys, on every request.
   */
  async findForToken(id: number, jti: string): Promise<TokenOwner | null> {
    if (!Number.isSafeInteger(id) || id < 1 || id > MAX_INTEGER) return null;
    const rows = await preparedQuery<TokenOwnerRow>(this.users.manager, FIND_FOR_TOKEN_SQL, { id, jti, active: true });
    if (rows.length === 0) return null;
    const row = rows[0];
    return {
      user: { id: Number(row.id), email: row.email, name: row.name, role: row.role, language: row.language },
      tokenVersion: Number(row.token_version),
      // PostgreSQL answers a boolean, SQLite 0 or 1.
      signedOut: row.signed_out === true || Number(row.signed_out) === 1,
    };
  }

  async authenticate(email: string, password: string): Promise<User | null> {
    const user = await this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .addSelect('u.tokenVersion')
      .where('u.email = :email AND u.active = :active', { email: normalizeEmail(email), active: true })
      .getOne();
    // Hash anyway when the account is unknown, so timing does not tell which e-mails exist.
    const matches = await verifyPassword(password, user?.passwordHash ?? (await UNKNOWN_USER_HASH));
    return user && matches ? user : null;
  }

  list(): Promise<User[]> {
    return this.users.find({ order: { id: 'ASC' } });
  }

  /** The account with this e-mail, whatever its case, or null (Law 25: what is held about a person). */
  findByEmail(email: string, manager: EntityManager = this.users.manager): Promise<User | null> {
    return manager.findOneBy(User, { email: normalizeEmail(email) });
  }

  async get(id: number): Promise<User> {
    const user = await this.users.findOne({ where: { id } });
    if (!user) throw notFound('User', id);
    return user;
  }

  /** `actor` null: the service creates the account itself (the first admin, the demo's people). */
  async create(actor: AuditActor, input: CreateUserDto): Promise<User> {
    const email = normalizeEmail(input.email);
    const passwordHash = await hashPassword(input.password);
    return this.transactions.run(async (manager) => {
      if (await manager.existsBy(User, { email })) throw conflict(`A user with the e-mail ${email} already exists`);
      const user = manager.create(User, {
        email,
        name: input.name,
        role: input.role,
        language: input.language ?? 'fr',
        passwordHash,
        active: true,
      });
      const { id } = await manager.save(user);
      const created = await manager.findOneByOrFail(User, { id });
      await this.audit.record(manager, actor, { entity: 'user', id, before: null, after: auditedFields(created) });
      return created;
    });
  }

  async update(actor: AuditActor, id: number, input: UpdateUserDto): Promise<User> {
    const passwordHash = input.password ? await hashPassword(input.password) : undefined;
    return this.transactions.run(async (manager) => {
      const user = await manager.findOneBy(User, { id });
      if (!user) throw notFound('User', id);
      const losesAdmin =
        user.role === 'admin' && user.active && (input.active === false || (input.role && input.role !== 'admin'));
      // The admin rows stay locked until commit: two admins demoting each other at once cannot both pass.
      const activeAdmins = () =>
        this.transactions
          .forUpdate(
            manager
              .createQueryBuilder(User, 'u')
              .where('u.role = :role AND u.active = :active', { role: 'admin', active: true }),
          )
          .getMany();
      if (losesAdmin && (await activeAdmins()).length <= 1) {
        throw unprocessable('This is the last active admin: make another user admin first');
      }
      const changes: Partial<User> = {};
      if (input.name !== undefined) changes.name = input.name;
      if (input.role !== undefined) changes.role = input.role;
      if (input.language !== undefined) changes.language = input.language;
      if (input.active !== undefined) changes.active = input.active;
      if (Object.keys(changes).length > 0) await manager.update(User, { id }, changes);
      if (passwordHash) await this.setPasswordHash(manager, id, passwordHash);
      await this.recordChange(manager, actor, user, changes, passwordHash !== undefined);
      return manager.findOneByOrFail(User, { id });
    });
  }

  /**
   * A user's own changes: name, language, and the password when the current one is given. A new
   * password revokes every token of the user; the caller gets the new token version to sign a
   * fresh one.
   */
  async updateOwn(id: number, input: UpdateOwnAccountDto): Promise<{ user: User; tokenVersion: number | null }> {
    if (input.password !== undefined) {
      const current = await this.users
        .createQueryBuilder('u')
        .addSelect('u.passwordHash')
        .where('u.id = :id', { id })
        .getOne();
      if (!current || !(await verifyPassword(input.currentPassword ?? '', current.passwordHash))) {
        throw unprocessable('currentPassword is not the current password of this account: nothing was changed', [
          { field: 'currentPassword', problems: ['currentPassword is not your current password'] },
        ]);
      }
    }
    const passwordHash = input.password !== undefined ? await hashPassword(input.password) : undefined;
    return this.transactions.run(async (manager) => {
      const before = await manager.findOneByOrFail(User, { id });
      const changes: Partial<User> = {};
      if (input.name !== undefined) changes.name = input.name;
      if (input.language !== undefined) changes.language = input.language;
      if (Object.keys(changes).length > 0) await manager.update(User, { id }, changes);
      const tokenVersion = passwordHash ? await this.setPasswordHash(manager, id, passwordHash) : null;
      await this.recordChange(manager, { id }, before, changes, passwordHash !== undefined);
      return { user: await manager.findOneByOrFail(User, { id }), tokenVersion };
    });
  }

  /** An account's change in the trail: the fields changed, and a new password as a fact only. */
  private recordChange(
    manager: EntityManager,
    actor: AuditActor,
    before: User,
    changes: Partial<User>,
    passwordChanged: boolean,
  ): Promise<void> {
    return this.audit.record(manager, actor, {
      entity: 'user',
      id: before.id,
      before: auditedFields(before),
      after: passwordChanged ? { ...changes, passwordChanged: true } : changes,
    });
  }

  /** Sets a new password hash and bumps the token version, so every token issued before is refused. */
  async setPasswordHash(manager: EntityManager, id: number, passwordHash: string): Promise<number> {
    await manager
      .createQueryBuilder()
      .update(User)
      .set({ passwordHash, tokenVersion: () => 'token_version + 1' })
      .where('id = :id', { id })
      .execute();
    const { tokenVersion } = await manager
      .createQueryBuilder(User, 'u')
      .select('u.id')
      .addSelect('u.tokenVersion')
      .where('u.id = :id', { id })
      .getOneOrFail();
    return tokenVersion;
  }

  /** At start: ADMIN_EMAIL and ADMIN_PASSWORD name an admin to create if no user has that e-mail. */
  async ensureAdmin(admin: { email: string; password: string }): Promise<void> {
    if (await this.users.existsBy({ email: normalizeEmail(admin.email) })) return;
    // The service creates it itself: nobody is signed in yet.
    const created = await this.create(null, {
      email: admin.email,
      password: admin.password,
      name: 'Administration',
      role: 'admin',
    });
    // The id, not the address: log lines carry no e-mail addresses.
    this.logger.log(`Created the admin account named by ADMIN_EMAIL (user ${created.id})`);
  }
}

// Computed once, lazily, for the unknown-account branch of authenticate().
const UNKNOWN_USER_HASH = hashPassword('no account has this password');
