import { Controller, Get } from '@nestjs/common';
import { processFailureReport, type ProcessFailureReport } from './failure-policy';

export interface ProcessDiagnostics {
  pid: number;
  uptimeSeconds: number;
  /** Unhandled rejections and uncaught exceptions this process survived (ADR 0005). */
  failures: ProcessFailureReport;
}

/** GET /diagnostics/process: which process answers, and what it survived. */
@Controller('diagnostics')
export class ProcessDiagnosticsController {
  @Get('process')
  report(): ProcessDiagnostics {
    return { pid: process.pid, uptimeSeconds: Math.round(process.uptime()), failures: processFailureReport() };
  }
}
