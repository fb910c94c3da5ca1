import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { Omittable, Trim } from './validators.js';

/**
 * The fields that lists admins keep (intervention types, financing sources) share: a code that
 * never changes, and the labels French and English readers see.
 */
const CODE_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const LABEL_MAX_LENGTH = 200;

export function ListCode(maxLength: number, example: string) {
  return applyDecorators(
    ApiProperty({
      pattern: CODE_PATTERN.source,
      maxLength,
      example,
      description: 'Lower-case words of letters and digits joined by dashes; unique, and never changes',
    }),
    IsString(),
    Matches(CODE_PATTERN, { message: `code must be lower-case words joined by dashes, as in ${example}` }),
    MaxLength(maxLength),
  );
}

/** A label, trimmed; required on creation, `optional` on a change. */
export function ListLabel(language: 'fr' | 'en', example: string, { optional = false } = {}) {
  const property = {
    minLength: 1,
    maxLength: LABEL_MAX_LENGTH,
    example,
    description: `The label ${language === 'fr' ? 'French' : 'English'} readers see`,
  };
  return applyDecorators(
    ...(optional ? [ApiPropertyOptional(property), Omittable()] : [ApiProperty(property)]),
    Trim(),
    IsString(),
    IsNotEmpty(),
    MaxLength(LABEL_MAX_LENGTH),
  );
}
