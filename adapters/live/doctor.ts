import { access, constants, mkdir } from 'node:fs/promises';
import { tokenClaims } from './auth/tokenClaims.js';
import { graphUrl } from './api/GraphApi.js';
import { serviceMessage, tokenOr, type Resource, type Services } from './api/Services.js';
import { sharePointUrl } from './api/SharePointApi.js';
import type { LiveConfig } from './LiveConfig.js';
import { noAnswer } from './noAnswer.js';
import { whyNoSignIn } from './whyNoSignIn.js';

/**
 * One thing `doctor` checked: passed, missing (in an administrator's words, and how to fix it),
 * unanswered (the tenant did not answer, a transient fault: no verdict on it), or left for later.
 */
export type DoctorCheck = {
  readonly service: string;
  readonly check: string;
  readonly status: 'ok' | 'missing' | 'unanswered' | 'skipped';
  readonly detail: string;
};

/** What doctor looks through: the config's connections, and whether a person can answer at this terminal. */
export type Probe = {
  readonly services: Services;
  readonly config: LiveConfig;
  readonly checkTenant: () => Promise<void>;
  readonly terminal: boolean;
};

const ok = (service: string, check: string, detail = ''): DoctorCheck => ({ service, check, status: 'ok', detail });
const missing = (service: string, check: string, detail: string): DoctorCheck => ({ service, check, status: 'missing', detail });

/** The checks of a config whose connections cannot even be made (endpoints.trustedCa unreadable): `reason` says why. */
export const unconnected = (reason: string): DoctorCheck[] => [missing('Microsoft Entra', 'app sign-in', reason)];

/** The app sign-in check that failed, `reason` being the sign-in's own error: why, by whyNoSignIn. */
async function signInCheck(probe: Probe, reason: string): Promise<DoctorCheck> {
  const why = await whyNoSignIn(probe.config, probe.services, reason);
  return { service: 'Microsoft Entra', check: 'app sign-in', status: why.status, detail: why.detail };
}

/** What a refused request means, by status, for the permission the check needs. */
function refusal(status: number, body: Buffer, permission: string): string {
  if (status === 401) return `signed in, but the service refused the token (${serviceMessage(status, body)})`;
  if (status === 403) return `the app lacks ${permission} (or an administrator has not granted consent): ${serviceMessage(status, body)}`;
  return serviceMessage(status, body);
}

/** The changes a run makes through Graph app-only, and the application permissions that allow each (the first least privileged). */
const GRAPH_CHANGES: readonly { readonly what: string; readonly any: readonly string[] }[] = [
  { what: 'photo changes', any: ['ProfilePhoto.ReadWrite.All', 'User.ReadWrite.All'] },
  { what: 'photo update settings changes', any: ['PeopleSettings.ReadWrite.All'] },
];

/**
 * Whether the app's Graph token carries the application permissions of the changes a run makes:
 * doctor changes nothing, so it reads them in the token (its `roles`), not by trying. Without one,
 * every such change would be refused (403), which a run records as the tenant refusing it.
 */
function graphChangesCheck(roles: readonly string[]): DoctorCheck {
  const lacking = GRAPH_CHANGES.filter((c) => !c.any.some((p) => roles.includes(p)));
  if (lacking.length === 0) return ok('Microsoft Graph', 'app permissions', GRAPH_CHANGES.map((c) => c.what).join(' and '));
  return missing(
    'Microsoft Graph',
    'app permissions',
    `the app's token carries no ${lacking.map((c) => `${c.any[0]} (${c.what})`).join(' and no ')}: each would be refused, and recorded as the tenant refusing it; add the application permission and grant admin consent`,
  );
}

/** An answer, or a check's status and detail when none came. */
async function get(
  probe: Probe,
  resource: Resource,
  url: string,
  as?: string,
  accept?: string,
): Promise<{ status: number; body: Buffer } | { reason: string; status: 'missing' | 'unanswered' }> {
  const t = await tokenOr(probe.services, resource, as);
  if ('reason' in t) return { reason: t.reason, status: 'missing' };
  const outcome = await probe.services.send({
    method: 'GET',
    url,
    token: async () => t.token,
    ...(accept === undefined ? {} : { headers: { accept } }),
  });
  if (outcome.kind === 'answered') return { status: outcome.status, body: outcome.body };
  // a resource is named as its endpoint's field
  const why = noAnswer(probe.config, resource, outcome.failure, outcome.reason);
  return { reason: why.detail, status: why.status };
}

/** The check of a GET that got no answer: unanswered, or missing when the config is to blame. */
const noAnswerCheck = (service: string, check: string, r: { reason: string; status: 'missing' | 'unanswered' }): DoctorCheck => ({
  service,
  check,
  status: r.status,
  detail: r.reason,
});

/**
 * `photosync doctor`: signs in, checks the tenant, each test user, the permissions each service
 * needs and the state folder, and says what is missing. Invariant: it changes nothing in the tenant.
 */
export async function doctor(probe: Probe): Promise<DoctorCheck[]> {
  const { config, services } = probe;
  const out: DoctorCheck[] = [];
  const graphToken = await tokenOr(services, 'graph');
  if ('reason' in graphToken) {
    out.push(await signInCheck(probe, graphToken.reason));
    return out;
  }
  out.push(ok('Microsoft Entra', 'app sign-in', `as app ${config.clientId}`));
  try {
    await probe.checkTenant();
    out.push(ok('Microsoft Entra', 'tenant', config.tenantId));
  } catch (e) {
    out.push(missing('Microsoft Entra', 'tenant', (e as Error).message));
    return out;
  }
  // a token that is no JWT (a test's) says nothing of its permissions
  const claims = tokenClaims(graphToken.token);
  if (claims !== undefined) out.push(graphChangesCheck(claims.roles ?? []));

  for (const u of config.users) {
    const r = await get(probe, 'graph', graphUrl.user(config.endpoints.graph, u.upn));
    if ('reason' in r) out.push(noAnswerCheck('Microsoft Graph', `test user ${u.id}`, r));
    else if (r.status === 200) out.push(ok('Microsoft Graph', `test user ${u.id}`, u.upn));
    else if (r.status === 404) out.push(missing('Microsoft Graph', `test user ${u.id}`, `${u.upn} is not a user of this tenant`));
    else out.push(missing('Microsoft Graph', `test user ${u.id}`, refusal(r.status, r.body, 'User.Read.All')));
  }

  const first = config.users[0]!;
  const photo = await get(probe, 'graph', graphUrl.userPhoto(config.endpoints.graph, first.upn));
  if ('reason' in photo) out.push(noAnswerCheck('Microsoft Graph', 'photos', photo));
  else if (photo.status === 200 || photo.status === 404) out.push(ok('Microsoft Graph', 'photos', `read the photo of ${first.upn}`));
  else out.push(missing('Microsoft Graph', 'photos', refusal(photo.status, photo.body, 'ProfilePhoto.ReadWrite.All')));

  const settings = await get(probe, 'graph', graphUrl.photoSettings(config.endpoints.graph));
  if ('reason' in settings) out.push(noAnswerCheck('Microsoft Graph', 'photo update settings', settings));
  else if (settings.status === 200) out.push(ok('Microsoft Graph', 'photo update settings'));
  else
    out.push(missing('Microsoft Graph', 'photo update settings', refusal(settings.status, settings.body, 'PeopleSettings.ReadWrite.All')));

  if (config.credential.kind === 'secret') {
    out.push(
      missing(
        'SharePoint',
        'app-only access',
        'SharePoint refuses a client secret for app-only access: SharePoint is read as a signed-in test user instead; use a certificate to read it as the app',
      ),
    );
  } else {
    const props = await get(
      probe,
      'sharepoint',
      sharePointUrl.properties(config.endpoints.sharepoint, first.upn),
      undefined,
      'application/json;odata=nometadata',
    );
    if ('reason' in props) out.push(noAnswerCheck('SharePoint', 'user profiles', props));
    else if (props.status === 200) out.push(ok('SharePoint', 'user profiles', `read the profile of ${first.upn}`));
    else
      out.push(
        missing(
          'SharePoint',
          'user profiles',
          refusal(props.status, props.body, 'Sites.FullControl.All and User.Read.All (SharePoint, application)'),
        ),
      );
    const thumb = await get(probe, 'mySite', sharePointUrl.userPhoto(config.endpoints.mySite, first.upn, 'S'));
    if ('reason' in thumb) out.push(noAnswerCheck('SharePoint', 'My Site photos', thumb));
    else if (thumb.status === 200) out.push(ok('SharePoint', 'My Site photos', config.endpoints.mySite));
    else
      out.push(
        missing('SharePoint', 'My Site photos', refusal(thumb.status, thumb.body, 'Sites.FullControl.All (SharePoint, application)')),
      );
  }

  out.push({
    service: 'Viva Engage',
    check: 'delegated sign-in',
    status: 'skipped',
    detail:
      "Viva Engage takes only a signed-in user's token, with the app's delegated permission access_as_user (Yammer): each test user signs in (device code) at the first run that reads it",
  });
  out.push(
    config.operator === 'terminal' && !probe.terminal
      ? missing(
          'photosync',
          'operator',
          'the config asks the person at the terminal for steps with no API, but standard input is not a terminal: answer from a terminal, or set "operator": "none"',
        )
      : ok('photosync', 'operator', config.operator),
  );
  try {
    await mkdir(config.stateDir, { recursive: true });
    await access(config.stateDir, constants.W_OK);
    out.push(ok('photosync', 'state folder', config.stateDir));
  } catch (e) {
    out.push(missing('photosync', 'state folder', `cannot write ${config.stateDir}: ${(e as Error).message}`));
  }
  return out;
}
