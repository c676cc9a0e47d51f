import { ApiPropertyOptional } from '@nestjs/swagger';
import { type Selector } from '@marginalia/anchoring';
import { IsDefined, IsInt, IsString, MaxLength, Min, ValidateIf } from 'class-validator';

const QUOTE_LIMIT = 100_000;
const CONTEXT_LIMIT = 1000;

const hasPosition = (selector: SelectorRequest) =>
  selector.start !== undefined || selector.end !== undefined;

/** SPEC §3's own example: a claim in corpus file 000. */
const EXAMPLE = {
  start: 1774,
  end: 1789,
  exact: '去年煤炭产量达到13.78亿吨',
  prefix: '安全稳定供应。',
  suffix: ',发电量',
};

/**
 * A span of one revision's text (SPEC §3), for claims and corrections alike: a position in code points (`start` and `end`), a
 * quote (`exact`), or both; its shape is refused here, before anything else (SPEC §8). The
 * server recomputes `exact`, `prefix` and `suffix`; a client's context only chooses among
 * repeated quotes.
 */
export class SelectorRequest {
  @ApiPropertyOptional({ example: EXAMPLE.start, minimum: 0, description: 'Code points' })
  @ValidateIf(hasPosition)
  @IsDefined({ message: 'start is required with end' })
  @IsInt()
  @Min(0)
  start?: number;

  @ApiPropertyOptional({ example: EXAMPLE.end, minimum: 0, description: 'Exclusive' })
  @ValidateIf(hasPosition)
  @IsDefined({ message: 'end is required with start' })
  @IsInt()
  @Min(0)
  end?: number;

  @ApiPropertyOptional({ example: EXAMPLE.exact, description: 'The quoted text' })
  @ValidateIf((selector: SelectorRequest) => selector.exact !== undefined || !hasPosition(selector))
  @IsDefined({ message: 'a selector needs a position (start and end), a quote (exact), or both' })
  @IsString()
  @MaxLength(QUOTE_LIMIT)
  exact?: string;

  @ApiPropertyOptional({
    example: EXAMPLE.prefix,
    description: 'Text right before the quote, to choose among its repeats',
  })
  @ValidateIf((selector: SelectorRequest) => selector.prefix !== undefined)
  @IsString()
  @MaxLength(CONTEXT_LIMIT)
  prefix?: string;

  @ApiPropertyOptional({
    example: EXAMPLE.suffix,
    description: 'Text right after the quote, to choose among its repeats',
  })
  @ValidateIf((selector: SelectorRequest) => selector.suffix !== undefined)
  @IsString()
  @MaxLength(CONTEXT_LIMIT)
  suffix?: string;
}

/** The selector as the anchoring library takes it: only the fields the client sent. */
export function selectorOf({ start, end, exact, prefix, suffix }: SelectorRequest): Selector {
  return {
    ...(start !== undefined ? { start } : {}),
    ...(end !== undefined ? { end } : {}),
    ...(exact !== undefined ? { exact } : {}),
    ...(prefix !== undefined ? { prefix } : {}),
    ...(suffix !== undefined ? { suffix } : {}),
  };
}
