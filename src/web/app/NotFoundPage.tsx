import { Link } from 'react-router-dom';
import { Callout } from '../components/Callout';

export function NotFoundPage() {
  return (
    <div className="page page-narrow">
      <Callout tone="warning" title="This page does not exist">
        <p>The address may be mistyped, or the page was moved.</p>
        <p>
          <Link to="/">Go to the start page</Link>
        </p>
      </Callout>
    </div>
  );
}
