import { it } from 'vitest';
import { findProfile } from '../../model/profiles.js';
import { checkRecorded, describeRun, record } from './crossValidation.testkit.js';

it('replay', async () => {
  const profile = findProfile(process.env.P!)!;
  const plan = JSON.parse(process.env.PLAN!);
  const run = await record(profile.id, plan);
  console.log(describeRun(run));
  console.log(JSON.stringify(checkRecorded(profile, run)));
});
