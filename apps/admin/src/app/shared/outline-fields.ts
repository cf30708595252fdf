import type { Provider } from '@angular/core';
import { MAT_FORM_FIELD_DEFAULT_OPTIONS } from '@angular/material/form-field';

/**
 * The forms style of the three apps: outlined fields. The agent console and
 * the widget provide it in app.config.ts; here each component with fields
 * provides it (the form-dialog shell for every dialog, and the pages with
 * fields), because a provider in app.config.ts would bring Material's form
 * field into the first download (about 62 kB), which the lazy pages keep out.
 */
export const OUTLINE_FIELDS: Provider = { provide: MAT_FORM_FIELD_DEFAULT_OPTIONS, useValue: { appearance: 'outline' } };
