import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsNotEmpty,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Omittable, Trim } from '../../common/validators.js';
import { HIGHEST_RATING, LOWEST_RATING } from '../satisfaction-rating.entity.js';

const RATING_MESSAGE = `rating must be a whole number from ${LOWEST_RATING} to ${HIGHEST_RATING}`;

export class RatingDto {
  @ApiProperty({
    type: 'integer',
    minimum: LOWEST_RATING,
    maximum: HIGHEST_RATING,
    example: 5,
    description: 'How the participant rated the program, from 1 to 5 out of 5',
  })
  @IsInt({ message: RATING_MESSAGE })
  @Min(LOWEST_RATING, { message: RATING_MESSAGE })
  @Max(HIGHEST_RATING, { message: RATING_MESSAGE })
  rating: number;

  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 200,
    example: 'Formulaire 12',
    description:
      'A label of your choice (a form number, initials), trimmed; leave it out to keep the rating anonymous. ' +
      'Kept, never shown in answers',
  })
  @Omittable()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  respondent?: string;
}

export const MAX_RATINGS_PER_REQUEST = 500;

export class RecordRatingsDto {
  @ApiProperty({
    type: [RatingDto],
    minItems: 1,
    maxItems: MAX_RATINGS_PER_REQUEST,
    description: `From 1 to ${MAX_RATINGS_PER_REQUEST} ratings, recorded all together or not at all`,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_RATINGS_PER_REQUEST)
  @ValidateNested({ each: true })
  @Type(() => RatingDto)
  ratings: RatingDto[];
}
