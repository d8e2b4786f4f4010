import { PageHeader } from '../../components/PageHeader';
import { HealthView } from './HealthView';

/** Conversations › Health: the workspace's import history, trends and alerts. */
export default function HealthPage() {
  return (
    <div className="page">
      <PageHeader
        crumbs="Conversations"
        title="Health"
        lede="What every integration of the workspace imported, excluded and failed over time, the requests sent to each platform, time in each status, and volume alerts."
      />
      <HealthView integrationId={null} />
    </div>
  );
}
