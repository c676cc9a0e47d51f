import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

const MAX_SIZE = Number.MAX_SAFE_INTEGER;
const ROOT_EXAMPLE = 'x9pdVcXdMUbn0A1AmLZiN5rTfO7hEoIoHQmHbpgR2Ss=';
const NOTE_EXAMPLE =
  'localhost:3000/marginalia\n42\nx9pdVcXdMUbn0A1AmLZiN5rTfO7hEoIoHQmHbpgR2Ss=\n\n' +
  '— localhost:3000/marginalia mU3pZtL0Hp1mXw0W…\n';

/** An issued checkpoint (SPEC §9). */
export class CheckpointResponse {
  @ApiProperty({ example: 42, description: 'How many leaves (events) the checkpoint covers' })
  treeSize!: number;

  @ApiProperty({ example: ROOT_EXAMPLE, description: 'RFC 9162 root hash, base64' })
  rootHash!: string;

  @ApiProperty({ example: '2026-12-07T21:40:00.000Z' })
  issuedAt!: string;

  @ApiProperty({
    example: NOTE_EXAMPLE,
    description: 'The C2SP tlog-checkpoint signed note, exactly as issued',
  })
  note!: string;
}

export class CheckpointPageResponse {
  @ApiProperty({ type: [CheckpointResponse], description: 'Oldest first' })
  items!: CheckpointResponse[];

  @ApiProperty({ type: String, nullable: true, example: null })
  nextCursor!: string | null;
}

export class InclusionProofQuery {
  @ApiProperty({ example: 7, minimum: 0, description: 'The leaf, from 0' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_SIZE)
  leafIndex!: number;

  @ApiProperty({ example: 42, minimum: 1, description: 'The size of the tree to prove it in' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_SIZE)
  treeSize!: number;
}

export class ConsistencyProofQuery {
  @ApiProperty({ example: 10, minimum: 1, description: 'The size of the earlier tree' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_SIZE)
  first!: number;

  @ApiProperty({ example: 42, minimum: 1, description: 'The size of the later tree' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_SIZE)
  second!: number;
}

/** RFC 9162 §2.1.3: the audit path of a leaf. */
export class InclusionProofResponse {
  @ApiProperty({ example: 7 })
  leafIndex!: number;

  @ApiProperty({ example: 42 })
  treeSize!: number;

  @ApiProperty({ example: ROOT_EXAMPLE, description: 'SHA-256(0x00 || entry), base64' })
  leafHash!: string;

  @ApiProperty({ type: [String], example: [ROOT_EXAMPLE], description: 'Base64, leaf to root' })
  hashes!: string[];
}

/** RFC 9162 §2.1.4: the proof that the later tree extends the earlier one. */
export class ConsistencyProofResponse {
  @ApiProperty({ example: 10 })
  first!: number;

  @ApiProperty({ example: 42 })
  second!: number;

  @ApiProperty({ type: [String], example: [ROOT_EXAMPLE], description: 'Base64' })
  hashes!: string[];
}
