import { randomUUID } from 'node:crypto';
import { json, type Reply } from './Reply.js';

/** How a family of endpoints writes an error: Graph's JSON, SharePoint's OData, or OAuth's. `target` names the field at fault. */
export type ErrorStyle = (status: number, code: string, message: string, target?: string) => Reply;

/** Microsoft Graph's error body (also used by Viva Engage and the control endpoints). */
export const graphErrors: ErrorStyle = (status, code, message, target) =>
  json(
    status,
    {
      error: {
        code,
        message,
        ...(target === undefined ? {} : { target }),
        innerError: { date: new Date().toISOString(), 'request-id': randomUUID() },
      },
    },
    status === 401 ? { 'www-authenticate': 'Bearer realm=""' } : {},
  );

/** SharePoint's: OData errors, and `error_description` for a refused bearer token as SharePoint answers it. */
export const sharePointErrors: ErrorStyle = (status, code, message, target) =>
  status === 401
    ? json(
        401,
        { error_description: message },
        { 'www-authenticate': 'Bearer realm=""', 'x-ms-diagnostics': `3000003;reason="${message}"` },
      )
    : json(status, { 'odata.error': { code, message: { lang: 'en-US', value: message }, ...(target === undefined ? {} : { target }) } });

/** Microsoft Entra ID's token endpoint errors: `code` is the OAuth error, the message starts with its AADSTS number and names the field. */
export const oauthErrors: ErrorStyle = (status, code, message) =>
  json(status, {
    error: code,
    error_description: message,
    error_codes: [Number(/^AADSTS(\d+)/.exec(message)?.[1] ?? 0)],
    timestamp: new Date().toISOString().replace('T', ' ').slice(0, 19) + 'Z',
    trace_id: randomUUID(),
    correlation_id: randomUUID(),
  });
