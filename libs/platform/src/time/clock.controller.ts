import { Body, Controller, ForbiddenException, Get, Put } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { z } from 'zod';
import { Public } from '../auth/public.decorator';
import { Roles } from '../auth/roles.decorator';
import { validate } from '../http/zod-validation';
import { AdjustableClock, Clock } from './clock';

const SetClockRequest = z.object({ now: z.iso.datetime({ offset: true }) });

/**
 * Test-only clock control: reading it is public; moving it needs a platform operator's token and an
 * adjustable clock (ALLOW_CLOCK_CONTROL=true, which production refuses at start), else 403.
 */
@ApiExcludeController()
@Controller('admin/clock')
export class ClockController {
  constructor(private readonly clock: Clock) {}

  @Public()
  @Get()
  current() {
    return { now: this.clock.now().toISOString(), adjustable: this.clock instanceof AdjustableClock };
  }

  @Roles('platform-operator')
  @Put()
  set(@Body(validate(SetClockRequest)) body: z.infer<typeof SetClockRequest>) {
    if (!(this.clock instanceof AdjustableClock)) throw new ForbiddenException('clock control is disabled (ALLOW_CLOCK_CONTROL is not true)');
    this.clock.setNow(new Date(body.now));
    return { now: this.clock.now().toISOString() };
  }
}
