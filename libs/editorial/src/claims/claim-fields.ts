import { applyDecorators } from '@nestjs/common';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsNotEmpty,
  IsString,
  Matches,
  MaxLength,
  ValidateBy,
} from 'class-validator';

/** Not empty and not only whitespace (the domain refuses a blank statement too). */
export const NotBlank = () =>
  applyDecorators(
    IsString(),
    IsNotEmpty(),
    Matches(/\S/, { message: ({ property }) => `${property} must not be blank` }),
  );

export const Statement = () => applyDecorators(NotBlank(), MaxLength(5000));

export const Claimant = () => applyDecorators(NotBlank(), MaxLength(500));

export const Topics = () =>
  applyDecorators(
    IsArray(),
    ArrayMaxSize(50),
    ArrayUnique(),
    IsString({ each: true }),
    IsNotEmpty({ each: true }),
    MaxLength(200, { each: true }),
  );

export const Reason = () => applyDecorators(NotBlank(), MaxLength(2000));

/** At most `max` Unicode code points once trimmed, and at least one (SPEC §5 counts characters). */
export const CodePointsBetween = (min: number, max: number) =>
  ValidateBy({
    name: 'codePointsBetween',
    validator: {
      validate: (value: unknown) => {
        if (typeof value !== 'string') return false;
        const length = [...value.trim()].length;
        return length >= min && length <= max;
      },
      defaultMessage: (args) =>
        `${args?.property ?? 'value'} must have ${min} to ${max} characters (Unicode code points)`,
    },
  });
