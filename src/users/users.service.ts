import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { hashPassword, verifyPassword } from '../auth/password-hasher.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { conflict, notFound, unprocessable } from '../common/domain-error.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import type { CreateUserDto, UpdateUserDto } from './dto/user.dto.js';
import { User } from './user.entity.js';

export type PublicUser = Omit<User, 'passwordHash'>;

const normalizeEmail = (email: string) => email.trim().toLowerCase();

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly transactions: TransactionRunner,
  ) {}

  async findActive(id: number): Promise<AuthenticatedUser | null> {
    if (!Number.isSafeInteger(id)) return null;
    const user = await this.users.findOne({ where: { id, active: true } });
    return user ? { id: user.id, email: user.email, name: user.name, role: user.role, language: user.language } : null;
  }

  async authenticate(email: string, password: string): Promise<User | null> {
    const user = await this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email AND u.active = :active', { email: normalizeEmail(email), active: true })
      .getOne();
    // Hash anyway when the account is unknown, so timing does not tell which e-mails exist.
    const matches = await verifyPassword(password, user?.passwordHash ?? (await UNKNOWN_USER_HASH));
    return user && matches ? user : null;
  }

  list(): Promise<User[]> {
    return this.users.find({ order: { id: 'ASC' } });
  }

  async get(id: number): Promise<User> {
    const user = await this.users.findOne({ where: { id } });
    if (!user) throw notFound('User', id);
    return user;
  }

  async create(input: CreateUserDto): Promise<User> {
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
      return manager.findOneByOrFail(User, { id });
    });
  }

  async update(id: number, input: UpdateUserDto): Promise<User> {
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
      if (passwordHash) changes.passwordHash = passwordHash;
      if (Object.keys(changes).length > 0) await manager.update(User, { id }, changes);
      return manager.findOneByOrFail(User, { id });
    });
  }

  /** At start: ADMIN_EMAIL and ADMIN_PASSWORD name an admin to create if no user has that e-mail. */
  async ensureAdmin(admin: { email: string; password: string }): Promise<void> {
    if (await this.users.existsBy({ email: normalizeEmail(admin.email) })) return;
    await this.create({ email: admin.email, password: admin.password, name: 'Administration', role: 'admin' });
    this.logger.log(`Created the admin account ${normalizeEmail(admin.email)}`);
  }
}

// Computed once, lazily, for the unknown-account branch of authenticate().
const UNKNOWN_USER_HASH = hashPassword('no account has this password');
