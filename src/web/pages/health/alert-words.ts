import type { AlertView } from '../../api/types';

export const ALERT_KINDS: Record<AlertView['kind'], string> = {
  volume_drop: 'Volume drop',
  no_imports: 'Nothing imported',
};

/** Which drop it is, in words. */
export const ALERT_CAUSES: Record<AlertView['cause'], string> = {
  nothing_fetched: 'Nothing fetched: the platform is quiet, or Intake is not reaching it',
  excluded: 'Fetched but excluded: the settings are keeping contacts out',
  failing: 'Runs are failing',
  stale: 'Nothing imported for longer than the alert allows',
};
