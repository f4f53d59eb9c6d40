/**
 * How photosync names itself to Microsoft's services: as SharePoint Online asks of REST callers
 * (`NONISV|Company|App/Version`), whose "decorated" traffic it throttles last. Invariant: the
 * version is package.json's (cli/reportMeta.test.ts).
 */
export const USER_AGENT = 'NONISV|photosync|photosync/0.1.0';
