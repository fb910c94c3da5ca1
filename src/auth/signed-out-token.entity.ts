import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A token its holder signed out of: refused until it would have expired, then deleted. */
@Entity('signed_out_tokens')
export class SignedOutToken {
  @PrimaryColumn({ type: 'varchar' }) jti: string;
  @Column({ type: 'integer' }) userId: number;
  @Column({ type: Date }) expiresAt: Date;
}
