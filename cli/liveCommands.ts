import { reportMeta } from './reportMeta.js';
import { doctor } from '../adapters/live/doctor.js';
import { GraphApi } from '../adapters/live/api/GraphApi.js';
import { connect } from '../adapters/live/openLiveTenant.js';
import { Originals } from '../adapters/live/Originals.js';
import { PolicyLedger } from '../adapters/live/PolicyLedger.js';
import { doctorPassed } from '../reports/DoctorReport.js';
import { renderers } from '../reports/renderers.js';
import { ExitCode } from './ExitCode.js';
import type { Io } from './Io.js';
import type { Format } from './options.js';

/**
 * `photosync doctor --config F`: sign-in, tenant, test users, permissions, reachability; changes
 * nothing. Exit 0 when everything a run needs is there, 1 when something is missing, 2 on a bad config.
 */
export async function doctorCommand(options: { config: string; format: Format }, io: Io): Promise<ExitCode> {
  const { config, http, tokens, services } = await connect(options.config);
  try {
    const checks = await doctor({
      config,
      services,
      checkTenant: async () => void (await tokens.token('graph')),
      terminal: process.stdin.isTTY === true,
    });
    const report = { config: options.config, checks };
    io.out(renderers.doctor[options.format](report, reportMeta()));
    return doctorPassed(report) ? ExitCode.ok : ExitCode.diverges;
  } finally {
    await http.close();
  }
}

/**
 * `photosync restore --config F`: puts back every test user's original photo still backed up in the
 * config's state folder (after a run that could not). Exit 0 when all are back (or none was
 * waiting), 4 when one could not be put back (its backup stays).
 */
export async function restoreCommand(options: { config: string }, io: Io): Promise<ExitCode> {
  const { config, http, services } = await connect(options.config);
  try {
    const restored = await new Originals(`${config.stateDir}/originals`, new GraphApi(services)).restoreAll();
    if (restored.length === 0) io.err('photosync: no original photo waits to be put back\n');
    for (const r of restored) {
      if (r.outcome === 'restored') io.out(`put back the original photo of ${r.upn}\n`);
      else io.err(`photosync: could not put back the original photo of ${r.upn || r.id}: ${r.reason ?? ''}\n`);
    }
    // no API sets the OWA policy back: the administrator does, as photosync says
    const policies = await new PolicyLedger(config.stateDir).changed(config.users.map((u) => u.id));
    for (const id of policies) {
      const upn = config.users.find((u) => u.id === id)!.upn;
      io.err(
        `photosync: set the OWA mailbox policy of ${upn} back by hand: Set-OwaMailboxPolicy -Identity (Get-CASMailbox ${upn}).OwaMailboxPolicy -SetPhotoEnabled $true\n`,
      );
    }
    return restored.every((r) => r.outcome === 'restored') && policies.length === 0 ? ExitCode.ok : ExitCode.tenantFailed;
  } finally {
    await http.close();
  }
}
