import { useCurrentIntegration } from '../integrations/detail/integration-outlet';
import { HealthView } from './HealthView';

/** An integration's Health tab: its import history and trends, time in each status, its alerts. */
export default function HealthTab() {
  const integration = useCurrentIntegration();
  return <HealthView integrationId={integration.id} />;
}
