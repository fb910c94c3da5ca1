import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The password reset an admin started for a user: the SHA-256 of its token, never the token. */
@Entity('password_resets')
export class PasswordReset {
  @PrimaryColumn({ type: 'integer' }) userId: number;
  @Column({ type: 'varchar' }) tokenHash: string;
  @Column({ type: Date }) expiresAt: Date;
  @Column({ type: Date, nullable: true }) usedAt: Date | null;
  @Column({ type: Date }) createdAt: Date;
}
