import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { DirectoryUser } from '../Directory.js';
import type { EmulatorRequest } from '../http/EmulatorRequest.js';
import { oauthErrors } from '../http/errorStyles.js';
import { json, Refusal, type Reply } from '../http/Reply.js';
import type { Router } from '../http/Router.js';
import { DEVICE_CODE_SECONDS, POLL_INTERVAL_SECONDS } from './DeviceCodes.js';
import { authorityOf, type Identity } from './Identity.js';
import { resourceOfScope } from './Resources.js';
import { ACCESS_TOKEN_SECONDS } from './TokenIssuer.js';
import { verifyClientAssertion } from './verifyClientAssertion.js';

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);
const FORM_LIMIT = 64 * 1024;

const field = z.string().min(1);
const ClientCredentialsGrant = z.looseObject({
  grant_type: z.literal('client_credentials'),
  client_id: field,
  scope: field,
  client_secret: field.optional(),
  client_assertion_type: z.literal(JWT_BEARER).optional(),
  client_assertion: field.optional(),
});
// MSAL sends the short name; RFC 8628 names the URN: Microsoft Entra ID takes both
const DeviceCodeGrant = z.looseObject({ grant_type: z.enum([DEVICE_CODE_GRANT, 'device_code']), client_id: field, device_code: field });
const RefreshTokenGrant = z.looseObject({ grant_type: z.literal('refresh_token'), client_id: field, refresh_token: field, scope: field });
const TokenRequest = z.discriminatedUnion('grant_type', [ClientCredentialsGrant, DeviceCodeGrant, RefreshTokenGrant]);
const DeviceCodeRequest = z.looseObject({ client_id: field, scope: field });

const fail = (status: number, error: string, description: string) => new Refusal(oauthErrors(status, error, description));

/**
 * The sign-in service at `/login`: what MSAL Node asks for with instance discovery off (the OpenID
 * configuration, then the token endpoint; the device code endpoint for a signed-in user) and the
 * signing keys. Grants: `client_credentials` with a client assertion or a secret, the device code,
 * and refresh tokens (MSAL's silent flow for another resource).
 */
export function identityRoutes(router: Router, identity: Identity): void {
  const route = (method: 'GET' | 'POST', path: string, handle: (req: EmulatorRequest) => Promise<Reply>) =>
    router.add({ method, path: `/login${path}`, kind: 'login', style: oauthErrors, handle });

  route('GET', '/:tenant/v2.0/.well-known/openid-configuration', async (req) => {
    tenantOf(identity, req);
    return json(200, openIdConfiguration(identity));
  });
  route('GET', '/:tenant/discovery/v2.0/keys', async (req) => {
    tenantOf(identity, req);
    return json(200, identity.issuer.jwks());
  });
  route('POST', '/:tenant/oauth2/v2.0/devicecode', async (req) => {
    tenantOf(identity, req);
    const body = parseForm(DeviceCodeRequest, await form(req));
    checkClient(identity, body.client_id);
    const scopes = scopesOf(identity, body.scope, 'delegated');
    const { deviceCode, userCode } = identity.deviceCodes.start(scopes);
    const verificationUri = `${identity.url}/login/devicelogin`;
    return json(200, {
      user_code: userCode,
      device_code: deviceCode,
      verification_uri: verificationUri,
      expires_in: DEVICE_CODE_SECONDS,
      interval: POLL_INTERVAL_SECONDS,
      message: `To sign in, use a web browser to open the page ${verificationUri} and enter the code ${userCode} to authenticate.`,
    });
  });
  route('POST', '/:tenant/oauth2/v2.0/token', async (req) => {
    const tenant = tenantOf(identity, req);
    const body = parseForm(TokenRequest, await form(req));
    checkClient(identity, body.client_id);
    switch (body.grant_type) {
      case 'client_credentials':
        return clientCredentials(identity, tenant, body);
      case DEVICE_CODE_GRANT:
      case 'device_code':
        return deviceCode(identity, body.device_code);
      case 'refresh_token': {
        const userId = identity.refreshTokens.redeem(body.refresh_token);
        if (userId === undefined)
          throw fail(400, 'invalid_grant', "AADSTS9002313: Invalid request. The provided value for 'refresh_token' is not valid.");
        return userTokens(identity, userFor(identity, userId), scopesOf(identity, body.scope, 'delegated'));
      }
    }
  });
  route('GET', '/devicelogin', async () => ({
    status: 200,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    body: 'photosync emulator: there is no sign-in page. The operator signs in with POST /_emulator/signin {"userCode": "...", "upn": "..."}.\n',
  }));
}

/** The tenant the path names, by id or domain; any other is not found. */
function tenantOf(identity: Identity, req: EmulatorRequest): string {
  const tenant = req.params['tenant']!;
  const { tenantId, domain } = identity.app;
  if (tenant.toLowerCase() !== tenantId && tenant.toLowerCase() !== domain.toLowerCase()) {
    throw fail(
      400,
      'invalid_tenant',
      `AADSTS90002: Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
    );
  }
  return tenant;
}

function openIdConfiguration(identity: Identity): object {
  const authority = authorityOf(identity);
  return {
    token_endpoint: `${authority}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt'],
    jwks_uri: `${authority}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `${authority}/v2.0`,
    request_uri_parameter_supported: false,
    authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${authority}/oauth2/v2.0/devicecode`,
    end_session_endpoint: `${authority}/oauth2/v2.0/logout`,
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nbf', 'name', 'oid', 'preferred_username', 'tid', 'ver'],
    tenant_region_scope: null,
    cloud_instance_name: identity.app.domain,
    cloud_graph_host_name: new URL(identity.url).host,
    msgraph_host: new URL(identity.url).host,
  };
}

async function form(req: EmulatorRequest): Promise<Record<string, string>> {
  const type = req.headers['content-type'] ?? '';
  if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    throw fail(
      400,
      'invalid_request',
      `AADSTS900561: The endpoint only accepts POST requests with header 'content-type: application/x-www-form-urlencoded', not '${type}'.`,
    );
  }
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams((await req.body(FORM_LIMIT)).toString('utf8'))) out[k] ??= v;
  return out;
}

/** Parses a form, or refuses it as Microsoft Entra ID does, naming the parameter. */
function parseForm<S extends z.ZodType>(schema: S, body: Record<string, string>): z.output<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const name = String(parsed.error.issues[0]!.path[0] ?? 'grant_type');
  if (body[name] === undefined)
    throw fail(400, 'invalid_request', `AADSTS900144: The request body must contain the following parameter: '${name}'.`);
  if (name === 'grant_type')
    throw fail(400, 'unsupported_grant_type', `AADSTS70003: The app requested an unsupported grant type '${body[name]}' in 'grant_type'.`);
  throw fail(400, 'invalid_request', `AADSTS900144: The provided value for the input parameter '${name}' is not valid.`);
}

function checkClient(identity: Identity, clientId: string): void {
  if (clientId.toLowerCase() !== identity.app.clientId) {
    throw fail(
      400,
      'unauthorized_client',
      `AADSTS700016: Application with identifier '${clientId}' in 'client_id' was not found in the directory '${identity.app.domain}'.`,
    );
  }
}

/** The scopes of a request, checked: exactly one resource of the tenant, `/.default` for an app-only token. */
function scopesOf(identity: Identity, scope: string, flow: 'app' | 'delegated'): string[] {
  const scopes = scope.split(' ').filter((s) => s !== '');
  const asked = scopes.filter((s) => !OIDC_SCOPES.has(s));
  if (asked.length !== 1) {
    throw fail(
      400,
      'invalid_scope',
      `AADSTS28000: Provided value for the input parameter 'scope' is not valid: it must name exactly one resource, not ${asked.length}.`,
    );
  }
  const only = asked[0]!;
  if (flow === 'app' && !only.endsWith('/.default')) {
    throw fail(
      400,
      'invalid_scope',
      `AADSTS1002012: The provided value for 'scope' ${only} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    );
  }
  if (resourceOfScope(identity.resources, only) === undefined) {
    throw fail(
      400,
      'invalid_resource',
      `AADSTS500011: The resource principal named ${only.replace(/\/[^/]*$/, '')} in 'scope' was not found in the tenant named ${identity.app.domain}.`,
    );
  }
  return asked;
}

function clientCredentials(identity: Identity, tenant: string, body: z.output<typeof ClientCredentialsGrant>): Reply {
  const [scope] = scopesOf(identity, body.scope, 'app');
  const resource = resourceOfScope(identity.resources, scope!)!;
  const { client_secret: secret, client_assertion: assertion } = body;
  if ((secret === undefined) === (assertion === undefined)) {
    throw fail(
      400,
      'invalid_request',
      "AADSTS7000218: The request body must contain exactly one of the following parameters: 'client_assertion' or 'client_secret'.",
    );
  }
  if (secret !== undefined) {
    const given = Buffer.from(secret);
    const expected = Buffer.from(identity.app.clientSecret);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw fail(
        401,
        'invalid_client',
        `AADSTS7000215: Invalid client secret provided in 'client_secret'. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${identity.app.clientId}'.`,
      );
    }
    return appTokens(identity, resource, 'secret');
  }
  if (body.client_assertion_type === undefined) {
    throw fail(400, 'invalid_request', "AADSTS900144: The request body must contain the following parameter: 'client_assertion_type'.");
  }
  const authority = authorityOf(identity);
  const audiences = [`${authority}/oauth2/v2.0/token`, `${identity.url}/login/${tenant}/oauth2/v2.0/token`, `${authority}/v2.0`];
  const refused = verifyClientAssertion(assertion!, identity.app, audiences);
  if (refused !== undefined) throw fail(401, 'invalid_client', `${refused} (in 'client_assertion')`);
  return appTokens(identity, resource, 'certificate');
}

function appTokens(identity: Identity, resource: string, auth: 'secret' | 'certificate'): Reply {
  const { token, expiresIn } = identity.issuer.appToken(resource, auth);
  return json(
    200,
    { token_type: 'Bearer', expires_in: expiresIn, ext_expires_in: expiresIn, access_token: token },
    { 'cache-control': 'no-store' },
  );
}

function deviceCode(identity: Identity, code: string): Reply {
  const polled = identity.deviceCodes.poll(code);
  switch (polled.status) {
    case 'pending':
      throw fail(400, 'authorization_pending', 'AADSTS70016: OAuth 2.0 device flow error. Authorization is pending. Continue polling.');
    case 'declined':
      throw fail(400, 'authorization_declined', 'AADSTS70000: The user declined to sign in on the device.');
    case 'expired':
      throw fail(
        400,
        'expired_token',
        "AADSTS70020: The provided value for the input parameter 'device_code' is not valid. This device code has expired.",
      );
    case 'unknown':
      throw fail(400, 'invalid_grant', "AADSTS70000: The provided value for the input parameter 'device_code' is not valid.");
    case 'approved':
      return userTokens(identity, userFor(identity, polled.userId), polled.scopes);
  }
}

function userFor(identity: Identity, userId: string): DirectoryUser {
  const user = identity.directory.named(userId);
  if (user === undefined) throw fail(400, 'invalid_grant', 'AADSTS50034: The user account does not exist in this directory.');
  return user;
}

function userTokens(identity: Identity, user: DirectoryUser, scopes: readonly string[]): Reply {
  const resource = resourceOfScope(identity.resources, scopes[0]!)!;
  const { token, expiresIn } = identity.issuer.userToken(resource, user);
  const clientInfo = Buffer.from(JSON.stringify({ uid: user.objectId, utid: identity.app.tenantId })).toString('base64url');
  return json(
    200,
    {
      token_type: 'Bearer',
      scope: scopes.join(' '),
      expires_in: expiresIn,
      ext_expires_in: ACCESS_TOKEN_SECONDS,
      access_token: token,
      refresh_token: identity.refreshTokens.issue(user.id),
      id_token: identity.issuer.idToken(user),
      client_info: clientInfo,
    },
    { 'cache-control': 'no-store' },
  );
}
