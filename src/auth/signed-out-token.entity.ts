import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity.js';

/** A token its holder signed out of: refused until it would have expired, then deleted. */
@Entity('signed_out_tokens')
export class SignedOutToken {
  @PrimaryColumn({ type: 'varchar', length: 64 }) jti: string;
  @ForeignKey(() => User, { onDelete: 'CASCADE' })
  @Column({ type: 'integer' })
  userId: number;
  @Index('ix_signed_out_tokens_expires')
  @Column({ type: Date })
  expiresAt: Date;
}
