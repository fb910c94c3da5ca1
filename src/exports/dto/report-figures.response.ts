import { ApiProperty, OmitType } from '@nestjs/swagger';
import { CohortFiguresResponse } from '../../figures/dto/cohort-stats.response.js';
import { ProgramStatsResponse } from '../../figures/dto/program-stats.response.js';
import { SatisfactionResponse } from '../../satisfaction/dto/satisfaction.response.js';

/** A row of the report's cohorts table: the cohort's figures and its participants' satisfaction. */
export class ReportCohortResponse extends CohortFiguresResponse {
  @ApiProperty({ type: () => SatisfactionResponse })
  satisfaction!: SatisfactionResponse;
}

/**
 * The total of the year's cohorts, as `GET /programs/:code/stats` gives it (its cohorts are the
 * report's own table, and the report says once when it was computed), and the satisfaction over all of them.
 */
export class ReportTotalResponse extends OmitType(ProgramStatsResponse, ['cohorts', 'computedAt', 'pending']) {
  @ApiProperty({ type: () => SatisfactionResponse, description: 'Over every answer of the cohorts, each counted once' })
  satisfaction!: SatisfactionResponse;
}
