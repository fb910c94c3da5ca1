import { ApiProperty } from '@nestjs/swagger';

/** A new secret calendar address: shown this once, since only its token's hash is kept. */
export class CalendarFeedResponse {
  @ApiProperty({
    format: 'uri',
    example: 'https://suivi.federation.example/calendar/q0Zx3uW1c8mB7tYbNf2vKjR5aLhE9sPdGiT4oUyXwCk.ics',
    description:
      'The address to subscribe to in a calendar application. It is shown only now (the service keeps a hash ' +
      'of it): keep it private, as anyone who has it reads the calendar.',
  })
  url: string;
}
