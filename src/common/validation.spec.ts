import { BadRequestException, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { IsBooleanString, IsInt, IsString } from 'class-validator';
import { Omittable } from './validators.js';
import { buildValidationPipe } from './validation.js';

class OptionalQuery {
  @Omittable()
  @IsBooleanString({ message: 'fresh must be true or false' })
  fresh?: string;
}

class RequiredQuery {
  @IsString()
  year?: string;
}

class DefaultedQuery {
  @Omittable()
  @IsInt()
  pageSize?: number = 50.5;
}

const asQuery = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({ type: 'query', metatype });

/** What the pipe answers, whether at once or once it has waited. */
const transformed = (pipe: PipeTransform, value: unknown, metadata: ArgumentMetadata): Promise<unknown> =>
  Promise.resolve().then(() => pipe.transform(value, metadata));

async function problemsOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (error instanceof BadRequestException) return (error.getResponse() as { message: string }).message;
    throw error;
  }
  throw new Error('expected a 400');
}

describe('the validation pipe', () => {
  it('answers an empty query of a class whose rules it allows, as many times as asked, with an instance', async () => {
    const pipe = buildValidationPipe();
    for (let i = 0; i < 3; i++) {
      const query: unknown = await transformed(pipe, {}, asQuery(OptionalQuery));
      expect(query).toBeInstanceOf(OptionalQuery);
      expect(query).toEqual(new OptionalQuery());
    }
  });

  it('still checks every query that holds a value after an empty one passed', async () => {
    const pipe = buildValidationPipe();
    await transformed(pipe, {}, asQuery(OptionalQuery));
    expect(await problemsOf(transformed(pipe, { fresh: 'maybe' }, asQuery(OptionalQuery)))).toBe(
      'Invalid input: fresh must be true or false',
    );
    expect(await problemsOf(transformed(pipe, { fresh: 'true', color: 'red' }, asQuery(OptionalQuery)))).toBe(
      'Invalid input: property color should not exist',
    );
    await expect(transformed(pipe, { fresh: 'true' }, asQuery(OptionalQuery))).resolves.toEqual({ fresh: 'true' });
  });

  it('refuses an empty query every time when the class needs a value', async () => {
    const pipe = buildValidationPipe();
    for (let i = 0; i < 2; i++)
      expect(await problemsOf(transformed(pipe, {}, asQuery(RequiredQuery)))).toBe(
        'Invalid input: year must be a string',
      );
  });

  it('validates the defaults a class gives its fields, which make its instance hold a value', async () => {
    const pipe = buildValidationPipe();
    for (let i = 0; i < 2; i++)
      expect(await problemsOf(transformed(pipe, {}, asQuery(DefaultedQuery)))).toBe(
        'Invalid input: pageSize must be an integer number',
      );
  });

  it('passes a named path parameter on as the text it is, for its own pipe to read', async () => {
    const pipe = buildValidationPipe();
    await expect(transformed(pipe, '1e3', { type: 'param', metatype: Number, data: 'id' })).resolves.toBe('1e3');
  });
});
