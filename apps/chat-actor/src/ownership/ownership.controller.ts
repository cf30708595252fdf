import { Controller, Get } from '@nestjs/common';
import { OwnershipService } from './ownership.service';

/** Which partitions this process owns, with their fencing and lease epochs (A1: ownership is visible). */
@Controller('diagnostics')
export class OwnershipController {
  constructor(private readonly ownership: OwnershipService) {}

  @Get('ownership')
  ownershipReport() {
    return this.ownership.report();
  }
}
