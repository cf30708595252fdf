import { Body, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { settingsUpdateSchema, settingsViewSchema, type SettingsUpdate } from '@switchboard/contracts';
import { AdminController } from '../shared/admin-controller.decorator';
import { ApiZodBody, openApiSchema } from '../shared/openapi';
import { zodPipe } from '../shared/zod-validation.pipe';
import { SettingsService } from './settings.service';

@AdminController('settings', 'settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Get()
  @ApiOperation({ summary: 'The service-wide settings (spec: Settings table)' })
  @ApiOkResponse({ schema: openApiSchema(settingsViewSchema, 'output') })
  get() {
    return this.settings.get();
  }

  @Put()
  @ApiOperation({ summary: 'Change some settings; every service applies them at once (A9)' })
  @ApiZodBody(settingsUpdateSchema)
  @ApiOkResponse({ schema: openApiSchema(settingsViewSchema, 'output') })
  update(@Body(zodPipe(settingsUpdateSchema)) change: SettingsUpdate) {
    return this.settings.update(change);
  }
}
