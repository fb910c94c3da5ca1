import { Column, Entity, ForeignKey, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity.js';

/**
 * A user's secret calendar address: only the SHA-256 of its token is kept, so neither the table
 * nor a backup of it gives the address away. One per user: a new address replaces the one before.
 */
@Entity('calendar_feeds')
export class CalendarFeed {
  @PrimaryGeneratedColumn() id: number;
  @ForeignKey(() => User, { onDelete: 'CASCADE' })
  @Column({ type: 'integer', unique: true })
  userId: number;
  /** Hex SHA-256 of the token in the address. */
  @Column({ type: 'varchar', length: 64, unique: true }) tokenHash: string;
  @Column() createdAt: Date;
}
