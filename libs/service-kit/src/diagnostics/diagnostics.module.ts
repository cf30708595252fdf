import { Module, type DynamicModule } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ProcessDiagnosticsController } from '../process/process-diagnostics.controller';
import { DiagnosticProbe, DiagnosticProbeSchema } from './diagnostic-probe.schema';
import { DIAGNOSTICS_IDENTITY, DiagnosticsService, type DiagnosticsIdentity } from './diagnostics.service';

@Module({})
export class DiagnosticsModule {
  static forService(identity: DiagnosticsIdentity): DynamicModule {
    return {
      module: DiagnosticsModule,
      imports: [MongooseModule.forFeature([{ name: DiagnosticProbe.name, schema: DiagnosticProbeSchema }])],
      controllers: [ProcessDiagnosticsController],
      providers: [{ provide: DIAGNOSTICS_IDENTITY, useValue: identity }, DiagnosticsService],
      exports: [DiagnosticsService],
    };
  }
}
