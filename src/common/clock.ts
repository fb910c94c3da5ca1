import { Injectable } from '@nestjs/common';

/** The time source of the whole service. Tests replace it to move time without waiting. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
