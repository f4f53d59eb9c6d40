import type { HttpOutcome, HttpRequest } from '../http/HttpClient.js';
import { LiveEndpoints } from '../LiveConfig.js';
import type { Services } from './Services.js';

/** Services whose every request `answer` answers, with a fixed token; `sent` lists the requests in order. */
export function fakeServices(answer: (r: HttpRequest) => HttpOutcome): { services: Services; sent: HttpRequest[] } {
  const sent: HttpRequest[] = [];
  const services: Services = {
    endpoints: LiveEndpoints.parse({ sharepoint: 'https://contoso.sharepoint.com', mySite: 'https://contoso-my.sharepoint.com' }),
    token: async () => 'token',
    send: async (r) => {
      sent.push(r);
      return answer(r);
    },
  };
  return { services, sent };
}

/** A service's answer with this status, body and headers. */
export function answered(status: number, body: Buffer | string = '', headers: Record<string, string> = {}): HttpOutcome {
  return {
    kind: 'answered',
    status,
    headers,
    body: Buffer.isBuffer(body) ? body : Buffer.from(body),
    url: 'https://contoso.example/x',
    attempts: 1,
  };
}
