import { reportMeta } from './reportMeta.js';
import { SignInError } from '../adapters/live/auth/SignInError.js';
import { doctor, unconnected, type DoctorCheck } from '../adapters/live/doctor.js';
import { GraphApi } from '../adapters/live/api/GraphApi.js';
import { connect, type LiveConnection } from '../adapters/live/openLiveTenant.js';
import { lockStateFolder } from '../adapters/live/lockFolder.js';
import { Originals } from '../adapters/live/Originals.js';
import { PolicyLedger } from '../adapters/live/PolicyLedger.js';
import { restoredLine } from '../adapters/live/restoredLine.js';
import { doctorVerdict } from '../reports/DoctorReport.js';
import { renderers } from '../reports/renderers.js';
import { ExitCode } from './ExitCode.js';
import type { Io } from './Io.js';
import type { Format } from './options.js';
import { ChangeLog } from '../adapters/live/ChangeLog.js';
import { emulatorClock, realClock } from '../adapters/live/liveClock.js';
import type { Clock } from '../adapters/Adapter.js';

/**
 * `photosync doctor --config F`: sign-in, tenant, test users, permissions, reachability; changes
 * nothing. Exit 0 when everything a run needs is there, 1 when something is missing, 2 on a bad
 * config, 4 when nothing was found missing but the tenant did not answer every check.
 */
export async function doctorCommand(options: { config: string; format: Format }, io: Io): Promise<ExitCode> {
  const report = (checks: DoctorCheck[]): ExitCode => {
    const r = { config: options.config, checks };
    io.out(renderers.doctor[options.format](r, reportMeta()));
    return DOCTOR_EXIT[doctorVerdict(r)];
  };
  let connection: LiveConnection;
  try {
    // doctor says why a sign-in failed in its own check, with the rest of the setup
    connection = await connect(options.config, { diagnose: false });
  } catch (e) {
    // a config that makes no connection (its CA unreadable) is a missing thing to fix, as a missing certificate is
    if (e instanceof SignInError) return report(unconnected(e.message));
    throw e;
  }
  const { config, http, tokens, services } = connection;
  try {
    return report(
      await doctor({
        config,
        services,
        checkTenant: async () => void (await tokens.token('graph')),
        terminal: process.stdin.isTTY === true,
      }),
    );
  } finally {
    await http.close();
  }
}

// a tenant that did not answer gives no verdict on the setup: not "missing", which sends an administrator to fix it
const DOCTOR_EXIT = { ready: ExitCode.ok, missing: ExitCode.diverges, unanswered: ExitCode.tenantFailed } as const;

/**
 * `photosync restore --config F`: puts back every test user's original photo, and the tenant's photo
 * update settings, still backed up in the config's state folder (after a run that could not), saying
 * so on stderr as a run does. Exit 0 when all are back (or none was waiting), 4 when one could not
 * be put back (its backup stays); refused (75, nothing done) while another process changes the tenant through the state folder.
 */
export async function restoreCommand(options: { config: string }, io: Io): Promise<ExitCode> {
  const { config, http, services, tokens } = await connect(options.config);
  // a run or campaign changing the tenant through this state folder would find its backups put back under it
  let unlock: (() => void) | undefined;
  try {
    unlock = lockStateFolder(config.stateDir);
    // putting an original back is a change like any other: the next survey waits for it to settle,
    // on the tenant's clock (an emulator's is virtual)
    const control = config.endpoints.virtualClock;
    let clock: Clock | undefined;
    const changes = new ChangeLog(config.stateDir);
    const restored = await new Originals(`${config.stateDir}/originals`, new GraphApi(services)).restoreAll(async () => {
      if (clock === undefined) {
        // the app signs in first: a sign-in that cannot be made says why (whyNoSignIn), before any
        // other request (an emulator's clock) fails for the same cause, and no change is logged
        await tokens.token('graph');
        clock = control === undefined ? realClock() : await emulatorClock(control, (r) => http.send(r));
      }
      await changes.record(clock.now());
    });
    if (restored.length === 0) io.err('photosync: nothing waits to be put back (no original photo or photo update settings backed up)\n');
    for (const r of restored) io.err(`${restoredLine(r, options.config)}\n`);
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
    unlock?.();
    await http.close();
  }
}
