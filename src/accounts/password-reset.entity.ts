import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity.js';

/** The password reset an admin started for a user: the SHA-256 of its token, never the token. */
@Entity('password_resets')
export class PasswordReset {
  @ForeignKey(() => User, { onDelete: 'CASCADE' })
  @PrimaryColumn({ type: 'integer' })
  userId: number;
  @Column({ type: 'varchar', length: 64, unique: true }) tokenHash: string;
  @Column({ type: Date }) expiresAt: Date;
  @Column({ type: Date, nullable: true }) usedAt: Date | null;
  @Column({ type: Date }) createdAt: Date;
}
