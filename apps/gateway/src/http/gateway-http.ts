import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { serveAdminConsole, serveWebApp } from '../admin-console/serve-admin-console';
import type { GatewayConfig } from '../config';
import { serveOpenApi } from '../openapi/openapi';

/**
 * Angular's production build (critical CSS inlining) switches its stylesheet
 * on with one small inline script (`link[data-beasties-media]`), in older
 * versions with `onload="this.media='all'"`: those are allowed by their
 * hashes, no other inline script is.
 */
const ANGULAR_STYLESHEET_SCRIPT = "'sha256-LMY6wYoFV9I4wWzxaq1N/dTpl4iurQktw706UCHK3vM='";
const ANGULAR_STYLESHEET_ONLOAD = "'sha256-MhtPZXr7+LpJUY5qtMutB+qWfQtMaPccfe7QXtCcEYc='";

/**
 * Security headers of every gateway response (issue 13): a CSP that lets the
 * Angular consoles and the OpenAPI page run and nothing else, no framing
 * anywhere (frame-ancestors 'none', X-Frame-Options DENY), nosniff, no
 * referrer, no `X-Powered-By`.
 */
export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'base-uri': ["'self'"],
        'script-src': ["'self'", ANGULAR_STYLESHEET_SCRIPT],
        'script-src-attr': ["'unsafe-hashes'", ANGULAR_STYLESHEET_ONLOAD],
        // Angular components and the OpenAPI page set style attributes and <style> elements.
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'font-src': ["'self'", 'data:'],
        // 'self' covers ws:/wss: to the same host (CSP level 3).
        'connect-src': ["'self'"],
        'object-src': ["'none'"],
        'frame-ancestors': ["'none'"],
        'form-action': ["'self'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // The consoles are same-origin; HSTS belongs to the TLS terminator (docs/security.md).
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  });
}

/** The gateway's HTTP surface beyond its controllers: headers, OpenAPI, the consoles. `npm start` and the tests both use it. */
export function configureGatewayHttp(app: INestApplication, config: GatewayConfig): void {
  const express = app as NestExpressApplication;
  express.disable('x-powered-by');
  // The client's address (sign-in limits) from the proxies the deployment names, never from anyone's header.
  if (config.TRUST_PROXY) express.set('trust proxy', trustProxyValue(config.TRUST_PROXY));
  express.use(securityHeaders());
  serveOpenApi(app);
  serveAdminConsole(app, config.ADMIN_STATIC_DIR);
  serveWebApp(app, config.AGENT_STATIC_DIR, 'agent');
  serveWebApp(app, config.WIDGET_STATIC_DIR, 'widget');
}

/** "2" is a hop count, "true"/"false" literal, anything else Express's list of names, addresses and subnets. */
function trustProxyValue(setting: string): number | boolean | string[] {
  if (/^\d+$/.test(setting)) return Number(setting);
  if (setting === 'true' || setting === 'false') return setting === 'true';
  return setting.split(',').map((s) => s.trim()).filter(Boolean);
}
